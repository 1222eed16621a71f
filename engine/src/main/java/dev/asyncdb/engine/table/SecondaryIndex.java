package dev.asyncdb.engine.table;

import dev.asyncdb.engine.validate.IsoDates;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntConsumer;

/**
 * A sorted index of one column over a table's physical rows, for the fields a resource declares in
 * {@code indexes}. Physical rows are append-only, so the index is too: every version of the table
 * shares it, and a reader keeps only the rows live in its version ({@link TableVersion#isLive}).
 * Scalar values only (numbers, booleans, strings); absent, null and nested values are not indexed.
 * Numbers compare numerically across integer and decimal, then booleans, then strings.
 */
public final class SecondaryIndex {
  static final Comparator<Object> ORDER = SecondaryIndex::compare;

  /** What an index orders by: the stored values, or the instants or days that ISO text denotes. */
  public enum Keys {
    /** The stored scalar values. */
    VALUES,
    /** Epoch milliseconds of ISO date-times stored as text (a datetime field: its text order is not time order). */
    INSTANTS,
    /** Epoch days of ISO dates stored as text. */
    DAYS
  }

  private final Column column;
  private final Keys keys;
  private final ConcurrentSkipListMap<Object, Rows> entries = new ConcurrentSkipListMap<>(ORDER);
  private int covered;

  SecondaryIndex(Column column, Keys keys) {
    this.column = column;
    this.keys = keys;
  }

  /** Adds the physical rows {@code covered..rows-1}; called under the table's monitor. */
  void catchUp(int rows) {
    for (int row = covered; row < rows; row++) {
      Object v = key(column.get(row), keys);
      if (v != null) {
        entries.computeIfAbsent(v, k -> new Rows()).add(row);
      }
    }
    covered = Math.max(covered, rows);
  }

  /** Physical rows holding {@code value} (any version; check liveness). */
  public void equal(Object value, IntConsumer rows) {
    Object k = key(value, keys);
    Rows r = k == null ? null : entries.get(k);
    if (r != null) {
      r.forEach(rows);
    }
  }

  /** Physical rows whose value lies in the range; a null bound is open. */
  public void range(Object low, boolean lowInclusive, Object high, boolean highInclusive, IntConsumer rows) {
    Object lo = key(low, keys);
    Object hi = key(high, keys);
    if ((low != null && lo == null) || (high != null && hi == null)) {
      return;
    }
    NavigableMap<Object, Rows> view = entries;
    if (lo != null && hi != null) {
      if (compare(lo, hi) > 0) {
        return;
      }
      view = entries.subMap(lo, lowInclusive, hi, highInclusive);
    } else if (lo != null) {
      view = entries.tailMap(lo, lowInclusive);
    } else if (hi != null) {
      view = entries.headMap(hi, highInclusive);
    }
    for (Map.Entry<Object, Rows> e : view.entrySet()) {
      e.getValue().forEach(rows);
    }
  }

  /** Distinct values indexed (for statistics and tests). */
  public int distinctValues() {
    return entries.size();
  }

  /**
   * The index key of a stored value or of a value looked up. Temporal indexes take the stored ISO
   * text and the looked-up epoch millis or days alike; text that is not a date(-time) is not indexed
   * (SQL reads it as NULL too).
   */
  private static Object key(Object v, Keys keys) {
    if (keys == Keys.INSTANTS) {
      return v instanceof String s ? IsoDates.epochMillis(s) : v instanceof Long || v instanceof Integer ? (Object) ((Number) v).longValue() : null;
    }
    if (keys == Keys.DAYS) {
      Integer day = v instanceof String s ? IsoDates.epochDays(s) : null;
      return day != null ? (Object) day.longValue() : v instanceof Long || v instanceof Integer ? (Object) ((Number) v).longValue() : null;
    }
    if (v instanceof Double d) {
      return d.isNaN() ? null : d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (Object) (long) (double) d : d;
    }
    if (v instanceof Number n && !(v instanceof Long)) {
      return n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 9.0e15 ? (Object) n.longValue() : (Object) n.doubleValue();
    }
    return v instanceof Long || v instanceof Boolean || v instanceof String ? v : null;
  }

  private static int rank(Object v) {
    return v instanceof Number ? 0 : v instanceof Boolean ? 1 : 2;
  }

  static int compare(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (ra == 0) {
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    if (ra == 1) {
      return Boolean.compare((Boolean) a, (Boolean) b);
    }
    return ((String) a).compareTo((String) b);
  }

  /** Rows of one value: appended by the single writer, read by any thread through a published array. */
  private static final class Rows {
    private volatile int[] rows = new int[1];
    private volatile int size;

    void add(int row) {
      int[] r = rows;
      if (size == r.length) {
        r = Arrays.copyOf(r, r.length * 2);
      }
      r[size] = row;
      rows = r;
      size = size + 1;
    }

    void forEach(IntConsumer out) {
      int n = size;
      int[] r = rows;
      for (int i = 0; i < n && i < r.length; i++) {
        out.accept(r[i]);
      }
    }
  }
}
