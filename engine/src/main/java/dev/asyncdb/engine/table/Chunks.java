package dev.asyncdb.engine.table;

/**
 * Chunk geometry shared by all vectors.
 *
 * <p>Vectors are split into fixed-size chunks so that appending never moves a row a concurrent
 * reader may be looking at; only the small outer array of chunk references is replaced, and it is
 * published through a volatile field so readers always see fully written chunks.
 */
final class Chunks {
  static final int SHIFT = 14;
  static final int SIZE = 1 << SHIFT;
  static final int MASK = SIZE - 1;
  /** First allocation of a chunk, so that tiny collections stay tiny. */
  static final int INITIAL = 16;

  private Chunks() {}

  static int chunk(int row) {
    return row >>> SHIFT;
  }

  static int offset(int row) {
    return row & MASK;
  }

  /**
   * Capacity for chunk {@code chunk} so that {@code needed} slots fit. Only the first chunk grows
   * gradually (small collections stay small); later chunks are allocated whole, which halves the
   * garbage a large load produces.
   */
  static int grow(int chunk, int current, int needed) {
    return chunk > 0 ? SIZE : grow(current, needed);
  }

  /** Capacity to grow a partially filled chunk to so that {@code needed} slots fit. */
  static int grow(int current, int needed) {
    int next = Math.max(INITIAL, current);
    while (next < needed) {
      next <<= 1;
    }
    return Math.min(next, SIZE);
  }
}
