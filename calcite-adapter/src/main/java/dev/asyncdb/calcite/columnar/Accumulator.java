package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.table.ColumnView;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlKind;

/**
 * The state of one aggregate call for every group, updated a batch at a time. Results follow
 * Calcite's generated code exactly: sums start at 0 and add in scan order, MIN/MAX fold with
 * {@code lesser}/{@code greater} from the type's extreme, and a nullable result is NULL when the
 * group had no non-null argument.
 */
abstract class Accumulator {
  /** Makes room for groups {@code 0..groups-1}. */
  abstract void grow(int groups);

  abstract void add(Batch batch, int[] gids);

  abstract Object result(int group);

  static int capacity(int current, int groups) {
    int c = Math.max(16, current);
    while (c < groups) {
      c *= 2;
    }
    return c;
  }

  /** {@code COUNT(*)}. */
  static final class CountRows extends Accumulator {
    private long[] counts = new long[16];

    @Override
    void grow(int groups) {
      if (groups > counts.length) {
        counts = Arrays.copyOf(counts, capacity(counts.length, groups));
      }
    }

    @Override
    void add(Batch batch, int[] gids) {
      long[] c = counts;
      for (int i = 0; i < batch.size; i++) {
        c[gids[i]]++;
      }
    }

    @Override
    Object result(int group) {
      return counts[group];
    }
  }

  /** {@code COUNT(x)} of a numeric expression. */
  static final class CountValues extends Accumulator {
    private final Values values;
    private long[] counts = new long[16];

    CountValues(Values values) {
      this.values = values;
    }

    @Override
    void grow(int groups) {
      if (groups > counts.length) {
        counts = Arrays.copyOf(counts, capacity(counts.length, groups));
      }
    }

    @Override
    void add(Batch batch, int[] gids) {
      values.compute(batch);
      long[] c = counts;
      for (int i = 0; i < batch.size; i++) {
        if (!values.isNull(i)) {
          c[gids[i]]++;
        }
      }
    }

    @Override
    Object result(int group) {
      return counts[group];
    }
  }

  /** SUM / $SUM0: one sum per group, NULL for a group without a non-null argument when the call is nullable. */
  abstract static class Sum extends Accumulator {
    private final boolean nullWhenEmpty;

    Sum(boolean nullWhenEmpty) {
      this.nullWhenEmpty = nullWhenEmpty;
    }

    /** The group's sum, NULL when {@code nullWhenNone} and it had no non-null argument. */
    abstract Object result(int group, boolean nullWhenNone);

    @Override
    final Object result(int group) {
      return result(group, nullWhenEmpty);
    }
  }

  /** SUM / $SUM0 of BIGINT. */
  static final class SumLongs extends Sum {
    private final Values.Longs values;
    private long[] sums = new long[16];
    private boolean[] seen = new boolean[16];

    SumLongs(Values.Longs values, boolean nullWhenEmpty) {
      super(nullWhenEmpty);
      this.values = values;
    }

    @Override
    void grow(int groups) {
      if (groups > sums.length) {
        int c = capacity(sums.length, groups);
        sums = Arrays.copyOf(sums, c);
        seen = Arrays.copyOf(seen, c);
      }
    }

    @Override
    void add(Batch batch, int[] gids) {
      values.compute(batch);
      long[] v = values.values;
      long[] s = sums;
      boolean[] has = seen;
      if (!values.anyNull) {
        for (int i = 0; i < batch.size; i++) {
          int g = gids[i];
          s[g] += v[i];
          has[g] = true;
        }
      } else {
        for (int i = 0; i < batch.size; i++) {
          if (!values.nulls[i]) {
            int g = gids[i];
            s[g] += v[i];
            has[g] = true;
          }
        }
      }
    }

    @Override
    Object result(int group, boolean nullWhenNone) {
      return nullWhenNone && !seen[group] ? null : (Object) sums[group];
    }
  }

  /** SUM / $SUM0 of DOUBLE. */
  static final class SumDoubles extends Sum {
    private final Values.Doubles values;
    private double[] sums = new double[16];
    private boolean[] seen = new boolean[16];

    SumDoubles(Values.Doubles values, boolean nullWhenEmpty) {
      super(nullWhenEmpty);
      this.values = values;
    }

    @Override
    void grow(int groups) {
      if (groups > sums.length) {
        int c = capacity(sums.length, groups);
        sums = Arrays.copyOf(sums, c);
        seen = Arrays.copyOf(seen, c);
      }
    }

    @Override
    void add(Batch batch, int[] gids) {
      values.compute(batch);
      double[] v = values.values;
      double[] s = sums;
      boolean[] has = seen;
      if (!values.anyNull) {
        for (int i = 0; i < batch.size; i++) {
          int g = gids[i];
          s[g] += v[i];
          has[g] = true;
        }
      } else {
        for (int i = 0; i < batch.size; i++) {
          if (!values.nulls[i]) {
            int g = gids[i];
            s[g] += v[i];
            has[g] = true;
          }
        }
      }
    }

    @Override
    Object result(int group, boolean nullWhenNone) {
      return nullWhenNone && !seen[group] ? null : (Object) sums[group];
    }
  }

  /**
   * A SUM or $SUM0 of an argument an earlier call already sums — Calcite splits {@code AVG(x)} into
   * {@code SUM(x) / COUNT(x)} beside the query's own {@code SUM(x)} (TPC-H Q1 has two such pairs):
   * it reads that sum (the same additions in the same order) instead of adding every row again.
   */
  static final class SameSum extends Accumulator {
    private final Sum sum;
    private final boolean nullWhenEmpty;

    SameSum(Sum sum, boolean nullWhenEmpty) {
      this.sum = sum;
      this.nullWhenEmpty = nullWhenEmpty;
    }

    @Override
    void grow(int groups) {
      // the shared sum grows
    }

    @Override
    void add(Batch batch, int[] gids) {
      // the shared sum adds
    }

    @Override
    Object result(int group) {
      return sum.result(group, nullWhenEmpty);
    }
  }

  /**
   * Replaces each SUM or $SUM0 whose argument (over the same input, {@code inputOf}) an earlier sum
   * already adds with a {@link SameSum} of it.
   */
  static void shareSums(List<AggregatePlan.Call> calls, Accumulator[] accumulators, java.util.function.IntUnaryOperator inputOf) {
    for (int j = 1; j < accumulators.length; j++) {
      AggregatePlan.Call later = calls.get(j);
      for (int i = 0; i < j && isSum(later); i++) {
        AggregatePlan.Call earlier = calls.get(i);
        if (isSum(earlier) && earlier.argument().equals(later.argument()) && inputOf.applyAsInt(i) == inputOf.applyAsInt(j)
            && accumulators[i] instanceof Sum sum) {
          accumulators[j] = new SameSum(sum, later.kind() == SqlKind.SUM && later.nullable());
          break;
        }
      }
    }
  }

  private static boolean isSum(AggregatePlan.Call call) {
    return (call.kind() == SqlKind.SUM || call.kind() == SqlKind.SUM0) && call.argument() != null;
  }

  /** MIN / MAX of BIGINT. */
  static final class MinMaxLongs extends Accumulator {
    private final Values.Longs values;
    private final boolean min;
    private long[] acc = new long[0];
    private boolean[] seen = new boolean[0];

    MinMaxLongs(Values.Longs values, boolean min) {
      this.values = values;
      this.min = min;
    }

    @Override
    void grow(int groups) {
      if (groups > acc.length) {
        int old = acc.length;
        int c = capacity(old, groups);
        acc = Arrays.copyOf(acc, c);
        seen = Arrays.copyOf(seen, c);
        Arrays.fill(acc, old, c, min ? Long.MAX_VALUE : Long.MIN_VALUE);
      }
    }

    @Override
    void add(Batch batch, int[] gids) {
      values.compute(batch);
      long[] v = values.values;
      long[] a = acc;
      for (int i = 0; i < batch.size; i++) {
        if (values.isNull(i)) {
          continue;
        }
        int g = gids[i];
        long x = v[i];
        // SqlFunctions.lesser / greater.
        a[g] = min ? (a[g] > x ? x : a[g]) : (a[g] > x ? a[g] : x);
        seen[g] = true;
      }
    }

    @Override
    Object result(int group) {
      return seen[group] ? (Object) acc[group] : null;
    }
  }

  /** MIN / MAX of DOUBLE. */
  static final class MinMaxDoubles extends Accumulator {
    private final Values.Doubles values;
    private final boolean min;
    private double[] acc = new double[0];
    private boolean[] seen = new boolean[0];

    MinMaxDoubles(Values.Doubles values, boolean min) {
      this.values = values;
      this.min = min;
    }

    @Override
    void grow(int groups) {
      if (groups > acc.length) {
        int old = acc.length;
        int c = capacity(old, groups);
        acc = Arrays.copyOf(acc, c);
        seen = Arrays.copyOf(seen, c);
        Arrays.fill(acc, old, c, min ? Double.MAX_VALUE : -Double.MAX_VALUE);
      }
    }

    @Override
    void add(Batch batch, int[] gids) {
      values.compute(batch);
      double[] v = values.values;
      double[] a = acc;
      for (int i = 0; i < batch.size; i++) {
        if (values.isNull(i)) {
          continue;
        }
        int g = gids[i];
        double x = v[i];
        a[g] = min ? (a[g] > x ? x : a[g]) : (a[g] > x ? a[g] : x);
        seen[g] = true;
      }
    }

    @Override
    Object result(int group) {
      return seen[group] ? (Object) acc[group] : null;
    }
  }

  /**
   * COUNT, MIN or MAX of a column read by SQL value (strings, dates, timestamps, booleans):
   * dictionary-coded strings are ranked once per distinct value and compared by rank.
   */
  static final class ByValue extends Accumulator {
    enum Kind { COUNT, MIN, MAX }

    private final Kind kind;
    private final ColumnView view;
    private final SqlColumn sc;
    /** For dictionary columns: each code's SQL value and its rank among them (-1 when NULL). */
    private final Object[] valueOfCode;
    private final int[] rankOfCode;
    private final int[] codes = new int[Batch.SIZE];
    private long[] counts = new long[16];
    private Object[] best = new Object[16];
    private int[] bestRank = new int[0];

    ByValue(Kind kind, ColumnView view, SqlColumn sc) {
      this.kind = kind;
      this.view = view;
      this.sc = sc;
      if (view != null && view.isDictionaryEncoded()) {
        int size = view.dictionarySize();
        valueOfCode = new Object[size];
        Integer[] order = new Integer[size];
        int nonNull = 0;
        for (int code = 0; code < size; code++) {
          valueOfCode[code] = sc.convert(view.dictionaryValue(code));
          if (valueOfCode[code] != null) {
            order[nonNull++] = code;
          }
        }
        Arrays.sort(order, 0, nonNull, (x, y) -> compare(valueOfCode[x], valueOfCode[y]));
        rankOfCode = new int[size];
        Arrays.fill(rankOfCode, -1);
        int rank = -1;
        for (int i = 0; i < nonNull; i++) {
          if (i == 0 || compare(valueOfCode[order[i - 1]], valueOfCode[order[i]]) != 0) {
            rank++;
          }
          rankOfCode[order[i]] = rank;
        }
      } else {
        valueOfCode = null;
        rankOfCode = null;
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
      return ((Comparable) a).compareTo(b);
    }

    @Override
    void grow(int groups) {
      if (groups > counts.length) {
        int c = capacity(counts.length, groups);
        counts = Arrays.copyOf(counts, c);
        best = Arrays.copyOf(best, c);
      }
      if (rankOfCode != null && groups > bestRank.length) {
        int old = bestRank.length;
        bestRank = Arrays.copyOf(bestRank, capacity(old, groups));
        Arrays.fill(bestRank, old, bestRank.length, -1);
      }
    }

    @Override
    void add(Batch batch, int[] gids) {
      if (view == null) {
        return;
      }
      int n = batch.size;
      if (rankOfCode != null) {
        view.codes(batch.rows, n, codes);
        for (int i = 0; i < n; i++) {
          int code = codes[i];
          int rank = code < 0 ? -1 : rankOfCode[code];
          if (rank < 0) {
            continue;
          }
          int g = gids[i];
          counts[g]++;
          int b = bestRank[g];
          if (b < 0 || (kind == Kind.MIN ? rank < b : rank > b)) {
            bestRank[g] = rank;
            best[g] = valueOfCode[code];
          }
        }
        return;
      }
      for (int i = 0; i < n; i++) {
        Object v = sc.convert(view.get(batch.rows[i]));
        if (v == null) {
          continue;
        }
        int g = gids[i];
        counts[g]++;
        Object b = best[g];
        if (kind != Kind.COUNT && (b == null || (kind == Kind.MIN ? compare(b, v) > 0 : compare(b, v) < 0))) {
          best[g] = v;
        }
      }
    }

    @Override
    Object result(int group) {
      return kind == Kind.COUNT ? (Object) counts[group] : best[group];
    }
  }
}
