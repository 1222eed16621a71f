package dev.asyncdb.calcite.columnar;

/**
 * The hash key of a join on one or more columns, from the columns' codes ({@link JoinKeys}): one
 * column's code is the key itself; several columns' codes are numbered per column on the build
 * side and the numbers combined pair by pair into one dense id, which the probe side looks up
 * without adding (a value the build side lacks cannot match). A NULL in any column never matches.
 */
final class CompositeKey {
  private final int columns;
  /** Per column, the build side's codes numbered densely (more than one column only). */
  private final LongIntMap[] dense;
  /** Per column after the first, (combination so far, column's number) numbered densely. */
  private final LongIntMap[] pairs;

  CompositeKey(int columns) {
    this.columns = columns;
    this.dense = new LongIntMap[columns];
    this.pairs = new LongIntMap[columns];
    if (columns > 1) {
      for (int j = 0; j < columns; j++) {
        dense[j] = new LongIntMap();
        pairs[j] = new LongIntMap();
      }
    }
  }

  /** Keys of build rows: {@code miss[i]} when a column is NULL. */
  void build(long[][] codes, boolean[][] nulls, boolean[] anyNull, int n, long[] keys, boolean[] miss) {
    combine(codes, nulls, anyNull, n, keys, miss, true);
  }

  /** Keys of probe rows: {@code miss[i]} when a column is NULL or a value no build row has. */
  void probe(long[][] codes, boolean[][] nulls, boolean[] anyNull, int n, long[] keys, boolean[] miss) {
    combine(codes, nulls, anyNull, n, keys, miss, false);
  }

  private void combine(long[][] codes, boolean[][] nulls, boolean[] anyNull, int n, long[] keys, boolean[] miss, boolean add) {
    for (int i = 0; i < n; i++) {
      miss[i] = false;
    }
    for (int j = 0; j < columns; j++) {
      if (anyNull[j]) {
        boolean[] nj = nulls[j];
        for (int i = 0; i < n; i++) {
          miss[i] |= nj[i];
        }
      }
    }
    if (columns == 1) {
      System.arraycopy(codes[0], 0, keys, 0, n);
      return;
    }
    for (int i = 0; i < n; i++) {
      if (miss[i]) {
        continue;
      }
      long combined = 0;
      for (int j = 0; j < columns && !miss[i]; j++) {
        int number = add ? dense[j].idOf(codes[j][i]) : dense[j].get(codes[j][i]);
        int id = number < 0 ? -1 : j == 0 ? number
            : add ? pairs[j].idOf(combined << 32 | number) : pairs[j].get(combined << 32 | number);
        if (id < 0) {
          miss[i] = true;
        }
        combined = id;
      }
      keys[i] = combined;
    }
  }
}
