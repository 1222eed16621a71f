package dev.asyncdb.bench.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares a result with the reference result: same row and column counts, rows in the same
 * order when the query ordered them (as multisets otherwise), and equal values, where numbers
 * may differ by a small relative tolerance (floating-point sums depend on summation order).
 */
public final class ResultComparator {

  /** The relative tolerance used by the harness. */
  public static final double DEFAULT_TOLERANCE = 1e-6;

  private static final Comparator<List<Object>> ROW_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private final double tolerance;

  public ResultComparator(double tolerance) {
    this.tolerance = tolerance;
  }

  /** Empty when {@code actual} matches {@code expected}, else what differs first. */
  public Optional<String> difference(QueryResult expected, QueryResult actual) {
    if (expected.rows().size() != actual.rows().size()) {
      return Optional.of("expected " + expected.rows().size() + " rows but got "
          + actual.rows().size() + firstRows(actual));
    }
    if (!expected.rows().isEmpty() && expected.columns() != actual.columns()) {
      return Optional.of("expected " + expected.columns() + " columns but got "
          + actual.columns());
    }
    List<List<Object>> want = expected.rows();
    List<List<Object>> got = actual.rows();
    if (!expected.ordered()) {
      want = sorted(want);
      got = sorted(got);
    }
    for (int r = 0; r < want.size(); r++) {
      for (int c = 0; c < want.get(r).size(); c++) {
        Object e = want.get(r).get(c);
        Object a = got.get(r).get(c);
        if (!valuesMatch(e, a)) {
          return Optional.of("row " + (r + 1) + " column " + (c + 1) + ": expected "
              + e + " but got " + a);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether two normalized values are equal, numbers within the tolerance. */
  public boolean valuesMatch(Object expected, Object actual) {
    if (expected instanceof Number e && actual instanceof Number a) {
      if (e instanceof Long && a instanceof Long) {
        return e.longValue() == a.longValue();
      }
      double x = e.doubleValue();
      double y = a.doubleValue();
      return x == y || Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y))
          || Math.abs(x - y) <= tolerance * 1e-3;
    }
    return Objects.equals(expected, actual);
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(ROW_ORDER);
    return copy;
  }

  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Number) {
      return -1;
    }
    if (b instanceof Number) {
      return 1;
    }
    return a.toString().compareTo(b.toString());
  }

  private static String firstRows(QueryResult actual) {
    return actual.rows().isEmpty() ? "" : " (first: " + actual.rows().get(0) + ")";
  }
}
