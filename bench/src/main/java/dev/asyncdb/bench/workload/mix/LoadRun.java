package dev.asyncdb.bench.workload.mix;

import java.util.Map;

/**
 * What one run of the mix produced: per kind of operation its samples, and how long the clients
 * ran (from the common start to the end of the last operation begun inside the window).
 *
 * @param byOperation every kind's samples
 * @param seconds the run's length
 */
public record LoadRun(Map<Operation, OperationSamples> byOperation, double seconds) {

  /** The samples of {@code op}. */
  public OperationSamples of(Operation op) {
    return byOperation.get(op);
  }

  /** Operations of {@code op} that succeeded, per second. */
  public double rate(Operation op) {
    return of(op).succeeded() / seconds;
  }

  /** All operations that succeeded, per second. */
  public double rate() {
    return byOperation.values().stream().mapToLong(OperationSamples::succeeded).sum() / seconds;
  }

  /** Failed operations of every kind. */
  public long errors() {
    return byOperation.values().stream().mapToLong(OperationSamples::errors).sum();
  }
}
