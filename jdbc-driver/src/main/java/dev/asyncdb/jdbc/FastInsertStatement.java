package dev.asyncdb.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A prepared {@code INSERT … VALUES (?, …)} that Calcite prepared (its metadata and every other
 * method are Calcite's) whose executions and batches go to {@link FastInsert}. Parameter calls are
 * recorded rather than passed on; when one cannot be converted directly, they are replayed on
 * Calcite's statement and it runs the execution instead.
 */
final class FastInsertStatement implements InvocationHandler {
  private static final Set<String> SIMPLE_SETTERS = Set.of("setString", "setLong", "setInt", "setShort", "setByte", "setDouble", "setFloat",
      "setBoolean", "setBigDecimal", "setTimestamp", "setBytes", "setObject");

  /**
   * A recorded parameter call other than a simple two-argument setter: replayed as it was; a
   * {@code setNull} is the one the fast path still takes (as null).
   */
  private record Call(Method method, Object[] args, boolean isNull) {}

  /** Marks a parameter not set since the statement was prepared or its parameters were cleared. */
  private static final Object UNSET = new Object();

  /**
   * One batched row: per parameter the value of a simple setter (the setter in {@code setters}) or
   * a {@link Call}. Rows share their setters array until a setter changes: a load records one value
   * per parameter and row, nothing else.
   */
  private record Row(Method[] setters, Object[] values) {}

  /** The last setter seen and whether it is simple: a load calls the same few setters over and over. */
  private Method lastSetter;
  private boolean lastSimple;

  private final PreparedStatement calcite;
  private final FastInsert insert;
  private Method[] setters;
  /** Whether {@link #setters} is shared with a batched row (then a new setter copies it first). */
  private boolean settersShared;
  private Object[] values;
  private final List<Row> batch = new ArrayList<>();
  /** The update count of the last fast execution, for getUpdateCount(); null after one Calcite ran. */
  private Integer updateCount;

  private FastInsertStatement(PreparedStatement calcite, FastInsert insert) {
    this.calcite = calcite;
    this.insert = insert;
    this.setters = new Method[insert.parameterCount()];
    this.values = unset(insert.parameterCount());
  }

  private static Object[] unset(int n) {
    Object[] v = new Object[n];
    java.util.Arrays.fill(v, UNSET);
    return v;
  }

  static PreparedStatement wrap(PreparedStatement calcite, FastInsert insert) {
    FastInsertStatement h = new FastInsertStatement(calcite, insert);
    return (PreparedStatement) Proxy.newProxyInstance(FastInsertStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, h);
  }

  /** The handler of a statement {@link #wrap} made, so the driver's own wrapper calls it without reflection; else null. */
  static InvocationHandler handlerOf(Object statement) {
    return Proxy.isProxyClass(statement.getClass()) && Proxy.getInvocationHandler(statement) instanceof FastInsertStatement h ? h : null;
  }

  @Override
  public Object invoke(Object proxy, Method m, Object[] a) throws Throwable {
    String name = m.getName();
    boolean noArgs = a == null || a.length == 0;
    if (name.startsWith("set") && a != null && a.length >= 2 && a[0] instanceof Integer i && i >= 1 && i <= values.length
        && m.getDeclaringClass() == PreparedStatement.class) {
      record(i - 1, m, a);
      return null;
    }
    switch (name) {
      case "clearParameters":
        values = unset(values.length);
        return ConnectionWrapper.call(calcite, m, a);
      case "addBatch":
        if (noArgs) {
          batch.add(new Row(setters, values.clone()));
          settersShared = true;
          return null;
        }
        break;
      case "clearBatch":
        batch.clear();
        return ConnectionWrapper.call(calcite, m, a);
      case "execute":
      case "executeUpdate":
      case "executeLargeUpdate":
        if (noArgs) {
          Row current = new Row(setters, values);
          Object[] row = convert(current);
          if (row == null) {
            replay(current);
            updateCount = null;
            return ConnectionWrapper.call(calcite, m, a);
          }
          insert.execute(List.<Object[]>of(row));
          updateCount = 1;
          return name.equals("execute") ? (Object) false : name.equals("executeUpdate") ? (Object) 1 : (Object) 1L;
        }
        break;
      case "executeBatch":
      case "executeLargeBatch":
        return executeBatch(m, a, name.equals("executeLargeBatch"));
      case "getUpdateCount":
      case "getLargeUpdateCount":
        if (updateCount != null) {
          int count = updateCount;
          updateCount = -1;
          return name.equals("getUpdateCount") ? (Object) count : (Object) (long) count;
        }
        break;
      case "getResultSet":
        if (updateCount != null) {
          return null;
        }
        break;
      case "unwrap":
        if (((Class<?>) a[0]).isInstance(proxy)) {
          return proxy;
        }
        break;
      default:
        break;
    }
    return ConnectionWrapper.call(calcite, m, a);
  }

  private Object executeBatch(Method m, Object[] a, boolean large) throws Throwable {
    List<Object[]> rows = new ArrayList<>(batch.size());
    for (Row recorded : batch) {
      Object[] row = convert(recorded);
      if (row == null) {
        // Calcite takes the whole batch: the recorded rows are replayed on its statement.
        calcite.clearBatch();
        for (Row each : batch) {
          replay(each);
          calcite.addBatch();
        }
        batch.clear();
        updateCount = null;
        return ConnectionWrapper.call(calcite, m, a);
      }
      rows.add(row);
    }
    batch.clear();
    int[] counts = rows.isEmpty() ? new int[0] : insert.execute(rows);
    if (!large) {
      return counts;
    }
    long[] out = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = counts[i];
    }
    return out;
  }

  /** Records one setter call: the value alone for a simple setter, else the whole call. */
  private void record(int index, Method m, Object[] a) {
    Object value = simple(m) ? a[1] : new Call(m, a.clone(), m.getName().equals("setNull"));
    if (setters[index] != m) {
      if (settersShared) {
        setters = setters.clone();
        settersShared = false;
      }
      setters[index] = m;
    }
    values[index] = value;
  }

  /** The parameters as Calcite values, or null when one is unset or must be converted by Calcite. */
  private Object[] convert(Row recorded) {
    Object[] values = recorded.values();
    Object[] row = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == UNSET || v instanceof Call call && !call.isNull()) {
        return null;
      }
      Object internal = insert.internal(i, v instanceof Call ? null : v);
      if (internal == FastInsert.UNCONVERTED) {
        return null;
      }
      row[i] = internal;
    }
    return row;
  }

  /** Whether a setter sets a plain value the fast path converts: {@code setXxx(index, value)}. */
  private boolean simple(Method m) {
    if (m != lastSetter) {
      String name = m.getName();
      lastSimple = SIMPLE_SETTERS.contains(name) && m.getParameterCount() == 2 && !name.equals("setNull");
      lastSetter = m;
    }
    return lastSimple;
  }

  private void replay(Row recorded) throws Throwable {
    calcite.clearParameters();
    Object[] values = recorded.values();
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v instanceof Call call) {
        ConnectionWrapper.call(calcite, call.method(), call.args());
      } else if (v != UNSET) {
        ConnectionWrapper.call(calcite, recorded.setters()[i], new Object[] {i + 1, v});
      }
    }
  }
}
