package dev.asyncdb.engine.table;

import java.util.Arrays;

/** Append-only vector of doubles (JSON numbers with a fractional part), one writer and many readers. */
final class DoubleVector {
  private volatile double[][] chunks = new double[1][];
  private int size;

  DoubleVector() {}

  /** A vector over chunks read back from a snapshot ({@link TableCodec}); every chunk but the last is full. */
  DoubleVector(double[][] chunks, int size) {
    this.chunks = chunks.length == 0 ? new double[1][] : chunks;
    this.size = size;
  }

  /** The chunk holding {@code row}, for bulk copies ({@link TableCodec}). */
  double[] chunkOf(int row) {
    return chunks[Chunks.chunk(row)];
  }

  int size() {
    return size;
  }

  void add(double value) {
    int row = size;
    writableChunk(row)[Chunks.offset(row)] = value;
    size = row + 1;
  }

  double get(int row) {
    return chunks[Chunks.chunk(row)][Chunks.offset(row)];
  }

  /** Copies the values of {@code n} rows (listed in {@code rows}) into {@code out}: one volatile read per batch. */
  void gather(int[] rows, int n, double[] out) {
    double[][] cs = chunks;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      out[i] = cs[r >>> Chunks.SHIFT][r & Chunks.MASK];
    }
  }

  private double[] writableChunk(int row) {
    int c = Chunks.chunk(row);
    int o = Chunks.offset(row);
    double[][] outer = chunks;
    if (c < outer.length && outer[c] != null && o < outer[c].length) {
      return outer[c];
    }
    double[][] next = c < outer.length ? outer.clone() : Arrays.copyOf(outer, Math.max(c + 1, outer.length * 2));
    double[] old = next[c];
    double[] grown = new double[Chunks.grow(c, old == null ? 0 : old.length, o + 1)];
    if (old != null) {
      System.arraycopy(old, 0, grown, 0, old.length);
    }
    next[c] = grown;
    chunks = next;
    return grown;
  }
}
