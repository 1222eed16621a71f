package dev.asyncdb.engine.table;

import java.util.Arrays;

/**
 * Persistent list of physical row numbers in insertion order, one entry per logical record slot
 * ({@code -1} marks a deleted record). Setting a slot copies only its 1024-entry chunk, so a write
 * into a collection of a million records costs the same as into one of ten.
 *
 * <p>Versions form a line: only the newest version is ever appended to, so appends may go into a
 * chunk that older versions share — they never read beyond their own size.
 */
final class SlotList {
  private static final int SHIFT = 10;
  private static final int SIZE = 1 << SHIFT;
  private static final int MASK = SIZE - 1;

  private final int[][] chunks;
  private final int size;

  private SlotList(int[][] chunks, int size) {
    this.chunks = chunks;
    this.size = size;
  }

  static SlotList empty() {
    return new SlotList(new int[0][], 0);
  }

  int size() {
    return size;
  }

  int get(int slot) {
    return chunks[slot >>> SHIFT][slot & MASK];
  }

  /**
   * Copies the entries of slots {@code from..to-1} to {@code out} from index 0, a chunk at a time:
   * the scan of a version with no deleted slot, where every entry is a live row.
   */
  void copy(int from, int to, int[] out) {
    int n = 0;
    for (int s = from; s < to; ) {
      int offset = s & MASK;
      int length = Math.min(to - s, SIZE - offset);
      System.arraycopy(chunks[s >>> SHIFT], offset, out, n, length);
      n += length;
      s += length;
    }
  }

  SlotList append(int row) {
    int c = size >>> SHIFT;
    int o = size & MASK;
    int[][] outer = chunks;
    if (c == outer.length) {
      outer = Arrays.copyOf(outer, c + 1);
      outer[c] = new int[SIZE];
    }
    outer[c][o] = row;
    return new SlotList(outer, size + 1);
  }

  /** {@link #append} of rows {@code firstRow .. firstRow + n - 1}, in one step. */
  SlotList appendRange(int firstRow, int n) {
    int end = size + n;
    int[][] outer = chunks;
    int needed = (end + SIZE - 1) >>> SHIFT;
    if (needed > outer.length) {
      int had = outer.length;
      outer = Arrays.copyOf(outer, needed);
      for (int c = had; c < needed; c++) {
        outer[c] = new int[SIZE];
      }
    }
    for (int i = 0; i < n; i++) {
      int slot = size + i;
      outer[slot >>> SHIFT][slot & MASK] = firstRow + i;
    }
    return new SlotList(outer, end);
  }

  SlotList set(int slot, int row) {
    int c = slot >>> SHIFT;
    int[][] outer = chunks.clone();
    int[] copy = outer[c].clone();
    copy[slot & MASK] = row;
    outer[c] = copy;
    return new SlotList(outer, size);
  }

  /** Bulk builder for loads: rows 0..n-1 in order. */
  static SlotList identity(int n) {
    int chunks = (n + SIZE - 1) >>> SHIFT;
    int[][] outer = new int[chunks][];
    for (int c = 0; c < chunks; c++) {
      int[] chunk = new int[SIZE];
      int base = c << SHIFT;
      for (int i = 0; i < SIZE; i++) {
        chunk[i] = base + i;
      }
      outer[c] = chunk;
    }
    return new SlotList(outer, n);
  }
}
