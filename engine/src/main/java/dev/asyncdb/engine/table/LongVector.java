package dev.asyncdb.engine.table;

import java.util.Arrays;

/** Append-only vector of longs (integral JSON numbers), one writer and many readers. */
final class LongVector {
  private volatile long[][] chunks = new long[1][];
  private int size;

  LongVector() {}

  /** A vector over chunks read back from a snapshot ({@link TableCodec}); every chunk but the last is full. */
  LongVector(long[][] chunks, int size) {
    this.chunks = chunks.length == 0 ? new long[1][] : chunks;
    this.size = size;
  }

  /** The chunk holding {@code row}, for bulk copies ({@link TableCodec}). */
  long[] chunkOf(int row) {
    return chunks[Chunks.chunk(row)];
  }

  int size() {
    return size;
  }

  void add(long value) {
    int row = size;
    writableChunk(row)[Chunks.offset(row)] = value;
    size = row + 1;
  }

  long get(int row) {
    return chunks[Chunks.chunk(row)][Chunks.offset(row)];
  }

  /** Copies the values of {@code n} rows (listed in {@code rows}) into {@code out}: one volatile read per batch. */
  void gather(int[] rows, int n, long[] out) {
    long[][] cs = chunks;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      out[i] = cs[r >>> Chunks.SHIFT][r & Chunks.MASK];
    }
  }

  /**
   * Keeps the rows (of {@code rows[0..n)}) whose value lies in {@code low..high}, inclusive:
   * compacts them in place, in order, and returns how many are left. One pass, no copy of the values.
   */
  int keepIn(int[] rows, int n, long low, long high) {
    if (low > high) {
      return 0;
    }
    long[][] cs = chunks;
    long width = high - low;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      rows[kept] = r;
      kept += Branchless.within(cs[r >>> Chunks.SHIFT][r & Chunks.MASK] - low, width);
    }
    return kept;
  }

  /**
   * Keeps the rows (of {@code rows[0..n)}) whose value {@code v} has bit {@code v - min} set in
   * {@code bits} (values outside the bits' range have none), compacted in place, in order;
   * returns how many are left. One pass, no branch on the data.
   */
  int keepInBits(int[] rows, int n, long min, long[] bits) {
    long[][] cs = chunks;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      rows[kept] = r;
      kept += Branchless.bitAt(bits, cs[r >>> Chunks.SHIFT][r & Chunks.MASK] - min);
    }
    return kept;
  }

  /** Like {@link #gather(int[], int, long[])}, widened to doubles. */
  void gather(int[] rows, int n, double[] out) {
    long[][] cs = chunks;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      out[i] = cs[r >>> Chunks.SHIFT][r & Chunks.MASK];
    }
  }

  private long[] writableChunk(int row) {
    int c = Chunks.chunk(row);
    int o = Chunks.offset(row);
    long[][] outer = chunks;
    if (c < outer.length && outer[c] != null && o < outer[c].length) {
      return outer[c];
    }
    long[][] next = c < outer.length ? outer.clone() : Arrays.copyOf(outer, Math.max(c + 1, outer.length * 2));
    long[] old = next[c];
    long[] grown = new long[Chunks.grow(c, old == null ? 0 : old.length, o + 1)];
    if (old != null) {
      System.arraycopy(old, 0, grown, 0, old.length);
    }
    next[c] = grown;
    chunks = next;
    return grown;
  }
}
