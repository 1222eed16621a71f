package dev.asyncdb.bench.workload;

/** The unit of a figure and whether more of it is better. */
public enum Unit {
  OPS_PER_SECOND("ops/s", true),
  ROWS_PER_SECOND("rows/s", true),
  MILLISECONDS("ms", false),
  SECONDS("s", false),
  MEGABYTES("MB", false),
  COUNT("count", false);

  private final String symbol;
  private final boolean higherIsBetter;

  Unit(String symbol, boolean higherIsBetter) {
    this.symbol = symbol;
    this.higherIsBetter = higherIsBetter;
  }

  /** The symbol printed after figures, e.g. {@code ms}. */
  public String symbol() {
    return symbol;
  }

  /** True for throughputs, false for times and sizes. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }
}
