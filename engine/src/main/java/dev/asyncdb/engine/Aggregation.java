package dev.asyncdb.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of {@code aggregate}: optional conditions, group fields, named metrics
 * ({@code count sum min max avg}) and an order that may name metrics. Non-numeric values are
 * skipped by sum/avg; an empty group's avg, min and max are null.
 */
public final class Aggregation {
  /** Metric operators. */
  public enum Metric { COUNT, SUM, MIN, MAX, AVG }

  /** One output metric: {@code as} is the output column name; {@code field} is null for count(*). */
  public record MetricSpec(String as, Metric op, String field) {}

  private Query where = Query.all();
  private final List<String> groupBy = new ArrayList<>();
  private final Map<String, MetricSpec> metrics = new LinkedHashMap<>();
  private final List<Query.Order> orders = new ArrayList<>();

  public static Aggregation groupBy(String... fields) {
    Aggregation a = new Aggregation();
    a.groupBy.addAll(List.of(fields));
    return a;
  }

  public Aggregation where(Query q) {
    this.where = q;
    return this;
  }

  public Aggregation metric(String as, Metric op, String field) {
    if (op != Metric.COUNT && field == null) {
      throw new DbException("DB_QUERY_INVALID", 400, "Metric \"" + as + "\" (" + op.name().toLowerCase(Locale.ROOT) + ") needs a field.",
          "Write {\"op\": \"sum\", \"field\": \"views\"}.", Map.of("metric", as));
    }
    metrics.put(as, new MetricSpec(as, op, field));
    return this;
  }

  public Aggregation count(String as) {
    return metric(as, Metric.COUNT, null);
  }

  public Aggregation orderBy(String... specs) {
    for (String s : specs) {
      orders.add(s.startsWith("-") ? new Query.Order(s.substring(1), true) : new Query.Order(s, false));
    }
    return this;
  }

  public Query where() {
    return where;
  }

  public List<String> groupFields() {
    return groupBy;
  }

  public Map<String, MetricSpec> metrics() {
    return metrics;
  }

  public List<Query.Order> orders() {
    return orders;
  }

  /** Reads the original's shape: {@code {where, groupBy: "f" | [...], metrics: {name: "count" | {op, field}}, orderBy}}. */
  public static Aggregation fromMap(Map<String, Object> options) {
    Aggregation a = new Aggregation();
    a.where = Query.fromMap(options);
    Object g = options.get("groupBy");
    if (g instanceof String s) {
      a.groupBy.add(s);
    } else if (g instanceof List<?> l) {
      l.forEach(x -> a.groupBy.add(String.valueOf(x)));
    }
    if (options.get("metrics") instanceof Map<?, ?> ms) {
      for (Map.Entry<?, ?> e : ms.entrySet()) {
        String as = String.valueOf(e.getKey());
        if ("count".equals(e.getValue())) {
          a.count(as);
        } else if (e.getValue() instanceof Map<?, ?> m && m.get("op") instanceof String op) {
          Metric metric;
          try {
            metric = Metric.valueOf(op.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException ex) {
            throw new DbException("DB_QUERY_INVALID", 400, "Unknown metric operator \"" + op + "\" for \"" + as + "\".",
                "Use count, sum, min, max or avg.", Map.of("metric", as));
          }
          a.metric(as, metric, m.get("field") == null ? null : String.valueOf(m.get("field")));
        } else {
          throw new DbException("DB_QUERY_INVALID", 400, "Metric \"" + as + "\" must be \"count\" or {op, field}, got " + e.getValue() + ".",
              "Write \"metrics\": {\"total\": {\"op\": \"sum\", \"field\": \"views\"}}.", Map.of("metric", as));
        }
      }
    }
    Object order = options.get("orderBy");
    for (Object spec : order instanceof List<?> l ? l : order == null ? List.of() : List.of(order)) {
      if (spec instanceof String s) {
        a.orderBy(s);
      } else if (spec instanceof Map<?, ?> m && m.get("field") instanceof String f) {
        a.orders.add(new Query.Order(f, "desc".equalsIgnoreCase(String.valueOf(m.get("direction")))));
      }
    }
    a.where.orders().clear();
    return a;
  }
}
