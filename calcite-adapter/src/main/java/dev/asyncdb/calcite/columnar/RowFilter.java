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

  /** Relative cost per row: with the share of rows a filter drops, it decides the order filters run in. */
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
    if (sc.type() == SqlTypeName.BOOLEAN && view.kind() == Column.Kind.BOOLEAN) {
      return new Booleans(view, conditions, sc);
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
    /** 1 when a code passes, else 0, at code + 1 (index 0 is NULL): added, never branched on. */
    private final int[] passes;
    private final int[] codes = new int[Batch.SIZE];

    ByCode(ColumnView view, List<ScanCondition> conditions, SqlColumn sc) {
      this.view = view;
      int size = view.dictionarySize();
      this.passes = new int[size + 1];
      for (int code = 0; code < size; code++) {
        Object value = sc.convert(view.dictionaryValue(code));
        boolean all = true;
        for (ScanCondition c : conditions) {
          all &= c.test(value);
        }
        passes[code + 1] = all ? 1 : 0;
      }
      passes[0] = conditions.stream().allMatch(c -> c.test(null)) ? 1 : 0;
    }

    @Override
    int filter(int[] rows, int n) {
      view.codes(rows, n, codes);
      int kept = 0;
      for (int i = 0; i < n; i++) {
        // Without branches: every row is written, only passing ones advance.
        rows[kept] = rows[i];
        kept += passes[codes[i] + 1];
      }
      return kept;
    }

    @Override
    int cost() {
      return 1;
    }
  }

  /**
   * Comparisons of a numeric vector with numbers, in doubles, as the scan compares: they become one
   * interval (bounds open or closed) plus values to avoid, checked in one pass.
   */
  private static final class DoubleComparisons extends RowFilter {
    private final ColumnView view;
    private boolean hasLow;
    private double low = Double.NEGATIVE_INFINITY;
    private boolean lowOpen;
    private boolean hasHigh;
    private double high = Double.POSITIVE_INFINITY;
    private boolean highOpen;
    private final double[] excluded;
    private final double[] values = new double[Batch.SIZE];
    private final boolean[] nulls = new boolean[Batch.SIZE];

    DoubleComparisons(ColumnView view, List<ScanCondition> conditions) {
      this.view = view;
      List<Double> avoid = new ArrayList<>();
      for (ScanCondition c : conditions) {
        double v = ((Number) c.value()).doubleValue();
        switch (c.op()) {
          case EQUALS -> {
            lower(v, false);
            upper(v, false);
          }
          case NOT_EQUALS -> avoid.add(v);
          case LESS_THAN -> upper(v, true);
          case LESS_THAN_OR_EQUAL -> upper(v, false);
          case GREATER_THAN -> lower(v, true);
          default -> lower(v, false);
        }
      }
      this.excluded = avoid.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void lower(double v, boolean open) {
      if (!hasLow || v > low) {
        low = v;
        lowOpen = open;
      } else if (v == low) {
        lowOpen |= open;
      }
      hasLow = true;
    }

    private void upper(double v, boolean open) {
      if (!hasHigh || v < high) {
        high = v;
        highOpen = open;
      } else if (v == high) {
        highOpen |= open;
      }
      hasHigh = true;
    }

    @Override
    int filter(int[] rows, int n) {
      boolean anyNull = view.doubles(rows, n, values, nulls);
      boolean noLow = !hasLow;
      boolean noHigh = !hasHigh;
      boolean lowClosed = !lowOpen;
      boolean highClosed = !highOpen;
      double lo = low;
      double hi = high;
      int kept = 0;
      for (int i = 0; i < n; i++) {
        double v = values[i];
        boolean pass = (noLow | v > lo | (lowClosed & v == lo)) & (noHigh | v < hi | (highClosed & v == hi));
        rows[kept] = rows[i];
        kept += pass ? 1 : 0;
      }
      if (anyNull || excluded.length > 0) {
        // Rarer: a second pass over the survivors, reading their values again.
        return dropNullsAndExcluded(rows, kept, anyNull);
      }
      return kept;
    }

    private int dropNullsAndExcluded(int[] rows, int n, boolean anyNull) {
      anyNull = view.doubles(rows, n, values, nulls);
      int out = 0;
      for (int i = 0; i < n; i++) {
        boolean pass = !(anyNull && nulls[i]);
        for (double x : excluded) {
          pass &= values[i] != x;
        }
        if (pass) {
          rows[out++] = rows[i];
        }
      }
      return out;
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
      if (excluded.length == 0) {
        // The common case, an interval: compared where the parsed values lie, in one pass.
        return view.keepTimesIn(millis, rows, n, low, high, values, nulls);
      }
      boolean anyNull = millis ? view.epochMillis(rows, n, values, nulls) : view.epochDays(rows, n, values, nulls);
      int kept = 0;
      for (int i = 0; i < n; i++) {
        long v = values[i];
        if (v >= low && v <= high && !(anyNull && nulls[i]) && allowed(v)) {
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
      return 2;
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

  /** A BOOLEAN column: the conditions decided once for TRUE, FALSE and NULL, then one lookup per row. */
  private static final class Booleans extends RowFilter {
    private final ColumnView view;
    private final boolean keepTrue;
    private final boolean keepFalse;
    private final boolean keepNull;
    private final boolean[] values = new boolean[Batch.SIZE];
    private final boolean[] nulls = new boolean[Batch.SIZE];

    Booleans(ColumnView view, List<ScanCondition> conditions, SqlColumn sc) {
      this.view = view;
      this.keepTrue = conditions.stream().allMatch(c -> c.test(sc.convert(Boolean.TRUE)));
      this.keepFalse = conditions.stream().allMatch(c -> c.test(sc.convert(Boolean.FALSE)));
      this.keepNull = conditions.stream().allMatch(c -> c.test(null));
    }

    @Override
    int filter(int[] rows, int n) {
      boolean anyNull = view.booleans(rows, n, values, nulls);
      int kept = 0;
      for (int i = 0; i < n; i++) {
        rows[kept] = rows[i];
        kept += (anyNull && nulls[i] ? keepNull : values[i] ? keepTrue : keepFalse) ? 1 : 0;
      }
      return kept;
    }

    @Override
    int cost() {
      return 2;
    }
  }
}
