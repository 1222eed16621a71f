package dev.asyncdb.stores.commit;

import dev.asyncdb.engine.store.Prepared;
import dev.asyncdb.engine.store.ResourceChange;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * How a SQL store (envelope or mapped tables) writes a commit on its one connection: in one phase
 * ({@link #commit}), or prepared for a write spanning stores ({@link #prepare}: statements and commit
 * marker in a transaction left open), plus the marker lookups recovery and clean-up need. Callers
 * hold the store's monitor, which guards the connection.
 */
public final class SqlWrites {
  /** Runs a commit's statements in the open transaction; returns what to record once it commits. */
  @FunctionalInterface
  public interface Stage {
    Runnable run(List<ResourceChange> changes) throws SQLException;
  }

  private final String driver;
  private final Connection connection;
  private final CommitMarkers markers;
  private final Object store;
  private final String where;

  /**
   * @param store the store owning the connection (its monitor guards the connection)
   * @param where the database, for messages
   */
  public SqlWrites(String driver, Connection connection, CommitMarkers markers, Object store, String where) {
    this.driver = driver;
    this.connection = connection;
    this.markers = markers;
    this.store = store;
    this.where = where;
  }

  /** Stages the changes and commits them at once; the store's bookkeeping follows only a commit. */
  public void commit(List<ResourceChange> changes, Stage stage) throws IOException {
    try {
      Runnable after;
      connection.setAutoCommit(false);
      try {
        after = stage.run(changes);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
      after.run();
    } catch (SQLException e) {
      throw new IOException("the " + driver + " store could not write to " + where + ": " + e.getMessage(), e);
    }
  }

  /** Stages the changes and the commit marker in a transaction left open for the coordinator to end. */
  public Prepared prepare(List<ResourceChange> changes, String commitId, Stage stage) throws IOException {
    try {
      markers.ensureCreated(connection);
      connection.setAutoCommit(false);
      try {
        Runnable after = stage.run(changes);
        markers.insert(connection, commitId);
        return new OpenTransaction(connection, store, after, where);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        connection.setAutoCommit(true);
        throw e;
      }
    } catch (SQLException e) {
      throw new IOException("the " + driver + " store could not write to " + where + ": " + e.getMessage(), e);
    }
  }

  /** Whether the database holds the marker of a write spanning stores (it committed there). */
  public boolean committed(String commitId) throws IOException {
    try {
      return markers.exists(connection, commitId);
    } catch (SQLException e) {
      throw new IOException("could not read " + markers.table() + " in " + where + ": " + e.getMessage(), e);
    }
  }

  /** Deletes markers the log no longer needs. */
  public void forget(Collection<String> commitIds) throws IOException {
    try {
      markers.delete(connection, commitIds);
    } catch (SQLException e) {
      throw new IOException("could not delete from " + markers.table() + " in " + where + ": " + e.getMessage(), e);
    }
  }
}
