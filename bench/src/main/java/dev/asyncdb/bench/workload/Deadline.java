package dev.asyncdb.bench.workload;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work on a daemon thread and stops waiting for it after a time limit, so an engine that
 * hangs (a deadlock, a lock never released) costs the run a bounded time instead of all of it;
 * the abandoned thread is interrupted and left behind.
 */
public final class Deadline {

  private Deadline() {}

  /** Thrown when the work did not finish in time. */
  public static final class Exceeded extends TimeoutException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }
  }

  /** Runs {@code work} and returns its result, or throws {@link Exceeded} after {@code limit}. */
  public static <T> T call(Duration limit, String what, Callable<T> work) throws Exception {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, "bench " + what);
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      throw new Exceeded(what + " did not finish within " + limit.toSeconds()
          + " s and was abandoned (the engine may be hung)");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
