package dev.asyncdb.engine.store;

import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.IOException;
import java.util.List;

/**
 * Where runtime state of resources lives. A store hydrates each resource it is bound to (persisted
 * state when the seed is unchanged, else the seed) and makes committed changes durable before
 * {@link #commit} returns. Changes arrive record by record so a store can log them instead of
 * rewriting whole resources.
 */
public interface Store extends AutoCloseable {
  /** Driver name: json, memory, static, sourceFile. */
  String driver();

  boolean writable();

  /**
   * The starting state of a resource. With {@code mayWrite} false (read-only opens) the store only
   * reads: no state file is written or removed and nothing is written back to sources.
   */
  Hydrated hydrate(ResourceDefinition resource, boolean mayWrite) throws IOException;

  /**
   * Persists the changes of one committed write (one or more resources). Called under the writer
   * lock, in commit order; the returned {@link Durable} is awaited after the lock is released and
   * before the write is acknowledged or made visible to readers.
   */
  Durable commit(List<ResourceChange> changes) throws IOException;

  /** Persistence metadata for sync output (e.g. the state file path), or null. */
  default String statePath(ResourceDefinition resource) {
    return null;
  }

  @Override
  void close() throws IOException;
}
