package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.ScanCondition;
import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.ColumnView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The scan's conditions on one column applied to a batch of rows at once: it keeps the rows that
 * pass them all, in order, and returns how many. Each form agrees with {@link ScanCondition#test}
 * on the column's SQL values (and so with the scan's own row predicates); the column is read once
 * per batch however many conditions it has.
 */
abstract class RowFilter {
  /** Compacts {@code rows[0..n)} to the rows that pass; returns their number. */
  abstract int filter(int[] rows, int n);

  /** Relative cost per row, to run cheap (and usually selective) filters first. */
  abstract int cost();

  /** Filters for all conditions, one per column, cheapest first. */
  static List<RowFilter> of(List<ScanCondition> conditions, Columns columns) {
    Map<Integer, List<ScanCondition>> byColumn = new LinkedHashMap<>();
    for (ScanCondition c : conditions) {
      byColumn.computeIfAbsent(c.column(), k -> new ArrayList<>()).add(c);
    }
    List<RowFilter> out = new ArrayList<>();
    for (Map.Entry<Integer, List<ScanCondition>> e : byColumn.entrySet()) {
      out.add(of(e.getValue(), columns.sql(e.getKey()), columns.view(e.getKey())));
    }
    out.sort(Comparator.comparingInt(RowFilter::cost));
    return out;
  }

  private static RowFilter of(List<ScanCondition> conditions, SqlColumn sc, ColumnView view) {
    if (conditions.stream().anyMatch(c -> c.op() == ScanCondition.Op.NEVER)) {
      return new Never();
    }
    if (view == null) {
      return conditions.stream().allMatch(c -> c.test(null)) ? new Always() : new Never();
    }
    if (view.isDictionaryEncoded()) {
      return new ByCode(view, conditions, sc);
    }
    boolean numberComparisons = conditions.stream().allMatch(c -> c.isComparison() && c.value() instanceof Number);
    if (numberComparisons && numericVector(sc, view.kind())) {
      return new DoubleComparisons(view, conditions);
    }
    if (numberComparisons && view.kind() == Column.Kind.STRING && (sc.type() == SqlTypeName.DATE || sc.type() == SqlTypeName.TIMESTAMP)) {
      return new TimeComparisons(view, conditions, sc.type() == SqlTypeName.TIMESTAMP);
    }
    return new ByValue(view, conditions, sc);
  }

  /** A numeric column whose stored vector holds its SQL values (as the scan's predicates decide). */
  private static boolean numericVector(SqlColumn sc, Column.Kind kind) {
    return sc.type() == SqlTypeName.BIGINT ? kind == Column.Kind.LONG
        : sc.type() == SqlTypeName.DOUBLE && (kind == Column.Kind.LONG || kind == Column.Kind.DOUBLE);
  }

  private static final class Never extends RowFilter {
    @Override
    int filter(int[] rows, int n) {
      return 0;
    }

    @Override
    int cost() {
      return 0;
    }
  }

  private static final class Always extends RowFilter {
    @Override
    int filter(int[] rows, int n) {
      return n;
    }

    @Override
    int cost() {
      return 0;
    }
  }

  /** Dictionary-coded strings: the conditions are decided once per distinct value, then per row by code. */
  private static final class ByCode extends RowFilter {
    private final ColumnView view;
    private final boolean[] passes;
    private final boolean nullPasses;
    private final int[] codes = new int[Batch.SIZE];

    ByCode(ColumnView view, List<ScanCondition> conditions, SqlColumn sc) {
      this.view = view;
      int size = view.dictionarySize();
      this.passes = new boolean[size];
      for (int code = 0; code < size; code++) {
        Object value = sc.convert(view.dictionaryValue(code));
        boolean all = true;
        for (ScanCondition c : conditions) {
          all &= c.test(value);
        }
        passes[code] = all;
      }
      this.nullPasses = conditions.stream().allMatch(c -> c.test(null));
    }

    @Override
    int filter(int[] rows, int n) {
      view.codes(rows, n, codes);
      int kept = 0;
      for (int i = 0; i < n; i++) {
        int code = codes[i];
        if (code < 0 ? nullPasses : passes[code]) {
          rows[kept++] = rows[i];
        }
      }
      return kept;
    }

    @Override
    int cost() {
      return 1;
    }
  }

  /** Comparisons of a numeric vector with numbers, in doubles, as the scan compares. */
  private static final class DoubleComparisons extends RowFilter {
    private final ColumnView view;
    private final ScanCondition.Op[] ops;
    private final double[] bounds;
    private final double[] values = new double[Batch.SIZE];
    private final boolean[] nulls = new boolean[Batch.SIZE];

    DoubleComparisons(ColumnView view, List<ScanCondition> conditions) {
      this.view = view;
      this.ops = new ScanCondition.Op[conditions.size()];
      this.bounds = new double[conditions.size()];
      for (int i = 0; i < ops.length; i++) {
        ops[i] = conditions.get(i).op();
        bounds[i] = ((Number) conditions.get(i).value()).doubleValue();
      }
    }

    @Override
    int filter(int[] rows, int n) {
      boolean anyNull = view.doubles(rows, n, values, nulls);
      int kept = n;
      if (anyNull) {
        kept = 0;
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) {
            values[kept] = values[i];
            rows[kept++] = rows[i];
          }
        }
      }
      for (int c = 0; c < ops.length && kept > 0; c++) {
        kept = keep(ops[c], bounds[c], rows, values, kept);
      }
      return kept;
    }

    /** Keeps the rows (and their values, side by side) whose value compares with {@code d} as {@code op} asks. */
    private static int keep(ScanCondition.Op op, double d, int[] rows, double[] values, int n) {
      int kept = 0;
      switch (op) {
        case EQUALS -> {
          for (int i = 0; i < n; i++) {
            double v = values[i];
            if (v == d) {
              values[kept] = v;
              rows[kept++] = rows[i];
            }
          }
        }
        case NOT_EQUALS -> {
          for (int i = 0; i < n; i++) {
            double v = values[i];
            if (v != d) {
              values[kept] = v;
              rows[kept++] = rows[i];
            }
          }
        }
        case LESS_THAN -> {
          for (int i = 0; i < n; i++) {
            double v = values[i];
            if (v < d) {
              values[kept] = v;
              rows[kept++] = rows[i];
            }
          }
        }
        case LESS_THAN_OR_EQUAL -> {
          for (int i = 0; i < n; i++) {
            double v = values[i];
            if (v <= d) {
              values[kept] = v;
              rows[kept++] = rows[i];
            }
          }
        }
        case GREATER_THAN -> {
          for (int i = 0; i < n; i++) {
            double v = values[i];
            if (v > d) {
              values[kept] = v;
              rows[kept++] = rows[i];
            }
          }
        }
        default -> {
          for (int i = 0; i < n; i++) {
            double v = values[i];
            if (v >= d) {
              values[kept] = v;
              rows[kept++] = rows[i];
            }
          }
        }
      }
      return kept;
    }

    @Override
    int cost() {
      return 2;
    }
  }

  /**
   * Comparisons of dates or date-times stored as ISO text with a date (days) or timestamp
   * (milliseconds): the text is parsed once per column, and the comparisons become one interval of
   * integers (plus values to avoid), as the scan compares the parsed values.
   */
  private static final class TimeComparisons extends RowFilter {
    private final ColumnView view;
    private final boolean millis;
    private long low = Long.MIN_VALUE;
    private long high = Long.MAX_VALUE;
    private final long[] excluded;
    private final boolean empty;
    private final long[] values = new long[Batch.SIZE];
    private final boolean[] nulls = new boolean[Batch.SIZE];

    TimeComparisons(ColumnView view, List<ScanCondition> conditions, boolean millis) {
      this.view = view;
      this.millis = millis;
      List<Long> avoid = new ArrayList<>();
      boolean none = false;
      for (ScanCondition c : conditions) {
        long v = ((Number) c.value()).longValue();
        switch (c.op()) {
          case EQUALS -> {
            low = Math.max(low, v);
            high = Math.min(high, v);
          }
          case NOT_EQUALS -> avoid.add(v);
          case LESS_THAN -> {
            none |= v == Long.MIN_VALUE;
            high = Math.min(high, v - 1);
          }
          case LESS_THAN_OR_EQUAL -> high = Math.min(high, v);
          case GREATER_THAN -> {
            none |= v == Long.MAX_VALUE;
            low = Math.max(low, v + 1);
          }
          default -> low = Math.max(low, v);
        }
      }
      this.empty = none || low > high;
      this.excluded = avoid.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    int filter(int[] rows, int n) {
      if (empty) {
        return 0;
      }
      boolean anyNull = millis ? view.epochMillis(rows, n, values, nulls) : view.epochDays(rows, n, values, nulls);
      long lo = low;
      long hi = high;
      int kept = 0;
      for (int i = 0; i < n; i++) {
        long v = values[i];
        if (v >= lo && v <= hi && !(anyNull && nulls[i]) && allowed(v)) {
          rows[kept++] = rows[i];
        }
      }
      return kept;
    }

    private boolean allowed(long v) {
      for (long x : excluded) {
        if (v == x) {
          return false;
        }
      }
      return true;
    }

    @Override
    int cost() {
      return 3;
    }
  }

  /** Any other column: each row's SQL value tested. */
  private static final class ByValue extends RowFilter {
    private final ColumnView view;
    private final ScanCondition[] conditions;
    private final SqlColumn sc;

    ByValue(ColumnView view, List<ScanCondition> conditions, SqlColumn sc) {
      this.view = view;
      this.conditions = conditions.toArray(new ScanCondition[0]);
      this.sc = sc;
    }

    @Override
    int filter(int[] rows, int n) {
      int kept = 0;
      for (int i = 0; i < n; i++) {
        Object v = sc.convert(view.get(rows[i]));
        boolean all = true;
        for (int c = 0; c < conditions.length && all; c++) {
          all = conditions[c].test(v);
        }
        if (all) {
          rows[kept++] = rows[i];
        }
      }
      return kept;
    }

    @Override
    int cost() {
      return 10;
    }
  }
}
