package dev.asyncdb.calcite.columnar;

import dev.asyncdb.engine.table.Branchless;

/**
 * The non-NULL join key codes of one side's rows, for semi-joins: a bit per value when their range
 * is modest (integer keys, dense ids), else a hash set. Read-only once built, so threads share it.
 */
final class KeySet {
  /** Widest range given bits: 2^23 bits, 1 MiB. */
  private static final long MAX_RANGE = 1L << 23;
  private final long min;
  private long[] bits;
  private LongIntMap map;

  /** The set of {@code codes[i]} for every {@code i} with no {@code nulls[i]} ({@code nulls} may be null: none). */
  KeySet(long[] codes, boolean[] nulls) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int i = 0; i < codes.length; i++) {
      if (nulls == null || !nulls[i]) {
        lo = Math.min(lo, codes[i]);
        hi = Math.max(hi, codes[i]);
      }
    }
    min = lo;
    if (lo <= hi && hi - lo >= 0 && hi - lo < MAX_RANGE) {
      bits = new long[(int) ((hi - lo) >>> 6) + 1];
      for (int i = 0; i < codes.length; i++) {
        if (nulls == null || !nulls[i]) {
          long v = codes[i] - lo;
          bits[(int) (v >>> 6)] |= 1L << v;
        }
      }
    } else {
      map = new LongIntMap(codes.length);
      for (int i = 0; i < codes.length; i++) {
        if (nulls == null || !nulls[i]) {
          map.idOf(codes[i]);
        }
      }
    }
  }

  /** Whether the set is bits: a lookup costs about as much as reading the key. */
  boolean isBits() {
    return bits != null;
  }

  /** The code of bit 0 of {@link #bits()}. */
  long min() {
    return min;
  }

  /** The bits, one per code from {@link #min()}, when {@link #isBits()}; shared, never to be written. */
  long[] bits() {
    return bits;
  }

  boolean contains(long code) {
    if (bits != null) {
      long v = code - min;
      return v >= 0 && code >= min && (v >>> 6) < bits.length && (bits[(int) (v >>> 6)] & (1L << v)) != 0;
    }
    return map.get(code) >= 0;
  }

  /**
   * Copies to {@code out} the rows {@code rows[0..n)} whose code ({@code codes}, by index) is in the
   * set, in order; returns how many. {@code out} may be {@code rows}. Without branches on the data
   * when the set is bits.
   */
  int keep(long[] codes, int[] rows, int n, int[] out) {
    int kept = 0;
    if (bits == null) {
      for (int i = 0; i < n; i++) {
        out[kept] = rows[i];
        kept += map.get(codes[i]) >= 0 ? 1 : 0;
      }
      return kept;
    }
    long[] b = bits;
    for (int i = 0; i < n; i++) {
      out[kept] = rows[i];
      kept += Branchless.bitAt(b, codes[i] - min);
    }
    return kept;
  }
}
