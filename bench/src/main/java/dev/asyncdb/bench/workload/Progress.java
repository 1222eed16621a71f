package dev.asyncdb.bench.workload;

import java.io.PrintStream;
import java.util.Locale;

/** One progress line per finished case, so a long run shows where it is. */
public final class Progress {

  private Progress() {}

  /** Logs {@code outcome} of {@code engine} in case {@code label} of workload {@code id}. */
  public static void log(PrintStream log, String id, String label, String engine,
      Outcome outcome, Unit unit) {
    String text = switch (outcome.status()) {
      case OK -> figure(outcome.measurement(), unit);
      case UNCHECKED, MISMATCH -> figure(outcome.measurement(), unit) + "  " + outcome.status()
          + ": " + outcome.message();
      case ERROR -> "ERROR: " + outcome.message();
      case UNAVAILABLE -> outcome.message();
    };
    log.printf(Locale.ROOT, "[%s] %-28s %-22s %s%n", id, label, engine, text);
  }

  private static String figure(Measurement m, Unit unit) {
    return String.format(Locale.ROOT, "%.3f %s (min %.3f, max %.3f, %d runs)",
        m.median(), unit.symbol(), m.min(), m.max(), m.runs());
  }
}
