package dev.asyncdb.bench.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * Repeats one measured run up to the policy's run count, stopping early once the case's time
 * budget is spent; the caller has already warmed the engine up.
 */
public final class Sampler {

  /** One measured run that returns its figure. */
  @FunctionalInterface
  public interface Run {
    /** Runs once and returns the figure (a time or a rate). */
    double once() throws Exception;
  }

  private final RunPolicy policy;

  public Sampler(RunPolicy policy) {
    this.policy = policy;
  }

  /** Measures {@code run}; {@code caseStartNanos} is when the case (with its warm-up) began. */
  public Measurement sample(long caseStartNanos, Run run) throws Exception {
    List<Double> samples = new ArrayList<>();
    long budget = policy.caseBudget().toNanos();
    do {
      samples.add(run.once());
    } while (samples.size() < policy.runs() && System.nanoTime() - caseStartNanos < budget);
    return Measurement.of(samples);
  }
}
