package dev.asyncdb.engine.runtime;

import java.util.List;
import java.util.Map;

/**
 * Ordering and matching of JSON values for queries: nulls first, numbers numerically, booleans
 * false before true, everything else by string form.
 */
public final class Values {
  private Values() {}

  public static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    return text(a).compareTo(text(b));
  }

  public static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a == null ? b == null : a.equals(b);
  }

  public static boolean contains(Object haystack, Object needle) {
    if (haystack instanceof String s) {
      return needle != null && s.contains(text(needle));
    }
    if (haystack instanceof List<?> list) {
      for (Object item : list) {
        if (equal(item, needle)) {
          return true;
        }
      }
    }
    return false;
  }

  static String text(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15) {
      return Long.toString((long) (double) d);
    }
    return v instanceof Map || v instanceof List ? dev.asyncdb.engine.json.Json.write(v) : v.toString();
  }
}
