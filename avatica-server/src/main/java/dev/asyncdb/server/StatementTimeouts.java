package dev.asyncdb.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * Cancels a statement whose execute or fetch call outlives the statement timeout. It raises the
 * statement's cancel flag directly rather than calling {@code Statement.cancel()}, which waits
 * for the statement's lock that the running call holds; Calcite checks the flag between result
 * rows, so a call stops at the next row it produces and the client gets SQLState 57014.
 */
final class StatementTimeouts implements AutoCloseable {
  private final Duration timeout;
  private final ScheduledExecutorService timer;

  StatementTimeouts(Duration timeout) {
    this.timeout = timeout;
    this.timer = timeout.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "async-db-statement-timeouts");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts watching one call on {@code statement} (null: nothing to watch). */
  Watch watch(Statement statement) {
    AtomicBoolean flag = timer == null ? null : cancelFlag(statement);
    if (flag == null) {
      return new Watch(null);
    }
    // A flag raised by an earlier timeout must not fail this call.
    flag.set(false);
    Watch w = new Watch(flag);
    w.task = timer.schedule(w::fire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    return w;
  }

  private static AtomicBoolean cancelFlag(Statement statement) {
    if (statement == null) {
      return null;
    }
    try {
      AvaticaStatement calcite = statement.unwrap(AvaticaStatement.class);
      Connection connection = calcite.getConnection();
      return connection.unwrap(AvaticaConnection.class).getCancelFlag(calcite.handle);
    } catch (SQLException | NoSuchStatementException e) {
      // Not a Calcite statement (nothing long-running to stop) or already closed.
      return null;
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** One watched call; {@link #close()} when it returns. */
  final class Watch implements AutoCloseable {
    private final AtomicBoolean flag;
    private ScheduledFuture<?> task;
    private volatile boolean fired;

    private Watch(AtomicBoolean flag) {
      this.flag = flag;
    }

    private void fire() {
      fired = true;
      flag.set(true);
    }

    /** The error to report when the call failed: the timeout's, if it fired, else {@code failure} itself. */
    RuntimeException explain(RuntimeException failure) {
      if (!fired) {
        return failure;
      }
      return new AvaticaRuntimeException("The statement ran longer than the server's statement timeout of " + Durations.format(timeout)
          + " and was cancelled. Narrow the query (filters, LIMIT) or ask the server's operator to raise --statement-timeout.",
          0, "57014", AvaticaSeverity.ERROR);
    }

    @Override
    public void close() {
      if (task != null) {
        task.cancel(false);
      }
    }
  }
}
