package dev.asyncdb.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A connection's Calcite side — its Calcite connection with the project's schemas, and on a JVM's
 * first connection the SQL warm-up — set up on a thread of its own. In a fresh JVM that takes
 * seconds of class loading and code generation; {@code getConnection} returns as soon as the
 * engine is open, statements the driver answers itself ({@link NativeQuery}) run meanwhile, and
 * everything that needs Calcite waits here for it. A set-up that failed fails each such use with
 * its cause.
 */
final class SqlLayer {
  private final CompletableFuture<Connection> connection = new CompletableFuture<>();

  private SqlLayer() {}

  /** Starts {@code setUp} on a daemon thread. */
  static SqlLayer start(Callable<Connection> setUp) {
    SqlLayer layer = new SqlLayer();
    Thread thread = new Thread(() -> {
      try {
        layer.connection.complete(setUp.call());
      } catch (Throwable t) {
        layer.connection.completeExceptionally(t);
      }
    }, "asyncdb-sql-setup");
    thread.setDaemon(true);
    thread.start();
    return layer;
  }

  /** The Calcite connection, waiting for its set-up to finish. */
  Connection get() throws SQLException {
    try {
      return connection.join();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new SQLException("The SQL layer of this connection (Calcite, set up in the background while the project opened) failed to start: "
          + cause + ". Statements the driver answers itself still run; close this connection and open a new one, and report the error"
          + " if it repeats.", "08006", cause);
    }
  }

  /** Whether the Calcite connection is there (set up without error). */
  boolean isReady() {
    return connection.isDone() && !connection.isCompletedExceptionally();
  }

  /** Closes the Calcite connection now, or as soon as its set-up ends; never waits for it. */
  void close() throws SQLException {
    if (isReady()) {
      connection.join().close();
      return;
    }
    connection.whenComplete((c, failure) -> {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // Closing a connection nobody used: nothing to report to.
        }
      }
    });
  }
}
