package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.SqlColumn;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * A forward-only, read-only result set over rows already in memory (Calcite-internal values), with
 * the same JDBC conversions Calcite's own result sets apply. Used by the key-lookup fast path.
 */
final class RowsResultSet {
  private final List<SqlColumn> columns;
  private final List<Object[]> rows;
  private final ResultSetMetaData metaData;
  private final Statement statement;
  private int position = -1;
  private boolean closed;
  private boolean wasNull;

  private RowsResultSet(List<SqlColumn> columns, List<Object[]> rows, ResultSetMetaData metaData, Statement statement) {
    this.columns = columns;
    this.rows = rows;
    this.metaData = metaData;
    this.statement = statement;
  }

  static ResultSet of(List<SqlColumn> columns, List<Object[]> rows, ResultSetMetaData metaData, Statement statement) {
    RowsResultSet rs = new RowsResultSet(columns, rows, metaData, statement);
    return (ResultSet) Proxy.newProxyInstance(RowsResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        (p, m, a) -> rs.invoke(p, m.getName(), a, m.getParameterTypes()));
  }

  private Object invoke(Object self, String name, Object[] a, Class<?>[] types) throws SQLException {
    switch (name) {
      case "next":
        checkOpen();
        return ++position < rows.size();
      case "close":
        closed = true;
        return null;
      case "isClosed":
        return closed;
      case "wasNull":
        return wasNull;
      case "getMetaData":
        return metaData;
      case "getStatement":
        return statement;
      case "findColumn":
        return index((String) a[0]);
      case "getType":
        return ResultSet.TYPE_FORWARD_ONLY;
      case "getConcurrency":
        return ResultSet.CONCUR_READ_ONLY;
      case "getHoldability":
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
      case "getFetchDirection":
        return ResultSet.FETCH_FORWARD;
      case "getFetchSize":
        return 0;
      case "setFetchSize":
      case "setFetchDirection":
      case "clearWarnings":
        return null;
      case "getWarnings":
        return null;
      case "getRow":
        return position >= 0 && position < rows.size() ? position + 1 : 0;
      case "isBeforeFirst":
        return position < 0 && !rows.isEmpty();
      case "isAfterLast":
        return position >= rows.size() && !rows.isEmpty();
      case "isFirst":
        return position == 0 && !rows.isEmpty();
      case "isLast":
        return position == rows.size() - 1 && !rows.isEmpty();
      case "unwrap":
        if (((Class<?>) a[0]).isInstance(self)) {
          return self;
        }
        throw new SQLException("Not a wrapper for " + a[0]);
      case "isWrapperFor":
        return ((Class<?>) a[0]).isInstance(self);
      case "hashCode":
        return System.identityHashCode(this);
      case "equals":
        return self == a[0];
      case "toString":
        return "RowsResultSet" + columns;
      default:
        break;
    }
    if (name.startsWith("get") && a != null && a.length >= 1) {
      int index = a[0] instanceof String label ? index(label) : (Integer) a[0];
      Object internal = value(index);
      wasNull = internal == null;
      Class<?> wanted = a.length == 2 && a[1] instanceof Class<?> c ? c : null;
      return convert(name, internal, columns.get(index - 1), wanted);
    }
    throw new SQLFeatureNotSupportedException(name + " is not supported on this result set");
  }

  private Object value(int index) throws SQLException {
    checkOpen();
    if (position < 0 || position >= rows.size()) {
      throw new SQLException("No current row: call next() first", "24000");
    }
    if (index < 1 || index > columns.size()) {
      throw new SQLException("Column index " + index + " out of range 1.." + columns.size(), "22023");
    }
    return rows.get(position)[index - 1];
  }

  private int index(String label) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(label)) {
        return i + 1;
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(label)) {
        return i + 1;
      }
    }
    throw new SQLException("Column '" + label + "' not found in the result; it has " + columns.stream().map(SqlColumn::name).toList(), "42S22");
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("The result set is closed", "24000");
    }
  }

  /** JDBC view of a Calcite-internal value for a getter. */
  private static Object convert(String getter, Object v, SqlColumn column, Class<?> wanted) throws SQLException {
    Object jdbc = jdbcObject(v, column);
    switch (getter) {
      case "getObject":
        if (wanted == null || jdbc == null || wanted.isInstance(jdbc)) {
          return jdbc;
        }
        return coerce(jdbc, wanted);
      case "getString":
        if (v == null) {
          return null;
        }
        return switch (column.type()) {
          case TIMESTAMP -> DateTimeUtils.unixTimestampToString((Long) v, 3);
          case DATE -> DateTimeUtils.unixDateToString((Integer) v);
          case VARBINARY -> ((ByteString) v).toString();
          default -> v.toString();
        };
      case "getLong":
        return v == null ? 0L : number(jdbc).longValue();
      case "getInt":
        return v == null ? 0 : number(jdbc).intValue();
      case "getShort":
        return v == null ? (short) 0 : number(jdbc).shortValue();
      case "getByte":
        return v == null ? (byte) 0 : number(jdbc).byteValue();
      case "getDouble":
        return v == null ? 0d : number(jdbc).doubleValue();
      case "getFloat":
        return v == null ? 0f : number(jdbc).floatValue();
      case "getBigDecimal":
        return v == null ? null : new BigDecimal(number(jdbc).toString());
      case "getBoolean":
        return v != null && (jdbc instanceof Boolean b ? b : number(jdbc).doubleValue() != 0);
      case "getTimestamp":
      case "getDate":
      case "getBytes":
        return coerce(jdbc, getter.equals("getTimestamp") ? java.sql.Timestamp.class : getter.equals("getDate") ? java.sql.Date.class : byte[].class);
      default:
        throw new SQLFeatureNotSupportedException(getter + " is not supported on this result set");
    }
  }

  private static Object jdbcObject(Object v, SqlColumn column) {
    if (v == null) {
      return null;
    }
    return switch (column.type()) {
      case TIMESTAMP -> new java.sql.Timestamp((Long) v);
      case DATE -> new java.sql.Date((long) (Integer) v * DateTimeUtils.MILLIS_PER_DAY);
      case VARBINARY -> ((ByteString) v).getBytes();
      default -> v;
    };
  }

  private static Number number(Object jdbc) throws SQLException {
    if (jdbc instanceof Number n) {
      return n;
    }
    if (jdbc instanceof Boolean b) {
      return b ? 1 : 0;
    }
    try {
      return new BigDecimal(String.valueOf(jdbc).trim());
    } catch (NumberFormatException e) {
      throw new SQLException("Cannot convert " + jdbc + " to a number", "22018");
    }
  }

  private static Object coerce(Object jdbc, Class<?> wanted) throws SQLException {
    if (jdbc == null || wanted.isInstance(jdbc)) {
      return jdbc;
    }
    if (wanted == String.class) {
      return jdbc.toString();
    }
    if (wanted == Long.class || wanted == Integer.class || wanted == Double.class || wanted == BigDecimal.class) {
      Number n = number(jdbc);
      return wanted == Long.class ? (Object) n.longValue() : wanted == Integer.class ? (Object) n.intValue()
          : wanted == Double.class ? (Object) n.doubleValue() : new BigDecimal(n.toString());
    }
    if (wanted == java.sql.Timestamp.class && jdbc instanceof java.util.Date d) {
      return new java.sql.Timestamp(d.getTime());
    }
    throw new SQLException("Cannot convert a " + jdbc.getClass().getSimpleName() + " to " + wanted.getSimpleName().toLowerCase(Locale.ROOT), "22018");
  }
}
