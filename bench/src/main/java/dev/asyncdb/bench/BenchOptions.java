package dev.asyncdb.bench;

import dev.asyncdb.bench.workload.mix.OperationMix;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@link BenchMain}: {@code --scale S}, {@code --only W1,W3},
 * {@code --smoke}, {@code --out FILE}, {@code --work DIR}, {@code --load-seconds S} and
 * {@code --load-mix L,R,I}.
 *
 * @param scale dataset scale (app: ×100k users, ×1M posts; TPC-H: SF 0.1×)
 * @param only the workloads to run; empty means all
 * @param smoke tiny scale, few runs, non-zero exit on any mismatch or failure
 * @param out the report file
 * @param work where datasets and engine files go
 * @param loadSeconds the length of one W11 run in seconds, or null for the run policy's
 * @param loadMix W11's percentages of point lookups, range queries and inserts
 */
public record BenchOptions(double scale, Set<String> only, boolean smoke, Path out, Path work,
    Double loadSeconds, OperationMix.Shares loadMix) {

  /** The workload ids, in run order. */
  public static final Set<String> WORKLOADS =
      Set.of("W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W10", "W11", "W12");
  static final double SMOKE_SCALE = 0.01;

  static final String USAGE = """
      usage: BenchMain [--scale S] [--only W1,W3,...] [--smoke] [--out FILE] [--work DIR] [--load-seconds S]
        --scale S         dataset scale (default 1; 0.01 with --smoke)
        --only ...        run only these workloads (W1..W12)
        --smoke           tiny scale and few runs; exits non-zero on any mismatch or failure
        --out FILE        report file (default docs/benchmarks.md; <work>/smoke-report.md with --smoke)
        --work DIR        datasets and scratch files (default bench/runs)
        --load-seconds S  length of one W11 run per target (default 2; full runs warm up for one
                          and measure five)
        --load-mix L,R,I  W11's percentages of point lookups, range queries, inserts (default 80,15,5)""";

  /** Parses {@code args}; throws {@link IllegalArgumentException} with the usage on errors. */
  public static BenchOptions parse(String... args) {
    Double scale = null;
    Set<String> only = new LinkedHashSet<>();
    boolean smoke = false;
    Path out = null;
    Path work = Path.of("bench", "runs");
    Double loadSeconds = null;
    OperationMix.Shares loadMix = OperationMix.Shares.DEFAULT;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = parseScale(value(args, ++i));
        case "--only" -> only.addAll(parseOnly(value(args, ++i)));
        case "--smoke" -> smoke = true;
        case "--out" -> out = Path.of(value(args, ++i));
        case "--work" -> work = Path.of(value(args, ++i));
        case "--load-seconds" -> loadSeconds = parseSeconds(value(args, ++i));
        case "--load-mix" -> loadMix = OperationMix.Shares.parse(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "\n" + USAGE);
      }
    }
    double s = scale != null ? scale : smoke ? SMOKE_SCALE : 1;
    Path report = out != null ? out
        : smoke ? work.resolve("smoke-report.md") : Path.of("docs", "benchmarks.md");
    return new BenchOptions(s, Set.copyOf(only), smoke, report, work, loadSeconds, loadMix);
  }

  /** Whether workload {@code id} runs. */
  public boolean selected(String id) {
    return only.isEmpty() || only.contains(id);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static double parseScale(String text) {
    double scale;
    try {
      scale = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--scale must be a number, not " + text);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("--scale must be positive, not " + text);
    }
    return scale;
  }

  private static double parseSeconds(String text) {
    double seconds;
    try {
      seconds = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--load-seconds must be a number of seconds, not " + text);
    }
    if (!(seconds >= 0.1) || seconds > 3600) {
      throw new IllegalArgumentException("--load-seconds must be between 0.1 and 3600, not " + text);
    }
    return seconds;
  }

  private static Set<String> parseOnly(String text) {
    Set<String> ids = new LinkedHashSet<>();
    for (String part : Arrays.asList(text.split(","))) {
      String id = part.trim().toUpperCase(Locale.ROOT);
      if (!WORKLOADS.contains(id)) {
        throw new IllegalArgumentException("unknown workload " + part + " (known: W1..W12)");
      }
      ids.add(id);
    }
    return ids;
  }
}
