package dev.asyncdb.engine.table;

import dev.asyncdb.engine.validate.IsoDates;
import java.util.function.IntFunction;

/**
 * The strings of a column read as ISO-8601 dates (days since 1970-01-01) or date-times (epoch
 * milliseconds), parsed once and kept next to the text, so that filters and sorts on dates stored
 * as text compare numbers. Entries are indexed like the source (rows of packed strings, or codes of
 * a dictionary) and added on first need, up to the highest index asked for; a value that is not a
 * date reads as NULL, as SQL reads it.
 */
final class ParsedTimes {
  private final boolean millis;
  private final LongVector values = new LongVector();
  private final BitVector nulls = new BitVector();
  /** Entries parsed so far; published after the values it covers. */
  private volatile int parsed;

  ParsedTimes(boolean millis) {
    this.millis = millis;
  }

  /** Entries parsed so far. */
  int parsed() {
    return parsed;
  }

  /** Parses entries up to {@code size} (exclusive) from {@code source} (null for a missing value). */
  void ensure(int size, IntFunction<? extends CharSequence> source) {
    if (size <= parsed) {
      return;
    }
    synchronized (this) {
      // Another caller may have parsed further while this one waited: never move back (entries are
      // appended at the vector's end, so a smaller count would parse rows again out of place).
      for (int i = parsed; i < size; i++) {
        CharSequence s = source.apply(i);
        Long v = s == null ? null : millis ? IsoDates.epochMillis(s) : toLong(IsoDates.epochDays(s));
        values.add(v == null ? 0 : v);
        nulls.add(v == null);
      }
      if (size > parsed) {
        parsed = size;
      }
    }
  }

  private static Long toLong(Integer days) {
    return days == null ? null : (long) days;
  }

  /** Values of entries {@code index[0..n)}; returns whether any is null. All must have been {@link #ensure}d. */
  boolean gather(int[] index, int n, long[] out, boolean[] nullsOut) {
    values.gather(index, n, out);
    return nulls.gatherFlags(index, n, nullsOut);
  }

  /**
   * Keeps the entries of {@code index[0..n)} whose value lies in {@code low..high} and is not NULL,
   * compacted in place; returns how many are left. All must have been {@link #ensure}d.
   */
  int keepIn(int[] index, int n, long low, long high) {
    return nulls.keepUnset(index, values.keepIn(index, n, low, high));
  }

  long get(int index) {
    return values.get(index);
  }

  boolean isNull(int index) {
    return nulls.get(index);
  }
}
