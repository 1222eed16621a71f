package dev.asyncdb.stores.table;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections pushed-down queries read through. A PostgreSQL connection costs a server
 * process and milliseconds to open, more than a point lookup takes, so idle ones are kept; closing
 * a handed-out connection rolls back what it left open and returns it. Statements a reader asks to
 * {@linkplain Lease#kept keep} stay prepared on the pooled connection for its life, so a point lookup is
 * one execution (and, after pgjdbc's prepare threshold, a server-side prepared one).
 */
final class ReadPool implements DataSource, AutoCloseable {
  private static final int MAX_IDLE = 8;
  private final Supplier<Connection> open;
  private final Deque<Pooled> idle = new ArrayDeque<>();
  private boolean closed;

  ReadPool(Supplier<Connection> open) {
    this.open = open;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Lease lease = lease();
    return (Connection) Proxy.newProxyInstance(ReadPool.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
      if (m.getName().equals("close")) {
        lease.close();
        return null;
      }
      if (m.getName().equals("isClosed") && lease.returned) {
        return true;
      }
      try {
        return m.invoke(lease.pooled.real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  /** A pooled connection for one reader of this package, without the proxy {@link #getConnection} hands to others. */
  Lease lease() throws SQLException {
    Pooled p;
    synchronized (this) {
      if (closed) {
        throw new SQLException("The store was closed; its tables cannot be queried any more. Reopen the project.", "08003");
      }
      p = idle.pollFirst();
    }
    if (p == null || p.real.isClosed()) {
      p = new Pooled(open.get());
    }
    return new Lease(p);
  }

  /** A connection of the pool with the statements kept on it; used by one reader at a time. */
  private static final class Pooled {
    final Connection real;
    final Map<String, PreparedStatement> statements = new HashMap<>();

    Pooled(Connection real) {
      this.real = real;
    }
  }

  /** One reader's use of a pooled connection; closing it gives the connection back. */
  final class Lease implements AutoCloseable {
    private final Pooled pooled;
    private boolean returned;

    private Lease(Pooled pooled) {
      this.pooled = pooled;
    }

    /** The connection itself: the reader must not close it. */
    Connection connection() {
      return pooled.real;
    }

    /**
     * The statement of {@code sql}, prepared once on this pooled connection and kept for its life:
     * the reader executes it and must not close it.
     */
    PreparedStatement kept(String sql) throws SQLException {
      PreparedStatement ps = pooled.statements.get(sql);
      if (ps == null || ps.isClosed()) {
        ps = pooled.real.prepareStatement(sql);
        pooled.statements.put(sql, ps);
      }
      return ps;
    }

    @Override
    public void close() {
      if (!returned) {
        returned = true;
        giveBack(pooled);
      }
    }
  }

  private void giveBack(Pooled p) {
    Connection c = p.real;
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
      synchronized (this) {
        if (!closed && idle.size() < MAX_IDLE) {
          idle.addFirst(p);
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
    for (Pooled p : idle) {
      try {
        p.real.close();
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
