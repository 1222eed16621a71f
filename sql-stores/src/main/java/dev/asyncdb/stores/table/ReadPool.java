package dev.asyncdb.stores.table;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections pushed-down queries read through. A PostgreSQL connection costs a server
 * process and milliseconds to open, more than a point lookup takes, so idle ones are kept; closing
 * a handed-out connection rolls back what it left open and returns it.
 */
final class ReadPool implements DataSource, AutoCloseable {
  private static final int MAX_IDLE = 8;
  private final Supplier<Connection> open;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ReadPool(Supplier<Connection> open) {
    this.open = open;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c;
    synchronized (this) {
      if (closed) {
        throw new SQLException("The store was closed; its tables cannot be queried any more. Reopen the project.", "08003");
      }
      c = idle.pollFirst();
    }
    if (c == null || c.isClosed()) {
      c = open.get();
    }
    return handOut(c);
  }

  /** The connection as the caller sees it: close() gives it back instead of closing it. */
  private Connection handOut(Connection real) {
    boolean[] returned = {false};
    return (Connection) Proxy.newProxyInstance(ReadPool.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
      if (m.getName().equals("close")) {
        if (!returned[0]) {
          returned[0] = true;
          giveBack(real);
        }
        return null;
      }
      if (m.getName().equals("isClosed") && returned[0]) {
        return true;
      }
      try {
        return m.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  private void giveBack(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
      synchronized (this) {
        if (!closed && idle.size() < MAX_IDLE) {
          idle.addFirst(c);
          return;
        }
      }
      c.close();
    } catch (SQLException e) {
      // A connection that cannot be reset is dropped; the next caller opens a fresh one.
      try {
        c.close();
      } catch (SQLException ignored) {
        // already broken
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Connection c : idle) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    idle.clear();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("Read connections use the store's own credentials.");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // not used
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // the store's connect timeout applies
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("java.util.logging is not used");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
