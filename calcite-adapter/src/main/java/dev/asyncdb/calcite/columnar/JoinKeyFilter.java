package dev.asyncdb.calcite.columnar;

/**
 * A semi-join applied while the probe side of a join is scanned: keeps the rows whose join key
 * some row of a neighbouring input (already filtered and reduced) has. It is exact, so the join's
 * result is the same; it spares the probe the rows that would find no partner, and the other
 * filters of the scan the rows it drops first.
 */
final class JoinKeyFilter extends RowFilter {
  private final JoinKeys.Reader reader;
  private final KeySet partners;
  private final long[] codes = new long[Batch.SIZE];
  private final boolean[] nulls = new boolean[Batch.SIZE];

  /** {@code reader} reads this side's key column (one reader per scanning thread). */
  JoinKeyFilter(JoinKeys.Reader reader, KeySet partners) {
    this.reader = reader;
    this.partners = partners;
  }

  @Override
  int filter(int[] rows, int n) {
    return reader.keep(partners, rows, n, codes, nulls);
  }

  @Override
  int cost() {
    return 2;
  }
}
