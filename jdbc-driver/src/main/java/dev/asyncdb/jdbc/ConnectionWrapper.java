package dev.asyncdb.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Wraps Calcite's connection where Async DB must behave differently: statements pass through
 * {@link SqlRewriter} (SQLite introspection) and {@code getMetaData()} answers keys, relations and
 * column types from the {@code meta} schema ({@link Metadata}). Everything else is Calcite's.
 */
final class ConnectionWrapper implements InvocationHandler {
  private final Connection target;
  private final dev.asyncdb.engine.AsyncDb db;
  private final Runnable onClose;
  private PlanCache plans;
  private Connection self;

  private ConnectionWrapper(Connection target, dev.asyncdb.engine.AsyncDb db, Runnable onClose) {
    this.target = target;
    this.db = db;
    this.onClose = onClose;
  }

  /** {@code onClose} runs once the connection is closed (it releases the connection's hold on the engine). */
  static Connection wrap(Connection target, dev.asyncdb.engine.AsyncDb db, Runnable onClose) {
    ConnectionWrapper h = new ConnectionWrapper(target, db, onClose);
    h.self = (Connection) Proxy.newProxyInstance(ConnectionWrapper.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    // Cached plans are prepared through this wrapper, so ad-hoc key lookups reach the fast path too.
    h.plans = new PlanCache(h.self);
    return h.self;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if ((name.equals("prepareStatement") || name.equals("prepareCall") || name.equals("nativeSQL")) && args != null && args[0] instanceof String sql) {
      args[0] = SqlRewriter.rewrite(sql);
    }
    if (name.equals("unwrap") && args[0] instanceof Class<?> c && c.isInstance(self)) {
      return self;
    }
    // The native API over the same engine: one JVM can use JDBC and AsyncDb on one project without a second writer.
    if (name.equals("unwrap") && args[0] == dev.asyncdb.engine.AsyncDb.class) {
      return db;
    }
    if (name.equals("isWrapperFor") && args[0] == dev.asyncdb.engine.AsyncDb.class) {
      return true;
    }
    if (name.equals("close")) {
      plans.close();
      try {
        return advised(target, method, args);
      } finally {
        onClose.run();
      }
    }
    Object result = advised(target, method, args);
    if (name.equals("prepareStatement") && args.length == 1 && result instanceof PreparedStatement ps) {
      KeyLookup lookup = KeyLookup.recognise((String) args[0], db);
      if (lookup != null) {
        return KeyLookupStatement.wrap(ps, lookup);
      }
    }
    if (name.equals("getMetaData")) {
      return Metadata.wrap((DatabaseMetaData) result, self);
    }
    if (result instanceof Statement s && !(result instanceof PreparedStatement) && !(result instanceof CallableStatement)) {
      return wrapStatement(s);
    }
    return result;
  }

  private Statement wrapStatement(Statement s) {
    CachedQueries cached = new CachedQueries();
    return (Statement) Proxy.newProxyInstance(ConnectionWrapper.class.getClassLoader(), new Class<?>[] {Statement.class}, (p, m, a) -> {
      String name = m.getName();
      if (a != null && a.length > 0 && a[0] instanceof String sql && (name.startsWith("execute") || name.equals("addBatch"))) {
        a[0] = SqlRewriter.rewrite(sql);
      }
      if (name.equals("getConnection")) {
        return self;
      }
      if (name.startsWith("execute") || name.equals("close")) {
        cached.release();
      }
      if (name.equals("executeQuery") && a.length == 1) {
        java.sql.ResultSet rs = cached.run((String) a[0], s.getMaxRows());
        if (rs != null) {
          return rs;
        }
      }
      return advised(s, m, a);
    });
  }

  /** The plan a statement borrowed from the connection's cache for its current result. */
  private final class CachedQueries {
    private String template;
    private PreparedStatement borrowed;

    java.sql.ResultSet run(String sql, int maxRows) throws java.sql.SQLException {
      LiteralNormalizer.Normalized n = LiteralNormalizer.normalize(sql);
      if (n == null) {
        return null;
      }
      PreparedStatement ps = plans.checkout(n.template());
      if (ps == null) {
        return null;
      }
      for (int i = 0; i < n.values().size(); i++) {
        ps.setObject(i + 1, n.values().get(i));
      }
      ps.setMaxRows(maxRows);
      template = n.template();
      borrowed = ps;
      return ps.executeQuery();
    }

    void release() {
      if (borrowed != null) {
        plans.release(template, borrowed);
        borrowed = null;
      }
    }
  }

  /** Calls through, turning "not found" errors into ones that suggest names and name broken sources. */
  private Object advised(Object on, Method method, Object[] args) throws Throwable {
    try {
      return call(on, method, args);
    } catch (java.sql.SQLException e) {
      throw ErrorAdvisor.advise(e, db);
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
