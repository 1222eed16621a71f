package dev.asyncdb.bench;

import java.util.Locale;
import java.util.TimeZone;

/** The command-line entry point of the benchmark harness; {@code bench/run.sh} calls it. */
public final class BenchMain {

  private BenchMain() {}

  /** Runs the benchmark; see {@link BenchOptions} for the arguments. */
  public static void main(String[] args) throws Exception {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    Locale.setDefault(Locale.ROOT);
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    int code = new BenchRun(options, System.out).run();
    System.out.flush();
    System.exit(code);
  }
}
