package dev.asyncdb.bench.workload.mix;

/** The kinds of operation in W11's mix, each reported on its own. */
public enum Operation {
  LOOKUP("point lookup", "point lookups"),
  RANGE("range query", "range queries"),
  INSERT("insert", "inserts");

  private final String singular;
  private final String plural;

  Operation(String singular, String plural) {
    this.singular = singular;
    this.plural = plural;
  }

  /** {@code point lookup}, for labels such as "point lookup p50". */
  public String singular() {
    return singular;
  }

  /** {@code point lookups}, for labels such as "point lookups (ops/s)". */
  public String plural() {
    return plural;
  }
}
