package dev.asyncdb.bench.report;

import dev.asyncdb.bench.workload.Measurement;
import dev.asyncdb.bench.workload.Unit;
import java.util.Locale;

/** Formats figures with as many digits as are worth reading at their magnitude. */
public final class Figures {

  private Figures() {}

  /** {@code 183,412}, {@code 42.5}, {@code 3.14}, {@code 0.052}. */
  public static String number(double value) {
    double abs = Math.abs(value);
    String pattern = abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, value);
  }

  /** {@code median (min–max)}, or just the median after a single run. */
  public static String measurement(Measurement m) {
    if (m.runs() == 1) {
      return number(m.median()) + " (1 run)";
    }
    return number(m.median()) + " (" + number(m.min()) + "–" + number(m.max()) + ")";
  }

  /** As {@link #measurement(Measurement)}, with counts as whole numbers ({@code 0 (0–2)}). */
  public static String measurement(Measurement m, Unit unit) {
    if (unit != Unit.COUNT) {
      return measurement(m);
    }
    String median = String.format(Locale.ROOT, "%,.0f", m.median());
    return m.runs() == 1 ? median + " (1 run)"
        : median + String.format(Locale.ROOT, " (%,.0f–%,.0f)", m.min(), m.max());
  }

  /** A ratio such as {@code 0.52×}; below 0.01 as a fraction, such as {@code 1/7,000×}. */
  public static String ratio(double value) {
    if (value < 0.01) {
      return "1/" + number(significant(1 / value)) + "×";
    }
    return String.format(Locale.ROOT, value >= 10 ? "%.0f×" : value >= 1 ? "%.1f×" : "%.2f×",
        value);
  }

  private static double significant(double value) {
    return new java.math.BigDecimal(value).round(new java.math.MathContext(2)).doubleValue();
  }
}
