package dev.asyncdb.engine.table;

/**
 * One column's values as stored when the view was taken, read a batch of rows at a time by
 * operators that aggregate or rank rows without building them (columnar aggregates, top-N).
 *
 * <p>A later write may move the column to a wider representation; the view keeps reading the one
 * it was taken from, which holds every row of the versions published before it was taken. Batch
 * methods take the physical rows to read and fill arrays indexed like them; where they return
 * whether any row is null, the null flags are only written when one is. A view belongs to one
 * thread (it keeps scratch space).
 */
public final class ColumnView {
  private final Column.Storage storage;
  /** Rows stored when the view was taken (at least every row it may be asked for). */
  private final int rowsAtView;

  ColumnView(Column.Storage storage) {
    this.storage = storage;
    this.rowsAtView = storage.size();
  }

  public Column.Kind kind() {
    return storage.kind();
  }

  /** Whether the strings are dictionary codes ({@link #codes}, {@link #dictionaryValue}). */
  public boolean isDictionaryEncoded() {
    return storage instanceof Column.DictStorage;
  }

  /** Number of distinct strings; every code in the rows read through this view is below it. */
  public int dictionarySize() {
    return ((Column.DictStorage) storage).dictionary.size();
  }

  public String dictionaryValue(int code) {
    return ((Column.DictStorage) storage).dictionary.get(code);
  }

  /** Dictionary codes of rows, -1 for null; requires {@link #isDictionaryEncoded()}. */
  public void codes(int[] rows, int n, int[] out) {
    ((Column.DictStorage) storage).codes.gather(rows, n, out);
  }

  /** Dictionary code of one row, -1 for null; requires {@link #isDictionaryEncoded()}. */
  public int code(int row) {
    return ((Column.DictStorage) storage).codes.get(row);
  }

  /**
   * Values of a {@link Column.Kind#LONG} (or all-null) column and their null flags; returns whether
   * any row is null. Null rows hold 0.
   */
  public boolean longs(int[] rows, int n, long[] out, boolean[] nulls) {
    if (storage instanceof Column.LongStorage l) {
      l.values.gather(rows, n, out);
      return l.nulls.gatherFlags(rows, n, nulls);
    }
    requireNull("longs", n, nulls);
    java.util.Arrays.fill(out, 0, n, 0L);
    return n > 0;
  }

  /**
   * Keeps the rows (of {@code rows[0..n)}) of a LONG (or all-null) column whose value {@code v} is
   * not NULL and has bit {@code v - min} set in {@code bits}: a semi-join against a set of integer
   * keys, compacted in place, in order, without copying the values out. Returns how many are left.
   */
  public int keepLongsInBits(int[] rows, int n, long min, long[] bits) {
    if (storage instanceof Column.LongStorage l) {
      return l.nulls.keepUnset(rows, l.values.keepInBits(rows, n, min, bits));
    }
    requireNull("longs", n, null);
    return 0; // every value is NULL: none has a partner
  }

  /** Values of a LONG or DOUBLE (or all-null) column as doubles, and their null flags; returns whether any row is null. */
  public boolean doubles(int[] rows, int n, double[] out, boolean[] nulls) {
    if (storage instanceof Column.DoubleStorage d) {
      d.values.gather(rows, n, out);
      return d.nulls.gatherFlags(rows, n, nulls);
    }
    if (storage instanceof Column.LongStorage l) {
      l.values.gather(rows, n, out);
      return l.nulls.gatherFlags(rows, n, nulls);
    }
    requireNull("doubles", n, nulls);
    java.util.Arrays.fill(out, 0, n, 0d);
    return n > 0;
  }

  /** Values of a BOOLEAN (or all-null) column and their null flags; returns whether any row is null. */
  public boolean booleans(int[] rows, int n, boolean[] out, boolean[] nulls) {
    if (storage instanceof Column.BoolStorage b) {
      b.values.gather(rows, n, out);
      return b.nulls.gatherFlags(rows, n, nulls);
    }
    requireNull("booleans", n, nulls);
    java.util.Arrays.fill(out, 0, n, false);
    return n > 0;
  }

  private void requireNull(String vector, int n, boolean[] nulls) {
    if (!(storage instanceof Column.NullStorage)) {
      throw new IllegalStateException("a " + storage.kind() + " column has no such vector (" + vector
          + " asked): check kind() before reading a column as numbers or booleans");
    }
    if (nulls != null) {
      java.util.Arrays.fill(nulls, 0, n, true);
    }
  }

  /**
   * The values as ISO dates, in days since 1970-01-01 (NULL where a value is not a date string);
   * returns whether any row is null. Strings are parsed once per column and remembered.
   */
  public boolean epochDays(int[] rows, int n, long[] out, boolean[] nulls) {
    return times(false, rows, n, out, nulls);
  }

  /** The values as ISO date-times, in epoch milliseconds (NULL where a value is not one); as {@link #epochDays}. */
  public boolean epochMillis(int[] rows, int n, long[] out, boolean[] nulls) {
    return times(true, rows, n, out, nulls);
  }

  /**
   * Keeps the rows (of {@code rows[0..n)}) whose value read as {@link #epochDays} (or
   * {@link #epochMillis}) lies in {@code low..high}, inclusive; NULL never does. Compacts the rows in
   * place, in order, and returns how many are left. Text parsed once per column is compared where it
   * lies, in one pass; other storages are read into {@code values}/{@code nulls} (batch-sized
   * scratch) first.
   */
  public int keepTimesIn(boolean millis, int[] rows, int n, long low, long high, long[] values, boolean[] nulls) {
    if (low > high) {
      return 0;
    }
    if (storage instanceof Column.StringStorage p) {
      return parsedUpTo(p, millis, rows, n).keepIn(rows, n, low, high);
    }
    boolean anyNull = times(millis, rows, n, values, nulls);
    long width = high - low;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      rows[kept] = rows[i];
      kept += Branchless.within(values[i] - low, width) & (anyNull && nulls[i] ? 0 : 1);
    }
    return kept;
  }

  private boolean times(boolean millis, int[] rows, int n, long[] out, boolean[] nulls) {
    if (storage instanceof Column.StringStorage p) {
      return parsedUpTo(p, millis, rows, n).gather(rows, n, out, nulls);
    }
    if (storage instanceof Column.DictStorage d) {
      ParsedTimes t = parsed(d, millis);
      d.codes.gather(rows, n, scratchCodes(n));
      int[] codes = scratch;
      // Only codes the version's rows hold are surely visible in the dictionary.
      t.ensure(maxRow(codes, n) + 1, d.dictionary::get);
      boolean any = false;
      for (int i = 0; i < n; i++) {
        int code = codes[i];
        boolean isNull = code < 0 || t.isNull(code);
        out[i] = isNull ? 0 : t.get(code);
        nulls[i] = isNull;
        any |= isNull;
      }
      return any;
    }
    boolean any = false;
    for (int i = 0; i < n; i++) {
      Object v = storage.get(rows[i]);
      Number x = v instanceof String s ? (millis ? dev.asyncdb.engine.validate.IsoDates.epochMillis(s) : dev.asyncdb.engine.validate.IsoDates.epochDays(s)) : null;
      out[i] = x == null ? 0 : x.longValue();
      nulls[i] = x == null;
      any |= x == null;
    }
    return any;
  }

  private int[] scratch = new int[0];

  private int[] scratchCodes(int n) {
    if (scratch.length < n) {
      scratch = new int[Math.max(n, 1024)];
    }
    return scratch;
  }

  /** The largest of {@code values[0..n)}, or -1. */
  private static int maxRow(int[] rows, int n) {
    int max = -1;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, rows[i]);
    }
    return max;
  }

  /** The parsed dates of packed text, parsed at least up to the highest of the rows. */
  private ParsedTimes parsedUpTo(Column.StringStorage p, boolean millis, int[] rows, int n) {
    ParsedTimes t = parsed(p, millis);
    if (t.parsed() < rowsAtView) {
      AsciiSlice slice = new AsciiSlice();
      t.ensure(maxRow(rows, n) + 1, r -> p.nulls.get(r) ? null : p.text.text(r, slice));
    }
    return t;
  }

  private static ParsedTimes parsed(Column.StringStorage p, boolean millis) {
    ParsedTimes t = millis ? p.millis : p.days;
    if (t == null) {
      synchronized (p) {
        t = millis ? p.millis : p.days;
        if (t == null) {
          t = new ParsedTimes(millis);
          if (millis) {
            p.millis = t;
          } else {
            p.days = t;
          }
        }
      }
    }
    return t;
  }

  private static ParsedTimes parsed(Column.DictStorage d, boolean millis) {
    ParsedTimes t = millis ? d.millis : d.days;
    if (t == null) {
      synchronized (d) {
        t = millis ? d.millis : d.days;
        if (t == null) {
          t = new ParsedTimes(millis);
          if (millis) {
            d.millis = t;
          } else {
            d.days = t;
          }
        }
      }
    }
    return t;
  }

  /**
   * {@code String.hashCode()} of a row of a {@link Column.Kind#STRING} column that is not
   * dictionary-encoded, computed from its bytes (no String is built for ASCII text); for joining
   * on strings without decoding them. Requires a non-null row.
   */
  public int stringHash(int row) {
    return packed("stringHash").text.hash(row);
  }

  /**
   * A non-null row of a packed STRING column (as {@link #stringHash}) of at most 7 UTF-8 bytes as
   * one long, {@link #shortString(String)} of its value; -1 when it is longer. Two short strings are
   * equal exactly when their longs are: joins on short keys compare longs, not bytes.
   */
  public long shortString(int row) {
    return packed("shortString").text.shortBits(row);
  }

  /**
   * {@link #shortString(int)} of {@code n} rows (listed in {@code rows}) of a packed STRING column
   * into {@code out}, and their null flags; returns whether any row is null (only then are
   * {@code nulls} written; a null row's value is unspecified).
   */
  public boolean shortStrings(int[] rows, int n, long[] out, boolean[] nulls) {
    Column.StringStorage p = packed("shortStrings");
    p.text.shortBits(rows, n, out);
    return p.nulls.gatherFlags(rows, n, nulls);
  }

  /** A string of at most 7 UTF-8 bytes as one long (the bytes, and the length in the top byte); -1 when it is longer. */
  public static long shortString(String value) {
    if (value.length() > 7) {
      return -1;
    }
    byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (bytes.length > 7) {
      return -1;
    }
    long v = 0;
    for (byte b : bytes) {
      v = v << 8 | (b & 0xff);
    }
    return v | (long) bytes.length << 56;
  }

  /** Whether a non-null row of a packed STRING column (as {@link #stringHash}) holds {@code value}. */
  public boolean stringEquals(int row, String value) {
    return packed("stringEquals").text.equalsString(row, value);
  }

  /** Whether non-null rows of two packed STRING columns (as {@link #stringHash}) hold the same string. */
  public boolean sameString(int row, ColumnView other, int otherRow) {
    return packed("sameString").text.equalRows(row, other.packed("sameString").text, otherRow);
  }

  private Column.StringStorage packed(String method) {
    if (storage instanceof Column.StringStorage p) {
      return p;
    }
    throw new IllegalStateException("a " + storage.kind() + (isDictionaryEncoded() ? " (dictionary)" : "")
        + " column has no packed strings (" + method + " asked): check kind() and isDictionaryEncoded() first");
  }

  public boolean isNull(int row) {
    return storage.isNull(row);
  }

  /** The stored JSON value of a row (String, Long, Double, Boolean, Map, List or null). */
  public Object get(int row) {
    return storage.get(row);
  }

  /** A LONG column's value of a row (0 when null). */
  public long getLong(int row) {
    return storage instanceof Column.LongStorage l ? l.values.get(row) : 0L;
  }

  /** A LONG or DOUBLE column's value of a row as a double (0 when null). */
  public double getDouble(int row) {
    if (storage instanceof Column.DoubleStorage d) {
      return d.values.get(row);
    }
    return storage instanceof Column.LongStorage l ? l.values.get(row) : 0d;
  }
}
