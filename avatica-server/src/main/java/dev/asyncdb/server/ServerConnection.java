package dev.asyncdb.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * An embedded connection as the server holds it for one client. Closing it (by the client, by
 * idle expiry or at shutdown) frees its slot once. Its plain statements run queries through
 * {@code executeQuery}: Avatica executes ad-hoc SQL with {@code execute(String)}, which would
 * parse and plan every statement, while the driver's plan cache (queries that differ only in
 * literals share a plan) sits on {@code executeQuery}.
 */
final class ServerConnection {
  private static final Pattern QUERY = Pattern.compile("\\s*(?:(?:--[^\\n]*\\n|/\\*.*?\\*/)\\s*)*(?:select|with|values)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private ServerConnection() {}

  static Connection wrap(Connection target, Runnable onClose) {
    AtomicBoolean closed = new AtomicBoolean();
    return (Connection) Proxy.newProxyInstance(ServerConnection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
      if (m.getName().equals("close") && closed.compareAndSet(false, true)) {
        onClose.run();
      }
      Object result = call(target, m, a);
      return m.getName().equals("createStatement") && result instanceof Statement s ? queriesThroughExecuteQuery(s) : result;
    });
  }

  private static Statement queriesThroughExecuteQuery(Statement target) {
    ResultSet[] query = new ResultSet[1];
    return (Statement) Proxy.newProxyInstance(ServerConnection.class.getClassLoader(), new Class<?>[] {Statement.class}, (p, m, a) -> {
      String name = m.getName();
      if (name.equals("execute") && a.length == 1 && QUERY.matcher((String) a[0]).lookingAt()) {
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

  private static Object call(Object target, Method m, Object[] a) throws Throwable {
    try {
      return m.invoke(target, a);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
