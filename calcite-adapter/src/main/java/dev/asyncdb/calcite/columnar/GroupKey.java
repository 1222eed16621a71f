package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.ColumnView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One GROUP BY column of an execution: gives each row a small id for its value (0 for NULL), the
 * way its storage allows — the dictionary code of a string, a hash of a long, or the SQL value
 * itself. Values equal as Calcite groups them (Java {@code equals} of the SQL values) get one id.
 */
abstract class GroupKey {
  /** Writes the id of each row of the batch to {@code out}. */
  abstract void ids(Batch batch, int[] out);

  /** An upper bound of the ids (exclusive), or -1 when ids are handed out as values appear. */
  abstract int bound();

  /** The SQL value of an id. */
  abstract Object value(int id);

  static GroupKey of(Expr.Column column, Columns columns) {
    ColumnView view = columns.view(column.column());
    SqlColumn sc = column.sql();
    if (view == null) {
      return new Constant();
    }
    if (view.isDictionaryEncoded()) {
      return new ByCode(view, sc);
    }
    if (sc.type() == SqlTypeName.BIGINT && view.kind() == Column.Kind.LONG) {
      return new ByLong(view, ByLong.Read.LONGS);
    }
    if (sc.type() == SqlTypeName.DATE) {
      return new ByLong(view, ByLong.Read.EPOCH_DAYS);
    }
    if (sc.type() == SqlTypeName.TIMESTAMP) {
      return new ByLong(view, ByLong.Read.EPOCH_MILLIS);
    }
    return new ByValue(view, sc);
  }

  /** A field no record has: every row NULL. */
  private static final class Constant extends GroupKey {
    @Override
    void ids(Batch batch, int[] out) {
      Arrays.fill(out, 0, batch.size, 0);
    }

    @Override
    int bound() {
      return 1;
    }

    @Override
    Object value(int id) {
      return null;
    }
  }

  /** Dictionary codes; distinct strings that convert to equal SQL values (two spellings of a date) share an id. */
  private static final class ByCode extends GroupKey {
    private final ColumnView view;
    private final int[] idOfCode;
    private final List<Object> values = new ArrayList<>();

    ByCode(ColumnView view, SqlColumn sc) {
      this.view = view;
      int size = view.dictionarySize();
      this.idOfCode = new int[size];
      Map<Object, Integer> ids = new HashMap<>();
      values.add(null);
      for (int code = 0; code < size; code++) {
        Object v = sc.convert(view.dictionaryValue(code));
        if (v == null) {
          idOfCode[code] = 0;
        } else {
          Integer id = ids.get(v);
          if (id == null) {
            id = values.size();
            ids.put(v, id);
            values.add(v);
          }
          idOfCode[code] = id;
        }
      }
    }

    @Override
    void ids(Batch batch, int[] out) {
      view.codes(batch.rows, batch.size, out);
      for (int i = 0; i < batch.size; i++) {
        int code = out[i];
        out[i] = code < 0 ? 0 : idOfCode[code];
      }
    }

    @Override
    int bound() {
      return values.size();
    }

    @Override
    Object value(int id) {
      return values.get(id);
    }
  }

  /**
   * Integers, dates and date-times: a hash map from the value as a long to id. Dates and
   * date-times are read as the column view parses them once per column — days or milliseconds
   * since 1970, NULL where the text is no date — which is what {@link SqlColumn#convert} gives.
   */
  private static final class ByLong extends GroupKey {
    enum Read { LONGS, EPOCH_DAYS, EPOCH_MILLIS }

    private final ColumnView view;
    private final Read read;
    private final LongIntMap map = new LongIntMap();
    private long[] values = new long[16];
    private final long[] batchValues = new long[Batch.SIZE];
    private final boolean[] nulls = new boolean[Batch.SIZE];

    ByLong(ColumnView view, Read read) {
      this.view = view;
      this.read = read;
    }

    @Override
    void ids(Batch batch, int[] out) {
      boolean anyNull = switch (read) {
        case LONGS -> view.longs(batch.rows, batch.size, batchValues, nulls);
        case EPOCH_DAYS -> view.epochDays(batch.rows, batch.size, batchValues, nulls);
        case EPOCH_MILLIS -> view.epochMillis(batch.rows, batch.size, batchValues, nulls);
      };
      for (int i = 0; i < batch.size; i++) {
        if (anyNull && nulls[i]) {
          out[i] = 0;
          continue;
        }
        long v = batchValues[i];
        int before = map.size();
        int id = map.idOf(v) + 1;
        if (map.size() != before) {
          if (id >= values.length) {
            values = Arrays.copyOf(values, values.length * 2);
          }
          values[id] = v;
        }
        out[i] = id;
      }
    }

    @Override
    int bound() {
      return -1;
    }

    @Override
    Object value(int id) {
      if (id == 0) {
        return null;
      }
      // The SQL value of a DATE is an Integer count of days, as SqlColumn.convert gives it.
      return read == Read.EPOCH_DAYS ? (Object) (int) values[id] : (Object) values[id];
    }
  }

  /** Any other column: the SQL value of each row in a hash map. */
  private static final class ByValue extends GroupKey {
    private final ColumnView view;
    private final SqlColumn sc;
    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object> values = new ArrayList<>();

    ByValue(ColumnView view, SqlColumn sc) {
      this.view = view;
      this.sc = sc;
      values.add(null);
    }

    @Override
    void ids(Batch batch, int[] out) {
      for (int i = 0; i < batch.size; i++) {
        Object v = sc.convert(view.get(batch.rows[i]));
        if (v == null) {
          out[i] = 0;
          continue;
        }
        Integer id = ids.get(v);
        if (id == null) {
          id = values.size();
          ids.put(v, id);
          values.add(v);
        }
        out[i] = id;
      }
    }

    @Override
    int bound() {
      return -1;
    }

    @Override
    Object value(int id) {
      return values.get(id);
    }
  }
}
