package dev.asyncdb.engine.table;

/**
 * Physical rows {@code first .. end - 1} of a table, each holding a record inserted by one write:
 * how a bulk load's rows travel to the stores and the log without an object per row.
 */
public record RowRange(RecordTable table, int first, int end) {
  public RowRange {
    if (first < 0 || end < first) {
      throw new IllegalArgumentException("not a range of rows: " + first + " .. " + end);
    }
  }

  public int size() {
    return end - first;
  }

  /** Rows {@code from .. to - 1} of this range, counted from its start. */
  public RowRange slice(int from, int to) {
    return new RowRange(table, first + from, first + to);
  }
}
