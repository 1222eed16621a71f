package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.Aggregation;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Query;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Evaluates {@code find}, {@code count} and {@code aggregate} over one table version. Equality on
 * the key is a hash probe; equality on a dictionary-encoded column compares integer codes; other
 * conditions read column values row by row.
 */
public final class QueryEvaluator {
  private static final int TOP_K_LIMIT = 10_000;

  private QueryEvaluator() {}

  /** A compiled condition over physical rows. */
  private interface RowTest {
    boolean test(int row);
  }

  /** Matching live rows in insertion order, before ordering and windowing. */
  public static int[] filter(ResourceSchema schema, TableVersion v, Query q) {
    List<Query.Condition> conditions = q.conditions();
    KeySpec key = v.table().keySpec();
    for (Query.Condition c : conditions) {
      if (c.op() == Query.Op.EQ && !key.isCompound() && c.field().equals(key.fields().get(0))) {
        List<Integer> hits = v.findAll(KeySpec.scalarKey(c.value()));
        return hits.stream().mapToInt(Integer::intValue).filter(row -> matchesAll(v.table(), conditions, row)).toArray();
      }
    }
    RowTest[] tests = new RowTest[conditions.size()];
    for (int i = 0; i < tests.length; i++) {
      tests[i] = compile(v.table(), conditions.get(i));
    }
    int[] out = new int[Math.min(v.size(), 1024)];
    int n = 0;
    for (int s = 0, end = v.slotCount(); s < end; s++) {
      int row = v.rowAt(s);
      if (row < 0) {
        continue;
      }
      boolean ok = true;
      for (RowTest t : tests) {
        if (!t.test(row)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        if (n == out.length) {
          out = Arrays.copyOf(out, Math.max(16, n * 2));
        }
        out[n++] = row;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static boolean matchesAll(RecordTable table, List<Query.Condition> conditions, int row) {
    for (Query.Condition c : conditions) {
      if (!compile(table, c).test(row)) {
        return false;
      }
    }
    return true;
  }

  private static RowTest compile(RecordTable table, Query.Condition c) {
    Column col = table.column(c.field());
    Object value = c.value();
    if (col == null) {
      return switch (c.op()) {
        case EQ -> row -> value == null;
        case NE -> row -> value != null;
        default -> row -> false;
      };
    }
    if (c.op() == Query.Op.EQ && value instanceof String s && col.isDictionaryEncoded()) {
      int code = col.dictionaryLookup(s);
      return code < 0 ? row -> false : row -> col.dictionaryCode(row) == code;
    }
    if (value instanceof Number n && (col.kind() == Column.Kind.LONG || col.kind() == Column.Kind.DOUBLE)) {
      double d = n.doubleValue();
      switch (c.op()) {
        case EQ: return row -> !col.isNull(row) && col.getDouble(row) == d;
        case NE: return row -> col.isNull(row) || col.getDouble(row) != d;
        case GT: return row -> !col.isNull(row) && col.getDouble(row) > d;
        case GTE: return row -> !col.isNull(row) && col.getDouble(row) >= d;
        case LT: return row -> !col.isNull(row) && col.getDouble(row) < d;
        case LTE: return row -> !col.isNull(row) && col.getDouble(row) <= d;
        default: break;
      }
    }
    return switch (c.op()) {
      case EQ -> row -> Values.equal(col.get(row), value);
      case NE -> row -> !Values.equal(col.get(row), value);
      case GT -> row -> notNull(col, row) && value != null && Values.compare(col.get(row), value) > 0;
      case GTE -> row -> notNull(col, row) && value != null && Values.compare(col.get(row), value) >= 0;
      case LT -> row -> notNull(col, row) && value != null && Values.compare(col.get(row), value) < 0;
      case LTE -> row -> notNull(col, row) && value != null && Values.compare(col.get(row), value) <= 0;
      case CONTAINS -> row -> Values.contains(col.get(row), value);
      case IN -> {
        if (!(value instanceof List<?> list)) {
          throw new DbException("DB_QUERY_INVALID", 400, "\"in\" on " + c.field() + " needs a list, got " + value + ".",
              "Write {\"in\": [\"a\", \"b\"]}.", Map.of("field", c.field()));
        }
        yield row -> {
          Object v = col.get(row);
          for (Object item : list) {
            if (Values.equal(v, item)) {
              return true;
            }
          }
          return false;
        };
      }
    };
  }

  private static boolean notNull(Column col, int row) {
    return !col.isNull(row);
  }

  /** Rows of {@code find}: filtered, ordered, windowed. */
  public static int[] find(ResourceSchema schema, TableVersion v, Query q) {
    int[] rows = filter(schema, v, q);
    int from = Math.min(q.offset(), rows.length);
    int to = q.limit() == null ? rows.length : (int) Math.min(rows.length, (long) from + q.limit());
    if (q.orders().isEmpty()) {
      return Arrays.copyOfRange(rows, from, to);
    }
    Comparator<Integer> order = comparator(v.table(), q.orders()).thenComparingInt(v::slotOfRow);
    if (to < rows.length && to <= TOP_K_LIMIT) {
      PriorityQueue<Integer> heap = new PriorityQueue<>(to + 1, order.reversed());
      for (int row : rows) {
        heap.add(row);
        if (heap.size() > to) {
          heap.poll();
        }
      }
      Integer[] top = heap.toArray(new Integer[0]);
      Arrays.sort(top, order);
      return Arrays.stream(top, from, top.length).mapToInt(Integer::intValue).toArray();
    }
    Integer[] boxed = Arrays.stream(rows).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, order);
    return Arrays.stream(boxed, from, to).mapToInt(Integer::intValue).toArray();
  }

  private static Comparator<Integer> comparator(RecordTable table, List<Query.Order> orders) {
    Comparator<Integer> cmp = null;
    for (Query.Order o : orders) {
      Column col = table.column(o.field());
      Comparator<Integer> one = col == null ? (a, b) -> 0 : (a, b) -> Values.compare(col.get(a), col.get(b));
      if (o.descending()) {
        one = one.reversed();
      }
      cmp = cmp == null ? one : cmp.thenComparing(one);
    }
    return cmp;
  }

  public static List<Map<String, Object>> aggregate(ResourceSchema schema, TableVersion v, Aggregation a) {
    int[] rows = filter(schema, v, a.where());
    RecordTable table = v.table();
    List<Column> groupCols = new ArrayList<>();
    for (String g : a.groupFields()) {
      groupCols.add(table.column(g));
    }
    Map<List<Object>, Accumulator[]> groups = new LinkedHashMap<>();
    List<Aggregation.MetricSpec> specs = new ArrayList<>(a.metrics().values());
    Map<String, Column> metricCols = new HashMap<>();
    for (Aggregation.MetricSpec m : specs) {
      if (m.field() != null) {
        metricCols.put(m.field(), table.column(m.field()));
      }
    }
    if (a.groupFields().isEmpty()) {
      groups.put(List.of(), newAccumulators(specs));
    }
    for (int row : rows) {
      List<Object> key = new ArrayList<>(groupCols.size());
      for (Column c : groupCols) {
        key.add(c == null ? null : c.get(row));
      }
      Accumulator[] acc = groups.computeIfAbsent(key, k -> newAccumulators(specs));
      for (int i = 0; i < specs.size(); i++) {
        Aggregation.MetricSpec m = specs.get(i);
        Column c = m.field() == null ? null : metricCols.get(m.field());
        acc[i].add(m.field() == null ? Boolean.TRUE : c == null ? null : c.get(row));
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    groups.forEach((key, acc) -> {
      Map<String, Object> r = new LinkedHashMap<>();
      for (int i = 0; i < a.groupFields().size(); i++) {
        r.put(a.groupFields().get(i), key.get(i));
      }
      for (int i = 0; i < specs.size(); i++) {
        r.put(specs.get(i).as(), acc[i].result());
      }
      out.add(r);
    });
    if (!a.orders().isEmpty()) {
      Comparator<Map<String, Object>> cmp = null;
      for (Query.Order o : a.orders()) {
        Comparator<Map<String, Object>> one = (x, y) -> Values.compare(x.get(o.field()), y.get(o.field()));
        if (o.descending()) {
          one = one.reversed();
        }
        cmp = cmp == null ? one : cmp.thenComparing(one);
      }
      out.sort(cmp);
    }
    return out;
  }

  private static Accumulator[] newAccumulators(List<Aggregation.MetricSpec> specs) {
    Accumulator[] acc = new Accumulator[specs.size()];
    for (int i = 0; i < acc.length; i++) {
      acc[i] = new Accumulator(specs.get(i).op());
    }
    return acc;
  }

  /** Running value of one metric in one group. */
  private static final class Accumulator {
    private final Aggregation.Metric op;
    private long count;
    private double sum;
    private boolean integral = true;
    private Object best;

    Accumulator(Aggregation.Metric op) {
      this.op = op;
    }

    void add(Object v) {
      switch (op) {
        case COUNT -> {
          if (v != null) {
            count++;
          }
        }
        case SUM, AVG -> {
          if (v instanceof Number n) {
            count++;
            sum += n.doubleValue();
            integral &= v instanceof Long;
          }
        }
        case MIN -> {
          if (v != null && (best == null || Values.compare(v, best) < 0)) {
            best = v;
          }
        }
        case MAX -> {
          if (v != null && (best == null || Values.compare(v, best) > 0)) {
            best = v;
          }
        }
      }
    }

    Object result() {
      return switch (op) {
        case COUNT -> count;
        case SUM -> integral ? (Object) (long) sum : (Object) sum;
        case AVG -> count == 0 ? null : sum / count;
        case MIN, MAX -> best;
      };
    }
  }
}
