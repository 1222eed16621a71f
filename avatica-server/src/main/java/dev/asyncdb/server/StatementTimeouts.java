package dev.asyncdb.server;

import dev.asyncdb.calcite.AsyncDbSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Cancels what a connection runs when an execute or fetch call outlives the statement timeout, or
 * when its client asks to ({@link Watch#cancel()}, from a {@link CancelHandler} request), by
 * raising the connection's scan cancel flag ({@link AsyncDbSchema#cancelFlag()}): every table
 * scan of the call stops at its next row, whichever statement runs it (the driver's plan cache
 * lends statements of its own), and the client gets SQLState 57014 with a message that says which
 * of the two it was. {@code Statement.cancel()} would not do: it waits for the statement's lock,
 * which the running call holds.
 */
final class StatementTimeouts implements AutoCloseable {
  private final Duration timeout;
  private final ScheduledThreadPoolExecutor timer;

  StatementTimeouts(Duration timeout) {
    this.timeout = timeout;
    this.timer = timeout.isZero() ? null : timer();
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "async-db-statement-timeouts");
      t.setDaemon(true);
      return t;
    });
    // Nearly every call returns long before its timeout: its cancelled task must leave the queue
    // then, not stay there for the whole timeout (at 10k calls a second, a million dead tasks).
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** Starts watching one call on {@code connection} (null: nothing to watch or cancel). */
  Watch watch(Connection connection) {
    return watch(cancelFlag(connection));
  }

  /** Starts watching one call that {@code flag} stops ({@link #cancelFlag}; null: nothing to watch or cancel). */
  Watch watch(AtomicBoolean flag) {
    if (flag == null) {
      return new Watch(null);
    }
    // A flag raised by an earlier timeout or cancel must not fail this call.
    flag.set(false);
    Watch w = new Watch(flag);
    if (timer != null) {
      w.task = timer.schedule(w::fire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    return w;
  }

  /** The flag that stops the scans of {@code connection}: its SQL session's, the same for its whole life, reloads included (null: none to raise). */
  static AtomicBoolean cancelFlag(Connection connection) {
    if (connection == null) {
      return null;
    }
    try {
      SchemaPlus db = connection.unwrap(CalciteConnection.class).getRootSchema().getSubSchema("db");
      return db == null ? null : db.unwrap(AsyncDbSchema.class).cancelFlag();
    } catch (SQLException | ClassCastException e) {
      // Closed meanwhile: nothing runs on it any more.
      return null;
    }
  }

  /** Timeout tasks waiting in the timer now: one per call running (for tests). */
  int pendingTimeouts() {
    return timer == null ? 0 : timer.getQueue().size();
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
    private boolean fired;
    private boolean cancelled;
    private boolean closed;

    private Watch(AtomicBoolean flag) {
      this.flag = flag;
    }

    private synchronized void fire() {
      if (!closed && !cancelled) {
        fired = true;
        flag.set(true);
      }
    }

    /** Cancels the call at its client's request; false when it has returned already (or there is nothing to cancel). */
    synchronized boolean cancel() {
      if (closed || flag == null) {
        return false;
      }
      if (!fired) {
        cancelled = true;
        flag.set(true);
      }
      return true;
    }

    /** The error to report when the call failed: the timeout's or the cancel's, if either stopped it, else {@code failure} itself. */
    synchronized RuntimeException explain(RuntimeException failure) {
      if (cancelled) {
        return new AvaticaRuntimeException("The statement was canceled by its client (Statement.cancel()). The connection stays usable.",
            0, "57014", AvaticaSeverity.ERROR);
      }
      if (fired) {
        return new AvaticaRuntimeException("The statement ran longer than the server's statement timeout of " + Durations.format(timeout)
            + " and was cancelled. Narrow the query (filters, LIMIT) or ask the server's operator to raise --statement-timeout.",
            0, "57014", AvaticaSeverity.ERROR);
      }
      return failure;
    }

    /** Ends the watch; a flag it raised goes down now, so that calls it does not watch (metadata, commit) are not stopped by it. */
    @Override
    public synchronized void close() {
      closed = true;
      if (task != null) {
        task.cancel(false);
      }
      if (fired || cancelled) {
        flag.set(false);
      }
    }
  }
}
