package dev.asyncdb.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * An embedded connection as the server holds it for one client. Closing it (by the client, by
 * idle expiry or at shutdown) frees its slot once. Its statements run queries through
 * {@code executeQuery}: Avatica executes with {@code execute(String)} and {@code execute()}, which
 * would bypass the driver's fast paths — the plan cache for ad-hoc SQL (queries that differ only in
 * literals share a plan) and the key-index lookup for prepared {@code WHERE key = ?} — both of
 * which sit on {@code executeQuery}.
 */
final class ServerConnection {
  private static final Pattern QUERY = Pattern.compile("\\s*(?:(?:--[^\\n]*\\n|/\\*.*?\\*/)\\s*)*(?:select|with|values)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private ServerConnection() {}

  static Connection wrap(Connection target, Runnable onClose) {
    return wrap(target, onClose, null);
  }

  /** As above; for a read-only user ({@code reader} not null) the connection cannot be made writable. */
  static Connection wrap(Connection target, Runnable onClose, String reader) {
    AtomicBoolean closed = new AtomicBoolean();
    return (Connection) Proxy.newProxyInstance(ServerConnection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
      if (m.getName().equals("close") && closed.compareAndSet(false, true)) {
        onClose.run();
      }
      if (reader != null && m.getName().equals("setReadOnly") && Boolean.FALSE.equals(a[0])) {
        throw new java.sql.SQLException("User " + reader + " may only read; this connection cannot be made writable."
            + " Hint: ask the server's operator for a user who may write.", "25006");
      }
      Object result = call(target, m, a);
      if (m.getName().equals("prepareStatement") && result instanceof PreparedStatement ps && a[0] instanceof String sql) {
        return queriesThroughExecuteQuery(ps, PreparedStatement.class, isQuery(sql));
      }
      return m.getName().equals("createStatement") && result instanceof Statement s ? queriesThroughExecuteQuery(s, Statement.class, false) : result;
    });
  }

  /** {@code target} whose {@code execute(sql)} of a query, or {@code execute()} when {@code preparedQuery}, runs {@code executeQuery}. */
  private static Statement queriesThroughExecuteQuery(Statement target, Class<? extends Statement> type, boolean preparedQuery) {
    ResultSet[] query = new ResultSet[1];
    return (Statement) Proxy.newProxyInstance(ServerConnection.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
      String name = m.getName();
      if (name.equals("execute") && a == null && preparedQuery) {
        query[0] = ((PreparedStatement) target).executeQuery();
        return true;
      }
      if (name.equals("execute") && a != null && a.length == 1 && isQuery((String) a[0])) {
        query[0] = target.executeQuery((String) a[0]);
        return true;
      }
      if (name.startsWith("execute")) {
        query[0] = null;
      } else if (query[0] != null) {
        switch (name) {
          case "getResultSet":
            return query[0];
          case "getUpdateCount":
            return -1;
          case "getLargeUpdateCount":
            return -1L;
          default:
            break;
        }
      }
      return call(target, m, a);
    });
  }

  private static boolean isQuery(String sql) {
    return QUERY.matcher(sql).lookingAt();
  }

  private static Object call(Object target, Method m, Object[] a) throws Throwable {
    try {
      return Delegation.open(m).invoke(target, a);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
