package dev.asyncdb.engine.store;

import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.IOException;
import dev.asyncdb.engine.table.TableVersion;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where runtime state of resources lives. A store hydrates each resource it is bound to (persisted
 * state when the seed is unchanged, else the seed) and makes committed changes durable before
 * {@link #commit} returns. Changes arrive record by record so a store can log them instead of
 * rewriting whole resources.
 */
public interface Store extends AutoCloseable {
  /** Driver name: json, memory, static, sourceFile, or a provider's (sqlite, postgres). */
  String driver();

  boolean writable();

  /** Whether one resource accepts writes (a store may hold read-only tables beside writable ones). */
  default boolean writable(ResourceDefinition resource) {
    return writable();
  }

  /**
   * Resources this store defines itself rather than through files under {@code db/}: tables of an
   * existing database mapped to resources, with schemas from its catalog. They are bound to the
   * store that declares them.
   */
  default List<ResourceDefinition> declaredResources() {
    return List.of();
  }

  /**
   * The starting state of a resource. With {@code mayWrite} false (read-only opens) the store only
   * reads: no state file is written or removed and nothing is written back to sources.
   */
  Hydrated hydrate(ResourceDefinition resource, boolean mayWrite) throws IOException;

  /**
   * The rows of a collection when the store leaves them in its database until first use, or null
   * (the default) when {@link #hydrate} is to read them as the project opens. The engine then reads
   * them once through {@link RowSource#readAll} when something needs them in memory.
   */
  default RowSource deferredRows(ResourceDefinition resource) {
    return null;
  }

  /**
   * Persists the changes of one committed write (one or more resources). Called under the writer
   * lock, in commit order; the returned {@link Durable} is awaited after the lock is released and
   * before the write is acknowledged or made visible to readers.
   */
  Durable commit(List<ResourceChange> changes) throws IOException;

  /** The name under {@code stores} this store was opened for (the driver name for built-in stores). */
  default String alias() {
    return driver();
  }

  /**
   * Whether the store keeps anything beyond the running process. A write whose changes reach one
   * persisting store (plus any number of others) is committed one-phase through {@link #commit};
   * a write reaching several persisting stores goes through {@link #prepare} and the
   * {@link CommitLog}.
   */
  default boolean persists() {
    return true;
  }

  /**
   * First phase of a write that spans several persisting stores: does everything that can fail
   * (statements, constraint checks) and leaves it uncommitted until {@link Prepared#commit}.
   * Stores that {@link #marksCommits mark commits} also record {@code commitId} in the same
   * uncommitted transaction.
   *
   * <p>The default is for stores that cannot hold a write open: it runs {@link #commit} (and waits
   * for durability) only when the write is decided, and its rollback has nothing to undo. Such a
   * store never decides a write, and a failure of its commit after the decision is reported, not
   * undone.
   */
  default Prepared prepare(List<ResourceChange> changes, String commitId) throws IOException {
    return new Prepared() {
      @Override
      public void commit() throws IOException {
        Store.this.commit(changes).await();
      }

      @Override
      public void rollback() {
        // Nothing ran yet.
      }
    };
  }

  /**
   * Whether {@link #prepare} writes a marker row that {@link #committed} finds exactly when the
   * prepared write committed. Such a store can decide a write spanning several stores.
   */
  default boolean marksCommits() {
    return false;
  }

  /** Whether the write prepared under {@code commitId} committed here (its marker exists). */
  default boolean committed(String commitId) throws IOException {
    throw new UnsupportedOperationException(driver() + " stores do not mark commits");
  }

  /** Deletes the markers of commits the log no longer refers to; unknown ids are ignored. */
  default void forgetCommits(Collection<String> commitIds) throws IOException {
    // Stores that do not mark commits have nothing to forget.
  }

  /**
   * Whether {@link #importState} can take a resource's whole state: the store is the target of a
   * resource migration ({@code AsyncDb.migrateResource}).
   */
  default boolean acceptsImport(ResourceDefinition resource) {
    return false;
  }

  /**
   * Replaces the persisted state of a resource with {@code rows} (collection) or {@code document},
   * durably, so that the next {@link #hydrate} returns it while the seed is unchanged.
   */
  default void importState(ResourceDefinition resource, TableVersion rows, Map<String, Object> document) throws IOException {
    throw new UnsupportedOperationException(driver() + " stores do not import resource state");
  }

  /** Persistence metadata for sync output (e.g. the state file path), or null. */
  default String statePath(ResourceDefinition resource) {
    return null;
  }

  @Override
  void close() throws IOException;
}
