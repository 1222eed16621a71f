package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.ColumnView;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The values of a numeric {@link Expr} for the rows of a batch, in arrays indexed like the
 * batch's rows, with null flags. {@link #nulls} is only meaningful when {@link #anyNull} is set.
 */
abstract class Values {
  final boolean[] nulls = new boolean[Batch.SIZE];
  boolean anyNull;
  private int computed = -1;

  /** Computes the values for a batch unless they already are. */
  final void compute(Batch batch) {
    if (batch.id != computed) {
      fill(batch);
      computed = batch.id;
    }
  }

  abstract void fill(Batch batch);

  /** Whether row {@code i} of the last computed batch is null. */
  final boolean isNull(int i) {
    return anyNull && nulls[i];
  }

  /** BIGINT values. */
  abstract static class Longs extends Values {
    final long[] values = new long[Batch.SIZE];
  }

  /** DOUBLE values. */
  abstract static class Doubles extends Values {
    final double[] values = new double[Batch.SIZE];
  }

  /** Binds expressions to the columns of one execution; equal expressions share their values. */
  static final class Binder {
    private final Columns columns;
    private final Map<Expr, Values> bound = new HashMap<>();

    Binder(Columns columns) {
      this.columns = columns;
    }

    Values bind(Expr e) {
      Values v = bound.get(e);
      if (v == null) {
        v = create(e);
        bound.put(e, v);
      }
      return v;
    }

    Longs longs(Expr e) {
      return (Longs) bind(e);
    }

    Doubles doubles(Expr e) {
      if (e instanceof Expr.Literal l) {
        return (Doubles) bind(new Expr.Literal(SqlTypeName.DOUBLE, 0, l.doubleValue()));
      }
      return e.type() == SqlTypeName.DOUBLE ? (Doubles) bind(e) : new LongToDouble(longs(e));
    }

    private Values create(Expr e) {
      if (e instanceof Expr.Column c) {
        ColumnView view = columns.view(c.column());
        if (c.type() == SqlTypeName.BIGINT) {
          return view != null && (view.kind() == Column.Kind.LONG || view.kind() == Column.Kind.NULL)
              ? new LongColumn(view) : new ConvertedLongs(view, c.sql());
        }
        if (c.type() == SqlTypeName.DOUBLE) {
          return view != null && (view.kind() == Column.Kind.LONG || view.kind() == Column.Kind.DOUBLE || view.kind() == Column.Kind.NULL)
              ? new DoubleColumn(view) : new ConvertedDoubles(view, c.sql());
        }
        throw new IllegalStateException("not a numeric column: " + c);
      }
      if (e instanceof Expr.Literal l) {
        return l.type() == SqlTypeName.BIGINT ? new LongConstant(l.longValue()) : new DoubleConstant(l.doubleValue());
      }
      if (e instanceof Expr.ToDouble t) {
        return new LongToDouble(longs(t.operand()));
      }
      if (e instanceof Expr.Negate n) {
        return n.type() == SqlTypeName.BIGINT ? new LongNegate(longs(n.operand())) : new DoubleNegate(doubles(n.operand()));
      }
      Expr.Arithmetic a = (Expr.Arithmetic) e;
      return a.type() == SqlTypeName.BIGINT ? new LongArithmetic(a.op(), longs(a.left()), longs(a.right()))
          : new DoubleArithmetic(a.op(), doubles(a.left()), doubles(a.right()));
    }
  }

  /** Null flags of {@code out} as the OR of two inputs' (NULL in, NULL out). */
  static void mergeNulls(Values out, Values a, Values b, int n) {
    if (a.anyNull && b.anyNull) {
      for (int i = 0; i < n; i++) {
        out.nulls[i] = a.nulls[i] | b.nulls[i];
      }
    } else if (a.anyNull || b.anyNull) {
      System.arraycopy(a.anyNull ? a.nulls : b.nulls, 0, out.nulls, 0, n);
    }
    out.anyNull = a.anyNull || b.anyNull;
  }

  private static final class LongColumn extends Longs {
    private final ColumnView view;

    LongColumn(ColumnView view) {
      this.view = view;
    }

    @Override
    void fill(Batch b) {
      anyNull = view.longs(b.rows, b.size, values, nulls);
    }
  }

  private static final class DoubleColumn extends Doubles {
    private final ColumnView view;

    DoubleColumn(ColumnView view) {
      this.view = view;
    }

    @Override
    void fill(Batch b) {
      anyNull = view.doubles(b.rows, b.size, values, nulls);
    }
  }

  /** A BIGINT column stored otherwise (mixed values): each value converted as the scan converts it. */
  private static final class ConvertedLongs extends Longs {
    private final ColumnView view;
    private final SqlColumn sql;

    ConvertedLongs(ColumnView view, SqlColumn sql) {
      this.view = view;
      this.sql = sql;
    }

    @Override
    void fill(Batch b) {
      boolean any = false;
      for (int i = 0; i < b.size; i++) {
        Object v = view == null ? null : sql.convert(view.get(b.rows[i]));
        nulls[i] = v == null;
        any |= v == null;
        values[i] = v == null ? 0 : (Long) v;
      }
      anyNull = any;
    }
  }

  /** A DOUBLE column stored otherwise (mixed values): each value converted as the scan converts it. */
  private static final class ConvertedDoubles extends Doubles {
    private final ColumnView view;
    private final SqlColumn sql;

    ConvertedDoubles(ColumnView view, SqlColumn sql) {
      this.view = view;
      this.sql = sql;
    }

    @Override
    void fill(Batch b) {
      boolean any = false;
      for (int i = 0; i < b.size; i++) {
        Object v = view == null ? null : sql.convert(view.get(b.rows[i]));
        nulls[i] = v == null;
        any |= v == null;
        values[i] = v == null ? 0 : (Double) v;
      }
      anyNull = any;
    }
  }

  private static final class LongConstant extends Longs {
    LongConstant(long value) {
      java.util.Arrays.fill(values, value);
    }

    @Override
    void fill(Batch b) {
      // Constant.
    }
  }

  private static final class DoubleConstant extends Doubles {
    DoubleConstant(double value) {
      java.util.Arrays.fill(values, value);
    }

    @Override
    void fill(Batch b) {
      // Constant.
    }
  }

  private static final class LongToDouble extends Doubles {
    private final Longs in;

    LongToDouble(Longs in) {
      this.in = in;
    }

    @Override
    void fill(Batch b) {
      in.compute(b);
      long[] v = in.values;
      for (int i = 0; i < b.size; i++) {
        values[i] = v[i];
      }
      anyNull = in.anyNull;
      if (anyNull) {
        System.arraycopy(in.nulls, 0, nulls, 0, b.size);
      }
    }
  }

  private static final class LongNegate extends Longs {
    private final Longs in;

    LongNegate(Longs in) {
      this.in = in;
    }

    @Override
    void fill(Batch b) {
      in.compute(b);
      for (int i = 0; i < b.size; i++) {
        values[i] = -in.values[i];
      }
      anyNull = in.anyNull;
      if (anyNull) {
        System.arraycopy(in.nulls, 0, nulls, 0, b.size);
      }
    }
  }

  private static final class DoubleNegate extends Doubles {
    private final Doubles in;

    DoubleNegate(Doubles in) {
      this.in = in;
    }

    @Override
    void fill(Batch b) {
      in.compute(b);
      for (int i = 0; i < b.size; i++) {
        values[i] = -in.values[i];
      }
      anyNull = in.anyNull;
      if (anyNull) {
        System.arraycopy(in.nulls, 0, nulls, 0, b.size);
      }
    }
  }

  private static final class LongArithmetic extends Longs {
    private final SqlKind op;
    private final Longs left;
    private final Longs right;

    LongArithmetic(SqlKind op, Longs left, Longs right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    void fill(Batch b) {
      left.compute(b);
      right.compute(b);
      int n = b.size;
      long[] x = left.values;
      long[] y = right.values;
      mergeNulls(this, left, right, n);
      switch (op) {
        case PLUS -> {
          for (int i = 0; i < n; i++) {
            values[i] = x[i] + y[i];
          }
        }
        case MINUS -> {
          for (int i = 0; i < n; i++) {
            values[i] = x[i] - y[i];
          }
        }
        case TIMES -> {
          for (int i = 0; i < n; i++) {
            values[i] = x[i] * y[i];
          }
        }
        default -> {
          // Integer division by zero fails as in Calcite's code, but only on rows that have values.
          for (int i = 0; i < n; i++) {
            values[i] = anyNull && nulls[i] ? 0 : x[i] / y[i];
          }
        }
      }
    }
  }

  private static final class DoubleArithmetic extends Doubles {
    private final SqlKind op;
    private final Doubles left;
    private final Doubles right;

    DoubleArithmetic(SqlKind op, Doubles left, Doubles right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    void fill(Batch b) {
      left.compute(b);
      right.compute(b);
      int n = b.size;
      double[] x = left.values;
      double[] y = right.values;
      switch (op) {
        case PLUS -> {
          for (int i = 0; i < n; i++) {
            values[i] = x[i] + y[i];
          }
        }
        case MINUS -> {
          for (int i = 0; i < n; i++) {
            values[i] = x[i] - y[i];
          }
        }
        case TIMES -> {
          for (int i = 0; i < n; i++) {
            values[i] = x[i] * y[i];
          }
        }
        default -> {
          for (int i = 0; i < n; i++) {
            values[i] = x[i] / y[i];
          }
        }
      }
      mergeNulls(this, left, right, n);
    }
  }
}
