package dev.asyncdb.engine.validate;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

/**
 * Two independent halves of one piece of work over a million rows (a check, a join's probe): the second is offered to a thread of
 * the load pool while the calling thread runs the first. If no pool thread has taken it by then
 * (they are all busy loading, or waiting like this one), the caller runs it too, so nested use of
 * a small pool can never deadlock.
 */
public final class SplitWork {
  /** Below this many rows a check runs in one piece: handing work over costs more than it saves. */
  public static final int MIN_ROWS = 100_000;

  private SplitWork() {}

  /** The results of {@code first} (run here) and {@code second} (run on {@code pool} when a thread is free, else here). */
  public static <T> Pair<T> run(Executor pool, Supplier<T> first, Supplier<T> second) {
    FutureTask<T> forked = new FutureTask<>(second::get);
    boolean offered = false;
    // Only a ThreadPoolExecutor lets an unstarted half be taken back; other executors get no work.
    if (pool instanceof ThreadPoolExecutor) {
      try {
        pool.execute(forked);
        offered = true;
      } catch (RejectedExecutionException shutDown) {
        // the pool is closing: run both halves here
      }
    }
    T a;
    try {
      a = first.get();
    } catch (RuntimeException | Error e) {
      // The caller's half failed (or was cancelled): the other half is not wanted any more.
      if (offered && pool instanceof ThreadPoolExecutor tpe) {
        tpe.remove(forked);
      }
      forked.cancel(false);
      throw e;
    }
    if (!offered || (pool instanceof ThreadPoolExecutor tpe && tpe.remove(forked))) {
      forked.run();
    }
    try {
      return new Pair<>(a, forked.get());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking rows", e);
    }
  }

  /** The two halves' results, in row order. */
  public record Pair<T>(T first, T second) {}
}
