package dev.asyncdb.calcite;

import java.util.List;

/**
 * One condition a collection scan evaluates itself on one column: a null test, a comparison with a
 * constant (a literal or a bound parameter, already converted to the column's SQL value), or
 * membership in a list. {@link #test} is its meaning on a column value; the scan and the columnar
 * operators compile it into faster forms that must agree with it.
 *
 * @param column index of the column among the table's SQL columns
 * @param value the constant of a comparison (null for the other operators)
 * @param points the values of {@link Op#IN}, else null
 */
public record ScanCondition(int column, Op op, Object value, List<Object> points) {
  /** What a condition asks of the column value. {@code NEVER} is a comparison with NULL: no row passes. */
  public enum Op { IS_NULL, IS_NOT_NULL, NEVER, EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, IN }

  static ScanCondition of(int column, Op op, Object value) {
    return new ScanCondition(column, op, value, null);
  }

  static ScanCondition in(int column, List<Object> points) {
    return new ScanCondition(column, Op.IN, null, List.copyOf(points));
  }

  /** Whether a row whose column has the SQL value {@code v} (null for NULL) passes. */
  public boolean test(Object v) {
    switch (op) {
      case IS_NULL:
        return v == null;
      case IS_NOT_NULL:
        return v != null;
      case NEVER:
        return false;
      case IN:
        if (v == null) {
          return false;
        }
        for (Object p : points) {
          if (compare(v, p) == 0) {
            return true;
          }
        }
        return false;
      default:
        if (v == null) {
          return false;
        }
        return holds(compare(v, value));
    }
  }

  /** Whether a comparison's outcome ({@code compare(columnValue, constant)}) satisfies this comparison. */
  public boolean holds(int cmp) {
    return switch (op) {
      case EQUALS -> cmp == 0;
      case NOT_EQUALS -> cmp != 0;
      case LESS_THAN -> cmp < 0;
      case LESS_THAN_OR_EQUAL -> cmp <= 0;
      case GREATER_THAN -> cmp > 0;
      case GREATER_THAN_OR_EQUAL -> cmp >= 0;
      default -> throw new IllegalStateException(op + " is not a comparison");
    };
  }

  /** Whether this is one of the six comparisons with {@link #value}. */
  public boolean isComparison() {
    return op.ordinal() >= Op.EQUALS.ordinal() && op != Op.IN;
  }

  /** SQL values of one column type compared as the scan compares them (integers exactly, other numbers as doubles). */
  static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if ((x instanceof Long || x instanceof Integer) && (y instanceof Long || y instanceof Integer)) {
        return Long.compare(x.longValue(), y.longValue());
      }
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof String s && b instanceof String t) {
      return s.compareTo(t);
    }
    if (a instanceof Boolean s && b instanceof Boolean t) {
      return Boolean.compare(s, t);
    }
    return a.toString().compareTo(b.toString());
  }
}
