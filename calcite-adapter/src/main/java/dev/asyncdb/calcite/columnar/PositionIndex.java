package dev.asyncdb.calcite.columnar;

import java.util.Arrays;

/**
 * The build side of a hash join: a long key to the positions (indexes into the side's rows) that
 * have it, chained in ascending order so that matches come out in the side's scan order. When the
 * keys span a modest range (integer keys, dense ids), a bit per value in that range answers most
 * probes that find nothing without touching the table — in a selective join, nearly all of them —
 * and when the range is about as small as the number of keys, the chains' heads are indexed by
 * value directly.
 */
final class PositionIndex {
  /** Widest key range given a bit set: 2^23 bits, 1 MiB. */
  private static final long MAX_RANGE = 1L << 23;

  private final long[] keys;
  private final int[] heads;
  private final int[] next;
  private final int shift;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private long[] bits;
  /** When not null, the head of the chain of key {@code min + i}, or -1. */
  private int[] direct;

  /** An index for positions {@code 0..positions-1}; add them in descending order, then {@link #seal}. */
  PositionIndex(int positions) {
    int capacity = Integer.highestOneBit(Math.max(16, positions * 2 - 1)) << 1;
    keys = new long[capacity];
    heads = new int[capacity];
    Arrays.fill(heads, -1);
    next = new int[Math.max(1, positions)];
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
  }

  /** Adds a position in front of its key's chain. */
  void add(long key, int position) {
    int i = slot(key);
    keys[i] = key;
    next[position] = heads[i];
    heads[i] = position;
    min = Math.min(min, key);
    max = Math.max(max, key);
  }

  /** Builds the bit set of the keys when their range allows; call once every position is added. */
  void seal() {
    if (min > max || max - min >= MAX_RANGE || max - min < 0) {
      return;
    }
    if (max - min < 4L * next.length + 64) {
      direct = new int[(int) (max - min) + 1];
      Arrays.fill(direct, -1);
      for (int i = 0; i < heads.length; i++) {
        if (heads[i] >= 0) {
          direct[(int) (keys[i] - min)] = heads[i];
        }
      }
      return;
    }
    bits = new long[(int) ((max - min) >>> 6) + 1];
    for (int i = 0; i < heads.length; i++) {
      if (heads[i] >= 0) {
        long v = keys[i] - min;
        bits[(int) (v >>> 6)] |= 1L << v;
      }
    }
  }

  /** The first position with the key, or -1. */
  int first(long key) {
    if (direct != null) {
      return key < min || key > max ? -1 : direct[(int) (key - min)];
    }
    if (bits != null) {
      long v = key - min;
      if (key < min || key > max || (bits[(int) (v >>> 6)] & (1L << v)) == 0) {
        return -1;
      }
    }
    return heads[slot(key)];
  }

  /** The position after {@code position} with the same key, or -1. */
  int next(int position) {
    return next[position];
  }

  private int slot(long key) {
    // Fibonacci hashing: the high bits of the product depend on every bit of the key.
    int mask = heads.length - 1;
    int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    while (heads[i] >= 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }
}
