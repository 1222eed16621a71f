package dev.asyncdb.engine.table;

/**
 * Where each value of an integer column lies among one version's live rows (their positions in
 * {@link TableVersion#sharedLiveRows()}), for joins that know which keys they want: the large side
 * of a join whose other side kept a few keys reads just those keys' rows instead of every row.
 *
 * <p>Built in two passes by counting sort over the value range, so only for columns whose values
 * span a range comparable to the number of rows (ids, foreign keys to them); NULL rows are not
 * listed. Immutable once built: every reader of the version shares it.
 */
public final class LongKeyIndex {
  /** Widest value range indexed, as a multiple of the rows (plus a constant for small tables). */
  private static final int RANGE_PER_ROW = 8;
  private static final int RANGE_SLACK = 1 << 16;

  private final long min;
  /** Positions of value {@code v} are {@code positions[start[v - min] .. start[v - min + 1])}, ascending. */
  private final int[] start;
  private final int[] positions;
  private final int distinct;

  private LongKeyIndex(long min, int[] start, int[] positions, int distinct) {
    this.min = min;
    this.start = start;
    this.positions = positions;
    this.distinct = distinct;
  }

  /**
   * The index of a LONG column over {@code live} (a version's live rows), or null when the column is
   * not stored as integers or its values spread too widely for a counting sort.
   */
  static LongKeyIndex build(int[] live, ColumnView view) {
    if (view.kind() != Column.Kind.LONG) {
      return null;
    }
    long[] values = new long[live.length];
    boolean[] nulls = new boolean[live.length];
    int[] rows = new int[Chunks.SIZE];
    long[] chunk = new long[Chunks.SIZE];
    boolean[] chunkNulls = new boolean[Chunks.SIZE];
    boolean anyNull = false;
    for (int from = 0; from < live.length; from += Chunks.SIZE) {
      int n = Math.min(Chunks.SIZE, live.length - from);
      System.arraycopy(live, from, rows, 0, n);
      if (view.longs(rows, n, chunk, chunkNulls)) {
        anyNull = true;
        System.arraycopy(chunkNulls, 0, nulls, from, n);
      }
      System.arraycopy(chunk, 0, values, from, n);
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int i = 0; i < values.length; i++) {
      if (!anyNull || !nulls[i]) {
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
    }
    if (lo > hi) {
      return new LongKeyIndex(0, new int[1], new int[0], 0); // no value: nothing is found
    }
    long range = hi - lo + 1;
    if (range <= 0 || range > (long) RANGE_PER_ROW * live.length + RANGE_SLACK) {
      return null;
    }
    int[] start = new int[(int) range + 1];
    for (int i = 0; i < values.length; i++) {
      if (!anyNull || !nulls[i]) {
        start[(int) (values[i] - lo) + 1]++;
      }
    }
    int distinct = 0;
    for (int v = 0; v < range; v++) {
      distinct += start[v + 1] == 0 ? 0 : 1;
      start[v + 1] += start[v];
    }
    int[] positions = new int[start[(int) range]];
    int[] next = start.clone();
    for (int i = 0; i < values.length; i++) {
      if (!anyNull || !nulls[i]) {
        positions[next[(int) (values[i] - lo)]++] = i;
      }
    }
    return new LongKeyIndex(lo, start, positions, distinct);
  }

  /** Number of rows with a value (not NULL). */
  public int size() {
    return positions.length;
  }

  /** Number of distinct values. */
  public int distinctValues() {
    return distinct;
  }

  /**
   * The live rows, in scan order, holding a value {@code v} whose bit {@code v - bitsMin} is set in
   * {@code bits} (a key set of the join's other side); {@code live} is the version's
   * {@link TableVersion#sharedLiveRows()}, which the positions index.
   */
  public int[] rowsOf(long bitsMin, long[] bits, int[] live) {
    // Values are visited in ascending order; when the rows of ascending values come in scan order
    // too (children stored after their parents, ordered by them), they are taken as they come,
    // else put in scan order through a bit per position.
    int[] out = new int[16];
    int n = 0;
    int last = -1;
    boolean ascending = true;
    long span = (long) bits.length * 64 - 1;
    long bitsMax = bitsMin > Long.MAX_VALUE - span ? Long.MAX_VALUE : bitsMin + span;
    // Only the overlap of the two value ranges is read (bounds saturate instead of overflowing).
    long from = Math.max(min, bitsMin);
    long to = Math.min(min + start.length - 2, bitsMax);
    long firstOffset = from - bitsMin;
    long lastOffset = to - bitsMin;
    for (long w = firstOffset >>> 6; from <= to && w <= lastOffset >>> 6; w++) {
      long word = bits[(int) w];
      if (w == firstOffset >>> 6) {
        word &= -1L << firstOffset; // the shift count is taken mod 64
      }
      if (w == lastOffset >>> 6) {
        word &= -1L >>> (63 - (lastOffset & 63));
      }
      for (; word != 0; word &= word - 1) {
        int v = (int) (bitsMin + (w << 6) + Long.numberOfTrailingZeros(word) - min);
        int first = start[v];
        int count = start[v + 1] - first;
        if (n + count > out.length) {
          out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, n + count));
        }
        System.arraycopy(positions, first, out, n, count);
        ascending &= count == 0 || positions[first] > last;
        last = count == 0 ? last : positions[first + count - 1];
        n += count;
      }
    }
    if (!ascending) {
      inScanOrder(out, n, live.length);
    }
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = live[out[i]];
    }
    return rows;
  }

  /** Sorts {@code positions[0..n)} (distinct, below {@code bound}) ascending, through a bit per position. */
  private static void inScanOrder(int[] positions, int n, int bound) {
    long[] marks = new long[(bound >>> 6) + 1];
    for (int i = 0; i < n; i++) {
      marks[positions[i] >>> 6] |= 1L << positions[i];
    }
    int k = 0;
    for (int w = 0; w < marks.length; w++) {
      for (long word = marks[w]; word != 0; word &= word - 1) {
        positions[k++] = (w << 6) + Long.numberOfTrailingZeros(word);
      }
    }
  }
}
