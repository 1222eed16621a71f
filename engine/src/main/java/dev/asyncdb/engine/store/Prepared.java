package dev.asyncdb.engine.store;

import java.io.IOException;

/**
 * A store's part of a write that spans several stores, run but not yet committed
 * ({@link Store#prepare}). The engine calls exactly one of the two methods.
 */
public interface Prepared {
  /** Makes the part durable and visible; after it returns, the store has the write. */
  void commit() throws IOException;

  /** Undoes the part: the store is left as if the write had never been attempted. */
  void rollback() throws IOException;
}
