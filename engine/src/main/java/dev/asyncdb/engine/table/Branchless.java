package dev.asyncdb.engine.table;

/**
 * Tests written as arithmetic, for the filter loops that keep rows by adding 0 or 1 to a count.
 * A comparison compiles to a branch the JIT shapes after the rows it has seen: a filter warmed
 * up by a query that kept nearly every row is recompiled (and mispredicts half the time) when the
 * next query keeps half of them. Arithmetic has no branch to speculate on, whatever the data.
 */
public final class Branchless {
  private Branchless() {}

  /**
   * 1 when {@code offset} lies in {@code 0..width} as unsigned numbers, else 0. With
   * {@code offset = v - low} and {@code width = high - low} (for {@code low <= high}) this is
   * {@code low <= v && v <= high} for every long, overflow included.
   */
  public static int within(long offset, long width) {
    // The borrow of the unsigned subtraction width - offset: set exactly when width < offset.
    long borrow = ((~width & offset) | (~(width ^ offset) & (width - offset))) >>> 63;
    return 1 - (int) borrow;
  }

  /**
   * 1 when bit {@code offset} of {@code bits} is set, else 0; 0 for any offset outside the bits
   * (negative or past the end), which reads bit 0 and masks it off instead of branching.
   */
  public static int bitAt(long[] bits, long offset) {
    int inRange = within(offset, ((long) bits.length << 6) - 1);
    long at = offset & -inRange;
    return (int) (bits[(int) (at >>> 6)] >>> at) & inRange;
  }
}
