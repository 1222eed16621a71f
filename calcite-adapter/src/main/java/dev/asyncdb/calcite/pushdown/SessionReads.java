package dev.asyncdb.calcite.pushdown;

import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.StagedCollection;
import dev.asyncdb.engine.store.PushdownSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections one SQL connection's pushed-down queries run on. Read-your-writes: when the
 * connection's open transaction changed mapped tables of this database, those changes are replayed
 * inside a database transaction on the borrowed connection before the query runs, and rolled back
 * when it is returned — the query sees exactly the transaction's view, and nothing reaches the
 * table until the engine commits.
 */
final class SessionReads implements DataSource {
  private final SqlSession session;
  private final PushdownSource source;
  private final List<String> resources;

  /** @param resources the session's resources that are mapped tables of {@code source} */
  SessionReads(SqlSession session, PushdownSource source, List<String> resources) {
    this.session = session;
    this.source = source;
    this.resources = resources;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = source.readConnections().getConnection();
    try {
      boolean began = false;
      for (String resource : resources) {
        StagedCollection staged = session.staged(resource);
        if (staged == null || staged.isEmpty()) {
          continue;
        }
        if (!began) {
          c.setAutoCommit(false);
          began = true;
        }
        source.replay(c, resource, staged.touched());
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw new SQLException("Could not show this transaction's uncommitted changes to a query that runs in " + source.databaseId() + ": "
          + e.getMessage() + ". Commit (or roll back) the transaction and run the query again.", "25000", e);
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("Pushed-down queries use the store's own credentials.");
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
