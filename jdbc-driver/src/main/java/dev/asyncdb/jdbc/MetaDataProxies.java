package dev.asyncdb.jdbc;

import java.sql.SQLException;

/**
 * The calls every proxied {@link java.sql.ResultSetMetaData} of the driver answers alike: the
 * wrapper methods, and {@code toString}, {@code hashCode} and {@code equals} of the proxy itself.
 */
final class MetaDataProxies {
  /** Returned by {@link #answer} for a call that is about a column, left to the caller. */
  static final Object PER_COLUMN = new Object();

  private MetaDataProxies() {}

  static Object answer(Object proxy, String method, Object[] args, String description) throws SQLException {
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
