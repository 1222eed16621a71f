package dev.asyncdb.bench.workload.mix;

import java.util.Arrays;
import java.util.List;

/**
 * The latencies of one kind of operation during one run (only of the operations that succeeded),
 * and its failures: how many, and what the first one said.
 */
public final class OperationSamples {
  private long[] nanos = new long[256];
  private int count;
  private long errors;
  private Exception firstError;
  private boolean sorted;

  /** Adds the latency of an operation that succeeded. */
  void add(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
    sorted = false;
  }

  /** Counts a failed operation; {@code failure} is a {@link WrongAnswer} or what the target threw. */
  void error(Exception failure) {
    errors++;
    if (firstError == null) {
      firstError = failure;
    }
  }

  /** All samples of {@code parts} (one per client) in one. */
  static OperationSamples merge(List<OperationSamples> parts) {
    OperationSamples all = new OperationSamples();
    all.nanos = new long[Math.max(1, parts.stream().mapToInt(p -> p.count).sum())];
    for (OperationSamples p : parts) {
      System.arraycopy(p.nanos, 0, all.nanos, all.count, p.count);
      all.count += p.count;
      all.errors += p.errors;
      if (all.firstError == null) {
        all.firstError = p.firstError;
      }
    }
    return all;
  }

  /** Operations that succeeded. */
  public long succeeded() {
    return count;
  }

  /** Operations that failed or answered wrongly. */
  public long errors() {
    return errors;
  }

  /** The first failure, or null. */
  public Exception firstError() {
    return firstError;
  }

  /**
   * The {@code q} quantile (0 < q ≤ 1) of the latencies in milliseconds by the nearest-rank
   * method: the smallest latency that at least {@code q} of the operations did not exceed.
   */
  public double percentileMillis(double q) {
    if (count == 0) {
      throw new IllegalStateException("no operation of this kind succeeded, so it has no latency");
    }
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], got " + q);
    }
    if (!sorted) {
      Arrays.sort(nanos, 0, count);
      sorted = true;
    }
    int rank = (int) Math.ceil(q * count);
    return nanos[Math.max(0, rank - 1)] / 1e6;
  }
}
