package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.ColumnView;
import java.util.Arrays;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One ORDER BY column of a top-N execution: reads the column's sort values for a batch and
 * compares them as Calcite's generated comparator does ({@code Utilities.compare},
 * {@code compareNullsFirst} or {@code compareNullsLast}, negated when descending). Numbers, dates,
 * date-times and dictionary-coded strings compare as longs or doubles read a batch at a time; other
 * values are read row by row, and only when an earlier key ties.
 */
abstract class SortKey {
  /** Whether a NULL sorts below every value before the direction is applied (Calcite's compareNullsFirst). */
  private final boolean nullLow;
  private final boolean descending;

  SortKey(RelFieldCollation collation) {
    this.descending = collation.getDirection() == RelFieldCollation.Direction.DESCENDING;
    this.nullLow = (collation.nullDirection == RelFieldCollation.NullDirection.FIRST) != descending;
  }

  /** Reads the values of the batch's rows. */
  abstract void read(Batch batch);

  /** Compares row {@code i} of the last batch read with a kept row's value ({@code slot} of the kept values). */
  abstract int compareWithKept(int i, int row, int slot);

  /** Stores row {@code i} of the last batch read as kept value {@code slot}. */
  abstract void keep(int i, int row, int slot);

  /** Compares two kept values. */
  abstract int compareKept(int a, int b);

  /** Makes room for {@code slots} kept values. */
  abstract void capacity(int slots);

  /** The ordering of two values given their nullness and the comparison of the values themselves. */
  final int order(boolean aNull, boolean bNull, int valueComparison) {
    int c;
    if (aNull || bNull) {
      c = aNull == bNull ? 0 : aNull == nullLow ? -1 : 1;
    } else {
      c = valueComparison;
    }
    return descending ? -c : c;
  }

  static SortKey of(RelFieldCollation collation, Expr.Column column, Columns columns) {
    ColumnView view = columns.view(column.column());
    SqlColumn sc = column.sql();
    if (view != null) {
      Column.Kind kind = view.kind();
      if (sc.type() == SqlTypeName.BIGINT && (kind == Column.Kind.LONG || kind == Column.Kind.NULL)) {
        return new Longs(collation, (rows, n, out, nulls) -> view.longs(rows, n, out, nulls));
      }
      if (sc.type() == SqlTypeName.DOUBLE && (kind == Column.Kind.LONG || kind == Column.Kind.DOUBLE || kind == Column.Kind.NULL)) {
        return new Doubles(collation, view);
      }
      if (sc.type() == SqlTypeName.DATE && kind == Column.Kind.STRING) {
        return new Longs(collation, (rows, n, out, nulls) -> view.epochDays(rows, n, out, nulls));
      }
      if (sc.type() == SqlTypeName.TIMESTAMP && kind == Column.Kind.STRING) {
        return new Longs(collation, (rows, n, out, nulls) -> view.epochMillis(rows, n, out, nulls));
      }
      if (sc.type() == SqlTypeName.VARCHAR && view.isDictionaryEncoded()) {
        return new Longs(collation, ranks(view));
      }
    }
    return new Values(collation, view, sc);
  }

  /** Reads a batch of long sort values with null flags; returns whether any is null. */
  @FunctionalInterface
  interface LongReader {
    boolean read(int[] rows, int n, long[] out, boolean[] nulls);
  }

  /** Dictionary strings as their rank among the distinct values (String order). */
  private static LongReader ranks(ColumnView view) {
    int size = view.dictionarySize();
    Integer[] order = new Integer[size];
    for (int code = 0; code < size; code++) {
      order[code] = code;
    }
    Arrays.sort(order, (a, b) -> view.dictionaryValue(a).compareTo(view.dictionaryValue(b)));
    long[] rank = new long[size];
    for (int i = 0; i < size; i++) {
      rank[order[i]] = i;
    }
    int[] codes = new int[Batch.SIZE];
    return (rows, n, out, nulls) -> {
      view.codes(rows, n, codes);
      boolean any = false;
      for (int i = 0; i < n; i++) {
        int code = codes[i];
        if (code < 0) {
          nulls[i] = true;
          any = true;
          out[i] = 0;
        } else {
          nulls[i] = false;
          out[i] = rank[code];
        }
      }
      return any;
    };
  }

  private static final class Longs extends SortKey {
    private final LongReader reader;
    private final long[] values = new long[Batch.SIZE];
    private final boolean[] nulls = new boolean[Batch.SIZE];
    private boolean anyNull;
    private long[] kept = new long[16];
    private boolean[] keptNull = new boolean[16];

    Longs(RelFieldCollation collation, LongReader reader) {
      super(collation);
      this.reader = reader;
    }

    @Override
    void read(Batch batch) {
      anyNull = reader.read(batch.rows, batch.size, values, nulls);
    }

    @Override
    int compareWithKept(int i, int row, int slot) {
      return order(anyNull && nulls[i], keptNull[slot], Long.compare(values[i], kept[slot]));
    }

    @Override
    void keep(int i, int row, int slot) {
      kept[slot] = values[i];
      keptNull[slot] = anyNull && nulls[i];
    }

    @Override
    int compareKept(int a, int b) {
      return order(keptNull[a], keptNull[b], Long.compare(kept[a], kept[b]));
    }

    @Override
    void capacity(int slots) {
      if (slots > kept.length) {
        kept = Arrays.copyOf(kept, slots);
        keptNull = Arrays.copyOf(keptNull, slots);
      }
    }
  }

  private static final class Doubles extends SortKey {
    private final ColumnView view;
    private final double[] values = new double[Batch.SIZE];
    private final boolean[] nulls = new boolean[Batch.SIZE];
    private boolean anyNull;
    private double[] kept = new double[16];
    private boolean[] keptNull = new boolean[16];

    Doubles(RelFieldCollation collation, ColumnView view) {
      super(collation);
      this.view = view;
    }

    @Override
    void read(Batch batch) {
      anyNull = view.doubles(batch.rows, batch.size, values, nulls);
    }

    @Override
    int compareWithKept(int i, int row, int slot) {
      return order(anyNull && nulls[i], keptNull[slot], Double.compare(values[i], kept[slot]));
    }

    @Override
    void keep(int i, int row, int slot) {
      kept[slot] = values[i];
      keptNull[slot] = anyNull && nulls[i];
    }

    @Override
    int compareKept(int a, int b) {
      return order(keptNull[a], keptNull[b], Double.compare(kept[a], kept[b]));
    }

    @Override
    void capacity(int slots) {
      if (slots > kept.length) {
        kept = Arrays.copyOf(kept, slots);
        keptNull = Arrays.copyOf(keptNull, slots);
      }
    }
  }

  /** Any other column: its SQL values ({@code Comparable}) read only when a comparison reaches this key. */
  private static final class Values extends SortKey {
    private final ColumnView view;
    private final SqlColumn sc;
    private Object[] kept = new Object[16];

    Values(RelFieldCollation collation, ColumnView view, SqlColumn sc) {
      super(collation);
      this.view = view;
      this.sc = sc;
    }

    private Object value(int row) {
      return view == null ? null : sc.convert(view.get(row));
    }

    @Override
    void read(Batch batch) {
      // Read lazily, row by row.
    }

    @Override
    int compareWithKept(int i, int row, int slot) {
      return compare(value(row), kept[slot]);
    }

    @Override
    void keep(int i, int row, int slot) {
      kept[slot] = value(row);
    }

    @Override
    int compareKept(int a, int b) {
      return compare(kept[a], kept[b]);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int compare(Object a, Object b) {
      return order(a == null, b == null, a == null || b == null ? 0 : ((Comparable) a).compareTo(b));
    }

    @Override
    void capacity(int slots) {
      if (slots > kept.length) {
        kept = Arrays.copyOf(kept, slots);
      }
    }
  }
}
