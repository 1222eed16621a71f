package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.store.RowSource;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.TableVersion;
import java.util.Map;

/**
 * The rows of a collection its store left in the database at open ({@code Store.deferredRows}):
 * read into memory once, by the first reader or writer that needs them, and from then on shared
 * by every {@link Snapshot} that has not replaced them — so snapshots published before the read
 * see the same rows as those published after it. Until then a record by key and the count are
 * asked of the database.
 *
 * <p>The read needs no database write lock, so a long read does not hold up writes to other
 * resources: every write to this resource reads its rows first (and so waits for the read), so no
 * write of the engine reaches the table before the read, and the rows read are those of every
 * snapshot that still refers to them. Concurrent first uses read once; a failed read keeps
 * nothing, and the next use tries again.
 */
public final class DeferredRows {
  private final String resource;
  private final RowSource source;
  private final KeySpec key;
  private final Object loading = new Object();
  private volatile TableVersion rows;

  public DeferredRows(String resource, KeySpec key, RowSource source) {
    this.resource = resource;
    this.key = key;
    this.source = source;
  }

  public String resource() {
    return resource;
  }

  public KeySpec keySpec() {
    return key;
  }

  /** Whether the rows were read into memory. */
  public boolean loaded() {
    return rows != null;
  }

  /** The rows in memory, read from the database on the first call. */
  public TableVersion rows() {
    TableVersion r = rows;
    if (r != null) {
      return r;
    }
    synchronized (loading) {
      if (rows == null) {
        rows = source.readAll();
      }
      return rows;
    }
  }

  /**
   * The record holding a key: from memory once the rows were read, else from the database. A row
   * the database finds by a key of another spelling (a case-insensitive collation, {@code 1.0} for
   * {@code 1}) is not the record of that key in memory either, so it is not returned.
   */
  public Map<String, Object> find(String keyString) {
    if (keyString == null) {
      return null;
    }
    TableVersion r = rows;
    if (r != null) {
      int row = r.find(keyString);
      return row < 0 ? null : r.record(row);
    }
    Map<String, Object> record = source.find(keyString);
    return record != null && keyString.equals(key.keyOf(record)) ? record : null;
  }

  /** Number of records: from memory once the rows were read, else from the database. */
  public long count() {
    TableVersion r = rows;
    return r != null ? r.size() : source.count();
  }
}
