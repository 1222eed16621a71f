package dev.asyncdb.engine.store;

import java.io.IOException;

/**
 * What a store's commit hands back: the wait, done outside the database's writer lock, until the
 * write is as durable as the store promises. Waiting there lets concurrent writers share one fsync.
 */
@FunctionalInterface
public interface Durable {
  /** Already durable when commit returned. */
  Durable DONE = () -> {};

  void await() throws IOException;
}
