package dev.asyncdb.engine.table;

import java.util.Arrays;

/** Append-only vector of ints, safe for one writer and many readers bounded by a published size. */
public final class IntVector {
  private volatile int[][] chunks = new int[1][];
  private int size;

  public IntVector() {}

  /** A vector over chunks read back from a snapshot ({@link TableCodec}); every chunk but the last is full. */
  IntVector(int[][] chunks, int size) {
    this.chunks = chunks.length == 0 ? new int[1][] : chunks;
    this.size = size;
  }

  /** The chunk holding {@code row}, for bulk copies ({@link TableCodec}). */
  int[] chunkOf(int row) {
    return chunks[Chunks.chunk(row)];
  }

  public int size() {
    return size;
  }

  public void add(int value) {
    int row = size;
    int[] chunk = writableChunk(row);
    chunk[Chunks.offset(row)] = value;
    size = row + 1;
  }

  /** Overwrites a slot; only used for slots no published version can read yet, or under copy-on-write. */
  public void set(int row, int value) {
    chunks[Chunks.chunk(row)][Chunks.offset(row)] = value;
  }

  public int get(int row) {
    return chunks[Chunks.chunk(row)][Chunks.offset(row)];
  }

  /** Copies the values of {@code n} rows (listed in {@code rows}) into {@code out}: one volatile read per batch. */
  public void gather(int[] rows, int n, int[] out) {
    int[][] cs = chunks;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      out[i] = cs[r >>> Chunks.SHIFT][r & Chunks.MASK];
    }
  }

  private int[] writableChunk(int row) {
    int c = Chunks.chunk(row);
    int o = Chunks.offset(row);
    int[][] outer = chunks;
    if (c < outer.length && outer[c] != null && o < outer[c].length) {
      return outer[c];
    }
    int[][] next = c < outer.length ? outer.clone() : Arrays.copyOf(outer, Math.max(c + 1, outer.length * 2));
    int[] old = next[c];
    int[] grown = new int[Chunks.grow(c, old == null ? 0 : old.length, o + 1)];
    if (old != null) {
      System.arraycopy(old, 0, grown, 0, old.length);
    }
    next[c] = grown;
    chunks = next;
    return grown;
  }
}
