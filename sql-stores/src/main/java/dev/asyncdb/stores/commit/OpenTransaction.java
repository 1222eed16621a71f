package dev.asyncdb.stores.commit;

import dev.asyncdb.engine.store.Prepared;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A SQL store's prepared part of a write spanning several stores: its statements and commit marker
 * ran on {@code connection} in a transaction that is still open. {@link #commit} and
 * {@link #rollback} end it and give the connection back to autocommit; {@code afterCommit} updates
 * the store's own bookkeeping once the database has the write.
 */
public final class OpenTransaction implements Prepared {
  private final Connection connection;
  private final Object store;
  private final Runnable afterCommit;
  private final String where;

  /**
   * @param store the store owning the connection: its monitor guards the connection
   * @param where the database, for messages
   */
  public OpenTransaction(Connection connection, Object store, Runnable afterCommit, String where) {
    this.connection = connection;
    this.store = store;
    this.afterCommit = afterCommit;
    this.where = where;
  }

  @Override
  public void commit() throws IOException {
    synchronized (store) {
      try {
        connection.commit();
      } catch (SQLException e) {
        rollbackQuietly();
        throw new IOException("the commit to " + where + " failed: " + e.getMessage(), e);
      } finally {
        autocommit();
      }
      afterCommit.run();
    }
  }

  @Override
  public void rollback() throws IOException {
    synchronized (store) {
      try {
        connection.rollback();
      } catch (SQLException e) {
        throw new IOException("the rollback in " + where + " failed (the transaction ends with the connection): " + e.getMessage(), e);
      } finally {
        autocommit();
      }
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The failed commit already ended the transaction, or the connection is gone: nothing is left open.
    }
  }

  private void autocommit() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // A broken connection: the store's next use reports it.
    }
  }
}
