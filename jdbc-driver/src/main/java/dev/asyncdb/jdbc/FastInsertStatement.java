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
      "setBoolean", "setBigDecimal", "setTimestamp", "setBytes", "setObject", "setNull");

  /** One recorded parameter call; {@code simple} when the fast path converts what it sets. */
  private record Call(Method method, Object[] args, boolean simple) {}

  /** The last setter seen and whether it is simple: a load calls the same few setters over and over. */
  private Method lastSetter;
  private boolean lastSimple;

  private final PreparedStatement calcite;
  private final FastInsert insert;
  private Call[] parameters;
  private final List<Call[]> batch = new ArrayList<>();
  /** The update count of the last fast execution, for getUpdateCount(); null after one Calcite ran. */
  private Integer updateCount;

  private FastInsertStatement(PreparedStatement calcite, FastInsert insert) {
    this.calcite = calcite;
    this.insert = insert;
    this.parameters = new Call[insert.parameterCount()];
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
    if (name.startsWith("set") && a != null && a.length >= 2 && a[0] instanceof Integer i && i >= 1 && i <= parameters.length
        && m.getDeclaringClass() == PreparedStatement.class) {
      parameters[i - 1] = new Call(m, a.clone(), simple(m));
      return null;
    }
    switch (name) {
      case "clearParameters":
        parameters = new Call[parameters.length];
        return ConnectionWrapper.call(calcite, m, a);
      case "addBatch":
        if (noArgs) {
          batch.add(parameters.clone());
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
          Object[] row = convert(parameters);
          if (row == null) {
            replay(parameters);
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
    for (Call[] calls : batch) {
      Object[] row = convert(calls);
      if (row == null) {
        // Calcite takes the whole batch: the recorded rows are replayed on its statement.
        calcite.clearBatch();
        for (Call[] each : batch) {
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

  /** The parameters as Calcite values, or null when one is unset or must be converted by Calcite. */
  private Object[] convert(Call[] calls) {
    Object[] row = new Object[calls.length];
    for (int i = 0; i < calls.length; i++) {
      Call call = calls[i];
      if (call == null || !call.simple()) {
        return null;
      }
      Object v = call.args().length == 2 && !call.method().getName().equals("setNull") ? call.args()[1] : null;
      Object internal = insert.internal(i, v);
      if (internal == FastInsert.UNCONVERTED) {
        return null;
      }
      row[i] = internal;
    }
    return row;
  }

  private boolean simple(Method m) {
    if (m != lastSetter) {
      String name = m.getName();
      lastSimple = SIMPLE_SETTERS.contains(name) && (m.getParameterCount() == 2 || name.equals("setNull"));
      lastSetter = m;
    }
    return lastSimple;
  }

  private void replay(Call[] calls) throws Throwable {
    calcite.clearParameters();
    for (Call call : calls) {
      if (call != null) {
        ConnectionWrapper.call(calcite, call.method(), call.args());
      }
    }
  }
}
