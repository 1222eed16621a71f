package dev.asyncdb.bench.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's peak resident set size ({@code VmHWM}) from {@code /proc/self/status}. */
public final class PeakRss {

  private PeakRss() {}

  /** The peak RSS in kilobytes, or -1 where {@code /proc} is not available. */
  public static long kilobytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
