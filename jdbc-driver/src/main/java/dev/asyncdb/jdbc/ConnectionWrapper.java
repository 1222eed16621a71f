package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.DbException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;

/**
 * Wraps Calcite's connection where Async DB must behave differently: transactions, autocommit and
 * read-only are the connection's {@link SqlSession} (Calcite has no transactions of its own);
 * statements are {@link StatementHandler}s; SQL passes through {@link SqlRewriter} (SQLite
 * introspection); {@code getMetaData()} answers keys, relations and column types from the
 * {@code meta} schema ({@link Metadata}). Everything else is Calcite's.
 */
final class ConnectionWrapper implements InvocationHandler {
  private final Connection target;
  private final SqlSession session;
  private final Runnable onClose;
  private PlanCache plans;
  private Connection self;

  private ConnectionWrapper(Connection target, SqlSession session, Runnable onClose) {
    this.target = target;
    this.session = session;
    this.onClose = onClose;
  }

  /** {@code onClose} runs once the connection is closed (it releases the connection's hold on the engine). */
  static Connection wrap(Connection target, SqlSession session, Runnable onClose) {
    ConnectionWrapper h = new ConnectionWrapper(target, session, onClose);
    h.self = (Connection) Proxy.newProxyInstance(ConnectionWrapper.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    // Cached plans are prepared through this wrapper, so ad-hoc key lookups reach the fast path too.
    h.plans = new PlanCache(h.self);
    return h.self;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    try {
      Object answer = transactionControl(name, args);
      if (answer != NOT_HANDLED) {
        return answer;
      }
    } catch (DbException e) {
      throw SqlStates.of(e);
    }
    if ((name.equals("prepareStatement") || name.equals("prepareCall") || name.equals("nativeSQL")) && args != null && args[0] instanceof String sql) {
      args[0] = SqlRewriter.rewrite(sql);
    }
    if (name.equals("unwrap") && args[0] instanceof Class<?> c && c.isInstance(self)) {
      return self;
    }
    if (name.equals("close")) {
      plans.close();
      try {
        session.rollback();
        return advised(target, method, args);
      } finally {
        onClose.run();
      }
    }
    if (name.equals("prepareStatement")) {
      return prepare(method, args);
    }
    Object result = advised(target, method, args);
    if (name.equals("getMetaData")) {
      return Metadata.wrap((DatabaseMetaData) result, self);
    }
    if (result instanceof Statement s) {
      return StatementHandler.wrap(s, self, session, plans, GeneratedKeys.Request.KEYS);
    }
    return result;
  }

  private static final Object NOT_HANDLED = new Object();

  /** Autocommit, commit, rollback, read-only and isolation: the session's, not Calcite's. */
  private Object transactionControl(String name, Object[] args) throws SQLException {
    switch (name) {
      case "setAutoCommit":
        session.autoCommit((Boolean) args[0]);
        return null;
      case "getAutoCommit":
        return session.autoCommit();
      case "commit":
        session.commit();
        return null;
      case "rollback":
        if (args != null) {
          throw savepoints();
        }
        session.rollback();
        return null;
      case "setSavepoint":
      case "releaseSavepoint":
        throw savepoints();
      case "setReadOnly":
        if (session.inTransaction()) {
          throw new SQLException("Cannot change read-only mode while a transaction has uncommitted changes. Commit or roll back first.", "25001");
        }
        session.readOnly((Boolean) args[0]);
        return null;
      case "isReadOnly":
        return session.readOnly();
      case "getTransactionIsolation":
        return Connection.TRANSACTION_REPEATABLE_READ;
      case "setTransactionIsolation":
        if ((Integer) args[0] == Connection.TRANSACTION_SERIALIZABLE) {
          throw new SQLFeatureNotSupportedException("Async DB offers snapshot isolation (TRANSACTION_REPEATABLE_READ, with write-write conflict"
              + " detection), not SERIALIZABLE. Use REPEATABLE_READ or a lower level; lower levels get snapshot isolation too.", "0A000");
        }
        return null;
      default:
        return NOT_HANDLED;
    }
  }

  private static SQLException savepoints() {
    return new SQLFeatureNotSupportedException("Savepoints are not supported; a failing statement already undoes only its own changes."
        + " Use commit() or rollback() for the whole transaction.", "0A000");
  }

  /** prepareStatement, with the generated-key variants answered by the driver (Calcite only knows the plain form). */
  private Object prepare(Method method, Object[] args) throws Throwable {
    Class<?>[] types = method.getParameterTypes();
    GeneratedKeys.Request keys = GeneratedKeys.Request.KEYS;
    Object[] callArgs = args;
    Method call = method;
    if (types.length == 2) {
      keys = StatementHandler.request(args[1]);
      call = Connection.class.getMethod("prepareStatement", String.class);
      callArgs = new Object[] {args[0]};
    }
    PreparedStatement ps = (PreparedStatement) advised(target, call, callArgs);
    if (callArgs.length == 1) {
      KeyLookup lookup = KeyLookup.recognise((String) callArgs[0], session);
      if (lookup != null) {
        ps = KeyLookupStatement.wrap(ps, lookup);
      }
    }
    return StatementHandler.wrap(ps, self, session, plans, keys);
  }

  /** Calls through, turning engine errors and "not found" errors into advised SQLExceptions. */
  private Object advised(Object on, Method method, Object[] args) throws Throwable {
    try {
      return call(on, method, args);
    } catch (SQLException e) {
      throw ErrorAdvisor.advise(e, session.db());
    }
  }

  static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
