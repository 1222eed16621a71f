package dev.asyncdb.bench.workload;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A probe run in a JVM of its own (W8's loads, W12's first queries): the harness's heap and GC
 * options, UTC, the given class path and arguments; its standard error goes to a log, and its
 * result is the last line of standard output that starts with the probe's prefix.
 */
final class ChildProbe {
  private ChildProbe() {}

  /** The command that runs {@code main} with {@code args} in a child JVM. */
  static List<String> command(List<String> jvmOptions, String classPath, Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-XX:+Use")) {
        command.add(arg);
      }
    }
    command.addAll(jvmOptions);
    command.add("-Duser.timezone=UTC");
    command.add("-cp");
    command.add(classPath);
    command.add(main.getName());
    command.addAll(args);
    return command;
  }

  /**
   * Runs {@code command} and returns what its last line starting with {@code prefix} says after
   * the prefix; {@code what} names the probe in errors (timeout, no result), which point at the log.
   */
  static String run(List<String> command, Path log, Duration timeout, String prefix, String what) throws IOException, InterruptedException {
    Path stdout = log.resolveSibling(log.getFileName() + ".out");
    Process process = new ProcessBuilder(command)
        .redirectError(log.toFile())
        .redirectOutput(stdout.toFile())
        .start();
    process.getOutputStream().close();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException(what + " timed out after " + timeout.toSeconds() + " s; see " + log);
    }
    String found = null;
    for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
      if (line.startsWith(prefix)) {
        found = line.substring(prefix.length());
      }
    }
    if (found == null) {
      throw new IOException(what + " exited with " + process.exitValue() + " and printed no result; see " + log);
    }
    return found;
  }
}
