package dev.asyncdb.jdbc;

import java.lang.reflect.Proxy;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Result-set metadata the driver describes itself, as proxies: {@code getColumnCount}, the wrapper
 * methods and the proxy's own {@code toString}, {@code hashCode} and {@code equals} are answered
 * here alike; every other call (a question about one column) goes to the caller's {@link PerColumn}.
 */
final class MetaDataProxies {
  private static final Object PER_COLUMN = new Object();

  /** The answer to a call about a column: {@code args[0]} is the column's index as JDBC gives it. */
  interface PerColumn {
    Object answer(String method, Object[] args) throws SQLException;
  }

  private MetaDataProxies() {}

  static ResultSetMetaData of(String description, int columnCount, PerColumn perColumn) {
    return (ResultSetMetaData) Proxy.newProxyInstance(MetaDataProxies.class.getClassLoader(), new Class<?>[] {ResultSetMetaData.class},
        (p, m, a) -> {
          String name = m.getName();
          if (name.equals("getColumnCount")) {
            return columnCount;
          }
          Object common = answer(p, name, a, description);
          return common != PER_COLUMN ? common : perColumn.answer(name, a);
        });
  }

  private static Object answer(Object proxy, String method, Object[] args, String description) throws SQLException {
    switch (method) {
      case "unwrap", "isWrapperFor" -> {
        boolean is = ((Class<?>) args[0]).isInstance(proxy);
        if (method.equals("isWrapperFor")) {
          return is;
        }
        if (is) {
          return proxy;
        }
        throw new SQLException("Not a wrapper for " + args[0]);
      }
      case "toString" -> {
        return description;
      }
      case "hashCode" -> {
        return System.identityHashCode(proxy);
      }
      case "equals" -> {
        return proxy == args[0];
      }
      default -> {
        return PER_COLUMN;
      }
    }
  }
}
