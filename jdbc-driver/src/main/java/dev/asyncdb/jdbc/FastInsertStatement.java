package dev.asyncdb.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
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
   * The value a recorded parameter stands for: a simple setter's value, null for {@code setNull},
   * or {@link FastInsert#UNCONVERTED} when it is unset or set by a call Calcite must replay.
   */
  static Object parameterValue(Object recorded) {
    if (recorded == UNSET) {
      return FastInsert.UNCONVERTED;
    }
    if (recorded instanceof Call call) {
      return call.isNull() ? null : FastInsert.UNCONVERTED;
    }
    return recorded;
  }

  /** One row of parameters: per parameter the value of a simple setter (the setter in {@code setters}) or a {@link Call}. */
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
  /**
   * The batch, recorded column by column: {@code batchValues[j][i]} is row {@code i}'s value of
   * parameter {@code j}, {@code batchSetters[i]} its setters (rows share one array until a setter
   * changes). A load records one value per parameter and row, nothing else, and the engine
   * receives the columns as they are.
   */
  private Object[][] batchValues;
  private Method[][] batchSetters = new Method[0][];
  private int batchSize;
  /** The update count of the last fast execution, for getUpdateCount(); null after one Calcite ran. */
  private Integer updateCount;

  private FastInsertStatement(PreparedStatement calcite, FastInsert insert) {
    this.calcite = calcite;
    this.insert = insert;
    this.setters = new Method[insert.parameterCount()];
    this.values = unset(insert.parameterCount());
    this.batchValues = new Object[insert.parameterCount()][0];
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
  static FastInsertStatement handlerOf(Object statement) {
    return Proxy.isProxyClass(statement.getClass()) && Proxy.getInvocationHandler(statement) instanceof FastInsertStatement h ? h : null;
  }

  /**
   * Takes a call a load makes once per parameter and row — a parameter setter, or {@code addBatch()}
   * — straight from the driver's statement wrapper (a short path the JIT compiles quickly); false
   * when the call is anything else.
   */
  boolean recordCall(Method m, Object[] a) {
    if (a == null || a.length == 0) {
      if (m.getName().equals("addBatch")) {
        addBatch();
        return true;
      }
      return false;
    }
    if (a.length >= 2 && a[0] instanceof Integer i && i >= 1 && i <= values.length && m.getDeclaringClass() == PreparedStatement.class
        && m.getName().startsWith("set")) {
      record(i - 1, m, a);
      return true;
    }
    return false;
  }

  @Override
  public Object invoke(Object proxy, Method m, Object[] a) throws Throwable {
    if (recordCall(m, a)) {
      return null;
    }
    String name = m.getName();
    boolean noArgs = a == null || a.length == 0;
    switch (name) {
      case "clearParameters":
        values = unset(values.length);
        return ConnectionWrapper.call(calcite, m, a);
      case "clearBatch":
        clearBatch();
        return ConnectionWrapper.call(calcite, m, a);
      case "execute":
      case "executeUpdate":
      case "executeLargeUpdate":
        if (noArgs) {
          Object[][] row = new Object[values.length][];
          for (int j = 0; j < values.length; j++) {
            row[j] = insert.column(j, new Object[] {values[j]}, 1);
            if (row[j] == null) {
              replay(new Row(setters, values));
              updateCount = null;
              return ConnectionWrapper.call(calcite, m, a);
            }
          }
          insert.execute(row, 1);
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

  private void addBatch() {
    int n = batchSize;
    if (n == batchSetters.length) {
      int capacity = Math.max(16, n * 2);
      batchSetters = java.util.Arrays.copyOf(batchSetters, capacity);
      for (int j = 0; j < batchValues.length; j++) {
        batchValues[j] = java.util.Arrays.copyOf(batchValues[j], capacity);
      }
    }
    for (int j = 0; j < values.length; j++) {
      batchValues[j][n] = values[j];
    }
    batchSetters[n] = setters;
    settersShared = true;
    batchSize = n + 1;
  }

  private void clearBatch() {
    for (Object[] column : batchValues) {
      java.util.Arrays.fill(column, 0, batchSize, null);
    }
    java.util.Arrays.fill(batchSetters, 0, batchSize, null);
    batchSize = 0;
  }

  private Object executeBatch(Method m, Object[] a, boolean large) throws Throwable {
    int n = batchSize;
    Object[][] columns = new Object[batchValues.length][];
    for (int j = 0; j < columns.length && n > 0; j++) {
      columns[j] = insert.column(j, batchValues[j], n);
      if (columns[j] == null) {
        // Calcite takes the whole batch: the recorded rows are replayed on its statement.
        calcite.clearBatch();
        for (int i = 0; i < n; i++) {
          replay(row(i));
          calcite.addBatch();
        }
        clearBatch();
        updateCount = null;
        return ConnectionWrapper.call(calcite, m, a);
      }
    }
    clearBatch();
    int[] counts = n == 0 ? new int[0] : insert.execute(columns, n);
    if (!large) {
      return counts;
    }
    long[] out = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = counts[i];
    }
    return out;
  }

  /** Row {@code i} of the batch as it was recorded. */
  private Row row(int i) {
    Object[] recorded = new Object[batchValues.length];
    for (int j = 0; j < recorded.length; j++) {
      recorded[j] = batchValues[j][i];
    }
    return new Row(batchSetters[i], recorded);
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
