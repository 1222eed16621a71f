package dev.asyncdb.engine.sync;

import java.util.concurrent.CompletableFuture;

/**
 * The SHA-256 of a source, possibly still being computed. Opening a project does not wait for it:
 * the hash only decides between persisted state and seed when a state file exists, and is recorded
 * in the background otherwise.
 */
public final class ContentHash {
  private final CompletableFuture<String> value;

  private ContentHash(CompletableFuture<String> value) {
    this.value = value;
  }

  public static ContentHash of(String hash) {
    return new ContentHash(CompletableFuture.completedFuture(hash));
  }

  public static ContentHash pending(CompletableFuture<String> future) {
    return new ContentHash(future);
  }

  /** The hash, waiting for it if needed. */
  public String get() {
    return value.join();
  }

  @Override
  public String toString() {
    return value.isDone() ? get() : "(computing)";
  }
}
