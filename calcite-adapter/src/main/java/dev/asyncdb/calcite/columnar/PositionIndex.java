package dev.asyncdb.calcite.columnar;

import java.util.Arrays;

/**
 * The build side of a hash join: a long key to the positions (indexes into the side's rows) that
 * have it, chained in ascending order so that matches come out in the side's scan order. When the
 * keys span a modest range (integer keys, dense ids), a bit per value in that range answers most
 * probes that find nothing without touching the table — in a selective join, nearly all of them —
 * and when the range is about as small as the number of keys, the chains' heads are indexed by
 * value directly.
 *
 * <p>A slot keeps its key and its chain's head side by side in one array, so a probe costs one
 * cache miss rather than two, and {@link #firsts} looks up a whole batch in a loop without other
 * work, so the processor can overlap the misses of consecutive keys.
 */
final class PositionIndex {
  /** Widest key range given a bit set: 2^23 bits, 1 MiB. */
  private static final long MAX_RANGE = 1L << 23;
  private static final long EMPTY = -1;

  /** Per slot {@code s}: the key at {@code 2s}, the head of its chain at {@code 2s + 1} ({@link #EMPTY} when free). */
  private final long[] slots;
  private final int[] next;
  private final int mask;
  private final int shift;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private long[] bits;
  /** When not null, the head of the chain of key {@code min + i}, or -1. */
  private int[] direct;

  /** An index for positions {@code 0..positions-1}; add them in descending order, then {@link #seal}. */
  PositionIndex(int positions) {
    // At most two thirds full: linear probing stays short, and the table small enough to cache well.
    int wanted = Math.max(16, positions + positions / 2);
    int capacity = Integer.highestOneBit(wanted);
    if (capacity < wanted) {
      capacity <<= 1;
    }
    slots = new long[capacity * 2];
    for (int s = 1; s < slots.length; s += 2) {
      slots[s] = EMPTY;
    }
    next = new int[Math.max(1, positions)];
    mask = capacity - 1;
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
  }

  /** Adds a position in front of its key's chain. */
  void add(long key, int position) {
    int s = slot(key) << 1;
    slots[s] = key;
    next[position] = (int) slots[s + 1];
    slots[s + 1] = position;
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
      for (int s = 0; s < slots.length; s += 2) {
        if (slots[s + 1] != EMPTY) {
          direct[(int) (slots[s] - min)] = (int) slots[s + 1];
        }
      }
      return;
    }
    bits = new long[(int) ((max - min) >>> 6) + 1];
    for (int s = 0; s < slots.length; s += 2) {
      if (slots[s + 1] != EMPTY) {
        long v = slots[s] - min;
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
    return (int) slots[(slot(key) << 1) + 1];
  }

  /** {@code out[i] = first(keys[i])} for {@code i < n}, -1 where {@code miss[i]}: a loop with no other work. */
  void firsts(long[] keys, boolean[] miss, int n, int[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = miss[i] ? -1 : first(keys[i]);
    }
  }

  /** The position after {@code position} with the same key, or -1. */
  int next(int position) {
    return next[position];
  }

  private int slot(long key) {
    // Fibonacci hashing: the high bits of the product depend on every bit of the key.
    int s = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    while (slots[(s << 1) + 1] != EMPTY && slots[s << 1] != key) {
      s = (s + 1) & mask;
    }
    return s;
  }
}
