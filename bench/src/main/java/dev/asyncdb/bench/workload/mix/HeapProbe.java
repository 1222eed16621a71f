package dev.asyncdb.bench.workload.mix;

import java.lang.management.ManagementFactory;

/**
 * The heap this JVM holds after a full collection: what is still reachable, so that a figure
 * taken before a run and after it shows whether the run left memory behind.
 */
public final class HeapProbe {

  private HeapProbe() {}

  /** Collects (twice: the second also takes what the first only released) and returns the MB in use. */
  public static double usedAfterGcMegabytes() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }
}
