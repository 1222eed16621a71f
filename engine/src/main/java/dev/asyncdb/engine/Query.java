package dev.asyncdb.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of {@code find}/{@code count}: conditions ANDed together, an order, and a window.
 * Built fluently ({@code Query.where("status", "published").and("views", Op.GT, 100).orderBy("-views").limit(20)})
 * or from the original's option object with {@link #fromMap}.
 */
public final class Query {
  /** Comparison operators of {@code where}. {@code CONTAINS} is substring for strings and membership for arrays. */
  public enum Op { EQ, NE, IN, GT, GTE, LT, LTE, CONTAINS }

  /** One condition on a field. */
  public record Condition(String field, Op op, Object value) {}

  /** One sort key. */
  public record Order(String field, boolean descending) {}

  private final List<Condition> conditions = new ArrayList<>();
  private final List<Order> orders = new ArrayList<>();
  private Integer limit;
  private int offset;

  public static Query all() {
    return new Query();
  }

  public static Query where(String field, Object equals) {
    return new Query().and(field, Op.EQ, equals);
  }

  public static Query where(String field, Op op, Object value) {
    return new Query().and(field, op, value);
  }

  public Query and(String field, Op op, Object value) {
    conditions.add(new Condition(field, op, value));
    return this;
  }

  public Query and(String field, Object equals) {
    return and(field, Op.EQ, equals);
  }

  /** Sort keys: {@code "field"} ascending, {@code "-field"} descending. */
  public Query orderBy(String... specs) {
    for (String spec : specs) {
      orders.add(spec.startsWith("-") ? new Order(spec.substring(1), true) : new Order(spec, false));
    }
    return this;
  }

  public Query orderBy(String field, boolean descending) {
    orders.add(new Order(field, descending));
    return this;
  }

  public Query limit(int n) {
    if (n < 0) {
      throw invalid("limit must not be negative, got " + n, "Pass 0 or more.");
    }
    this.limit = n;
    return this;
  }

  public Query offset(int n) {
    if (n < 0) {
      throw invalid("offset must not be negative, got " + n, "Pass 0 or more.");
    }
    this.offset = n;
    return this;
  }

  public List<Condition> conditions() {
    return conditions;
  }

  public List<Order> orders() {
    return orders;
  }

  public Integer limit() {
    return limit;
  }

  public int offset() {
    return offset;
  }

  /**
   * Reads the original's options: {@code {where: {field: value | {eq, ne, in, gt, gte, lt, lte, contains}},
   * orderBy: "field" | "-field" | {field, direction} | [...], limit, offset}}.
   */
  public static Query fromMap(Map<String, Object> options) {
    Query q = new Query();
    if (options == null) {
      return q;
    }
    Object where = options.get("where");
    if (where instanceof Map<?, ?> w) {
      for (Map.Entry<?, ?> e : w.entrySet()) {
        String field = String.valueOf(e.getKey());
        if (e.getValue() instanceof Map<?, ?> ops && !ops.isEmpty() && ops.keySet().stream().allMatch(k -> opOf(String.valueOf(k)) != null)) {
          for (Map.Entry<?, ?> op : ops.entrySet()) {
            q.and(field, opOf(String.valueOf(op.getKey())), op.getValue());
          }
        } else {
          q.and(field, Op.EQ, e.getValue());
        }
      }
    } else if (where != null) {
      throw invalid("where must be an object of field conditions, got " + where, "Write {\"where\": {\"status\": \"published\"}}.");
    }
    Object order = options.get("orderBy");
    for (Object spec : order instanceof List<?> l ? l : order == null ? List.of() : List.of(order)) {
      if (spec instanceof String s) {
        q.orderBy(s);
      } else if (spec instanceof Map<?, ?> m && m.get("field") instanceof String f) {
        q.orderBy(f, "desc".equalsIgnoreCase(String.valueOf(m.get("direction"))));
      } else {
        throw invalid("orderBy entries must be \"field\", \"-field\" or {field, direction}, got " + spec, "Write \"orderBy\": \"-createdAt\".");
      }
    }
    if (options.get("limit") instanceof Number n) {
      q.limit(n.intValue());
    }
    if (options.get("offset") instanceof Number n) {
      q.offset(n.intValue());
    }
    return q;
  }

  static Op opOf(String name) {
    try {
      return Op.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static DbException invalid(String message, String hint) {
    return new DbException("DB_QUERY_INVALID", 400, message, hint, Map.of());
  }
}
