package dev.asyncdb.engine.sync;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The SHA-256 of a source, possibly not computed yet. Opening a project does not wait for it: the
 * hash only decides between persisted state and seed when a state file exists, and otherwise is
 * computed after loading (so it does not compete with parsing for cores) and recorded in the
 * background.
 */
public final class ContentHash {
  private final CompletableFuture<String> value;
  private final Supplier<String> computation;
  private final AtomicBoolean started;

  private ContentHash(CompletableFuture<String> value, Supplier<String> computation, boolean started) {
    this.value = value;
    this.computation = computation;
    this.started = new AtomicBoolean(started);
  }

  public static ContentHash of(String hash) {
    return new ContentHash(CompletableFuture.completedFuture(hash), null, true);
  }

  /** A hash computed on its own daemon thread once {@link #start()} or {@link #get()} is called. */
  public static ContentHash deferred(Supplier<String> computation) {
    return new ContentHash(new CompletableFuture<>(), computation, false);
  }

  /** Starts computing in the background (once). */
  public void start() {
    if (started.compareAndSet(false, true)) {
      Thread t = new Thread(() -> {
        try {
          value.complete(computation.get());
        } catch (Throwable e) {
          value.completeExceptionally(e);
        }
      }, "asyncdb-hash");
      t.setDaemon(true);
      t.start();
    }
  }

  /** The hash if it is already known (recorded, or computed by now), else null; never waits. */
  public String known() {
    return value.isDone() && !value.isCompletedExceptionally() ? value.join() : null;
  }

  /** The hash, computing or waiting for it if needed. */
  public String get() {
    start();
    return value.join();
  }

  @Override
  public String toString() {
    return value.isDone() ? get() : "(computing)";
  }
}
