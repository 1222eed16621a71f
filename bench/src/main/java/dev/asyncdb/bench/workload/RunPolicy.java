package dev.asyncdb.bench.workload;

import java.time.Duration;

/**
 * How much each case may run: measured runs after the warm-up, a time budget per case (so a slow
 * engine cannot stretch the whole run), the window of one throughput run, and per-query and
 * per-process time limits.
 *
 * @param warmUp whether cases warm up before measuring; without it the checked run of a query
 *     is its only measurement (smoke runs prove correctness, their figures mean little)
 * @param runs measured runs per case, when the budget allows
 * @param caseBudget time after which a case stops starting new measured runs (one always runs)
 * @param throughputWindow length of one throughput run (W1, W2)
 * @param writeWindow length of one durable-insert run (W7)
 * @param queryTimeoutSeconds limit for one statement
 * @param probeRuns child processes per engine for W8
 * @param probeTimeout limit for one W8 child process
 * @param engineTimeout limit for one engine's open, or one workload on one engine, after which
 *     the engine is taken for hung and abandoned
 * @param loadWindow length of one run of W11's concurrent mix (a fixed duration per run; full runs
 *     warm up for one such window, then run {@code runs} of them per target)
 */
public record RunPolicy(boolean warmUp, int runs, Duration caseBudget, Duration throughputWindow,
    Duration writeWindow, int queryTimeoutSeconds, int probeRuns, Duration probeTimeout,
    Duration engineTimeout, Duration loadWindow) {

  /** The full run: five runs per case, bounded so scale 1 stays under 20 minutes on 2 cores. */
  public static RunPolicy full() {
    return new RunPolicy(true, 5, Duration.ofSeconds(12), Duration.ofSeconds(1),
        Duration.ofSeconds(2), 120, 3, Duration.ofMinutes(5), Duration.ofMinutes(5),
        Duration.ofSeconds(2));
  }

  /** The smoke run: just enough to prove every engine answers every query correctly. */
  public static RunPolicy smoke() {
    return new RunPolicy(false, 1, Duration.ofSeconds(1), Duration.ofMillis(100),
        Duration.ofMillis(200), 60, 1, Duration.ofMinutes(1), Duration.ofMinutes(1),
        Duration.ofSeconds(2));
  }

  /** The same policy with W11 runs of {@code window}. */
  public RunPolicy withLoadWindow(Duration window) {
    return new RunPolicy(warmUp, runs, caseBudget, throughputWindow, writeWindow,
        queryTimeoutSeconds, probeRuns, probeTimeout, engineTimeout, window);
  }
}
