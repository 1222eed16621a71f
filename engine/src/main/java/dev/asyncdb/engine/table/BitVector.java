package dev.asyncdb.engine.table;

import java.util.Arrays;

/** Append-only bit vector (booleans and null flags), one writer and many readers. */
final class BitVector {
  private volatile long[][] chunks = new long[1][];
  private int size;
  /** Whether any bit was ever set: null flags of a column without nulls need not be read. */
  private boolean anySet;

  BitVector() {}

  /** A vector over chunks of 64-bit words read back from a snapshot ({@link TableCodec}). */
  BitVector(long[][] chunks, int size, boolean anySet) {
    this.chunks = chunks.length == 0 ? new long[1][] : chunks;
    this.size = size;
    this.anySet = anySet;
  }

  boolean anySet() {
    return anySet;
  }

  /** The words of the chunk holding {@code row}, for bulk copies ({@link TableCodec}). */
  long[] chunkOf(int row) {
    return chunks[Chunks.chunk(row)];
  }

  int size() {
    return size;
  }

  void add(boolean bit) {
    int row = size;
    long[] chunk = writableChunk(row);
    if (bit) {
      anySet = true;
      int o = Chunks.offset(row);
      chunk[o >>> 6] |= 1L << (o & 63);
    }
    size = row + 1;
  }

  boolean get(int row) {
    int o = Chunks.offset(row);
    return (chunks[Chunks.chunk(row)][o >>> 6] & (1L << (o & 63))) != 0;
  }

  /**
   * Copies the bits of {@code n} rows (listed in {@code rows}) into {@code out} and returns whether
   * any is set, or returns false at once (leaving {@code out} alone) when no bit is set at all.
   */
  boolean gatherFlags(int[] rows, int n, boolean[] out) {
    return anySet && gather(rows, n, out);
  }

  /** Keeps the rows (of {@code rows[0..n)}) whose bit is not set, compacted in place; returns how many are left. */
  int keepUnset(int[] rows, int n) {
    if (!anySet) {
      return n;
    }
    long[][] cs = chunks;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      int o = r & Chunks.MASK;
      rows[kept] = r;
      kept += 1 - (int) (cs[r >>> Chunks.SHIFT][o >>> 6] >>> o & 1);
    }
    return kept;
  }

  /** Copies the bits of {@code n} rows (listed in {@code rows}) into {@code out}; returns whether any is set. */
  boolean gather(int[] rows, int n, boolean[] out) {
    long[][] cs = chunks;
    long any = 0;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      int o = r & Chunks.MASK;
      long bit = cs[r >>> Chunks.SHIFT][o >>> 6] & (1L << (o & 63));
      out[i] = bit != 0;
      any |= bit;
    }
    return any != 0;
  }

  private long[] writableChunk(int row) {
    int c = Chunks.chunk(row);
    int words = (Chunks.offset(row) >>> 6) + 1;
    long[][] outer = chunks;
    if (c < outer.length && outer[c] != null && words <= outer[c].length) {
      return outer[c];
    }
    long[][] next = c < outer.length ? outer.clone() : Arrays.copyOf(outer, Math.max(c + 1, outer.length * 2));
    long[] old = next[c];
    int cap = Math.max(1, old == null ? 1 : old.length);
    while (cap < words) {
      cap <<= 1;
    }
    long[] grown = new long[Math.min(cap, Chunks.SIZE >>> 6)];
    if (old != null) {
      System.arraycopy(old, 0, grown, 0, old.length);
    }
    next[c] = grown;
    chunks = next;
    return grown;
  }
}
