package dev.asyncdb.engine.store;

import dev.asyncdb.engine.table.TableVersion;
import java.util.Map;

/**
 * The rows of a collection that stay in their database until something needs them in memory
 * (tables mapped by the sqlite and postgres stores): a store returns one from
 * {@link Store#deferredRows} instead of having every row read when the project opens. Until the
 * rows are read, single records and the count are asked of the database.
 *
 * <p>Failures are {@code DbException}s that name the store, the table and the cause
 * ({@code STORE_CONNECTION_FAILED} when the database cannot be reached, {@code STORE_READ_FAILED}
 * when the table cannot be read); nothing is kept of a failed read, so the next use tries again.
 */
public interface RowSource {
  /** Every row, as {@link Store#hydrate} returns them. */
  TableVersion readAll();

  /**
   * The record holding a key (the key string of {@link dev.asyncdb.engine.table.KeySpec}), read as
   * {@link #readAll} reads it, or null when there is none.
   */
  Map<String, Object> find(String key);

  /** Number of rows. */
  long count();
}
