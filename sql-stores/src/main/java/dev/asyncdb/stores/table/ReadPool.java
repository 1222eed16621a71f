package dev.asyncdb.stores.table;

import dev.asyncdb.engine.DbException;
import java.io.PrintWriter;
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
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * The connections pushed-down queries and point lookups read through, pooled by Apache Commons
 * DBCP (already on the class path through Calcite). A PostgreSQL connection costs a server process
 * and milliseconds to open, more than a point lookup takes, so idle ones are kept. DBCP's wrappers
 * matter: Calcite closes a query's connection through {@code resultSet.getStatement()
 * .getConnection()}, which must give the connection back, not end the database session. Closing a
 * handed-out connection rolls back what it left open and restores autocommit.
 *
 * <p>Point lookups by key take their own few connections ({@link #lookup}), each keeping the lookup
 * statement prepared for its life: a lookup is one execution (and, after pgjdbc's prepare
 * threshold, of a server-side prepared statement) without DBCP's per-borrow bookkeeping, which was
 * a fifth of a lookup's CPU. DBCP's own statement pool is not used: its key includes
 * {@code getSchema()}, which pgjdbc answers with a query — a second round trip per lookup.
 */
final class ReadPool implements DataSource, AutoCloseable {
  private static final int MAX_IDLE = 8;
  private static final int MAX_STATEMENTS_PER_CONNECTION = 32;
  private final GenericObjectPool<PoolableConnection> pool;
  private final Supplier<Connection> open;
  /** Idle connections of point lookups, most recently used first; guarded by itself. */
  private final Deque<LookupSession> lookups = new ArrayDeque<>();
  private final PoolingDataSource<PoolableConnection> pooled;
  private volatile boolean closed;

  ReadPool(Supplier<Connection> open) {
    this.open = open;
    PoolableConnectionFactory factory = new PoolableConnectionFactory(open::get, null);
    factory.setRollbackOnReturn(true);
    factory.setAutoCommitOnReturn(true);
    // Validating would cost a round trip per borrow; a connection that broke fails its query with
    // a connection error (class 08, 57P0x), which DBCP marks fatal and drops instead of pooling.
    factory.setFastFailValidation(true);
    GenericObjectPoolConfig<PoolableConnection> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(-1); // readers never wait for each other; idle connections are capped instead
    config.setMaxIdle(MAX_IDLE);
    config.setMinIdle(0);
    config.setTestOnBorrow(false);
    config.setTestOnReturn(false);
    config.setTestWhileIdle(false);
    config.setJmxEnabled(false);
    config.setLifo(true);
    this.pool = new GenericObjectPool<>(factory, config);
    factory.setPool(pool);
    this.pooled = new PoolingDataSource<>(pool);
  }

  /** A read of one row through a prepared statement. */
  interface StatementRead<T> {
    T on(PreparedStatement statement) throws SQLException;
  }

  /**
   * Runs {@code read} with the statement of {@code sql} prepared on a lookup connection (opened
   * when none is idle). The connection goes back afterwards unless it broke; a failure to open
   * one is the store's own {@code DbException}.
   */
  <T> T lookup(String sql, StatementRead<T> read) throws SQLException {
    LookupSession session;
    synchronized (lookups) {
      if (closed) {
        throw closedError();
      }
      session = lookups.pollFirst();
    }
    if (session == null || session.connection.isClosed()) {
      session = new LookupSession(open.get());
    }
    try {
      return read.on(session.statement(sql));
    } finally {
      giveBack(session);
    }
  }

  private void giveBack(LookupSession session) {
    boolean keep;
    try {
      keep = !session.connection.isClosed();
    } catch (SQLException e) {
      keep = false;
    }
    if (keep) {
      synchronized (lookups) {
        if (!closed && lookups.size() < MAX_IDLE) {
          lookups.addFirst(session);
          return;
        }
      }
    }
    session.close();
  }

  /** A connection of point lookups with the statements prepared on it; used by one reader at a time. */
  private static final class LookupSession {
    final Connection connection;
    final Map<String, PreparedStatement> statements = new HashMap<>();

    LookupSession(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement statement(String sql) throws SQLException {
      PreparedStatement ps = statements.get(sql);
      if (ps == null || ps.isClosed()) {
        if (statements.size() >= MAX_STATEMENTS_PER_CONNECTION) {
          for (PreparedStatement old : statements.values()) {
            old.close();
          }
          statements.clear();
        }
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
      }
      return ps;
    }

    void close() {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw closedError();
    }
    try {
      return pooled.getConnection();
    } catch (SQLException e) {
      // Opening a connection failed: the store's own error (server down, file gone) says what to do.
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof DbException db) {
          throw db;
        }
      }
      throw e;
    }
  }

  private static SQLException closedError() {
    return new SQLException("The store was closed; its tables cannot be queried any more. Reopen the project.", "08003");
  }

  @Override
  public void close() {
    synchronized (lookups) {
      closed = true;
      lookups.forEach(LookupSession::close);
      lookups.clear();
    }
    pool.close();
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
