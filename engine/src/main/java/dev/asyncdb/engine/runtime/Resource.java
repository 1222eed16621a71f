package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.sync.ResourceDefinition;

/**
 * A resource bound to its store, with writer-side bookkeeping (the counter for generated ids).
 * Mutable fields are touched only under the database write lock.
 */
public final class Resource {
  private final ResourceDefinition definition;
  // Volatile: a resource migration rebinds it while readers may be resolving the store.
  private volatile Store store;
  private long nextCounterId = -1;

  public Resource(ResourceDefinition definition, Store store) {
    this.definition = definition;
    this.store = store;
  }

  public ResourceDefinition definition() {
    return definition;
  }

  public Store store() {
    return store;
  }

  /** Binds the resource to another store (after its state was copied there). */
  public void rebind(Store next) {
    this.store = next;
  }

  public String name() {
    return definition.name();
  }

  /** Cached next counter id, or -1 before the first generated id (writer only). */
  public long nextCounterId() {
    return nextCounterId;
  }

  public void nextCounterId(long next) {
    this.nextCounterId = next;
  }
}
