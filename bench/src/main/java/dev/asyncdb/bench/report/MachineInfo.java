package dev.asyncdb.bench.report;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine and JVM a run happened on: cores, total memory (from {@code /proc/meminfo}),
 * operating system, JVM and the JVM's heap options.
 *
 * @param cores available processors
 * @param memoryKb total memory in kB, or -1 when unknown
 * @param os operating system name, version and architecture
 * @param jvm JVM name, version and vendor
 * @param jvmOptions the heap-related JVM options
 */
public record MachineInfo(int cores, long memoryKb, String os, String jvm, String jvmOptions) {

  /** Describes the current machine and JVM. */
  public static MachineInfo current() {
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch");
    String jvm = System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.vendor")
        + ")";
    List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-Xm") || a.startsWith("-XX:+Use"))
        .toList();
    return new MachineInfo(Runtime.getRuntime().availableProcessors(), totalMemoryKb(), os, jvm,
        String.join(" ", options));
  }

  /** The memory as text, e.g. {@code 23.4 GiB}. */
  public String memoryText() {
    return memoryKb < 0 ? "unknown"
        : String.format(Locale.ROOT, "%.1f GiB", memoryKb / 1024.0 / 1024.0);
  }

  private static long totalMemoryKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.substring(9).trim().split("\\s+")[0]);
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }
}
