package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.table.TableVersion;
import java.util.Map;

/**
 * One committed state of the whole database: a version number and, per resource, its rows (a
 * {@link TableVersion}) or its document object. Immutable; one volatile read gives a reader a
 * consistent view across resources.
 *
 * <p>A collection whose store left its rows in the database ({@link DeferredRows}) has no entry in
 * {@code rows} until a write replaces them: {@link #rows(String)} reads them on first use, once
 * for every snapshot that shares them.
 */
public record Snapshot(long version, Map<String, TableVersion> rows, Map<String, Map<String, Object>> documents,
    Map<String, DeferredRows> deferred) {
  public Snapshot(long version, Map<String, TableVersion> rows, Map<String, Map<String, Object>> documents) {
    this(version, rows, documents, Map.of());
  }

  /** Rows of a collection, read from its database first when they are still there. */
  public TableVersion rows(String resource) {
    TableVersion v = rows.get(resource);
    if (v == null) {
      DeferredRows d = deferred.get(resource);
      if (d != null) {
        return d.rows();
      }
    }
    return v;
  }

  /**
   * The deferred rows of a collection when this snapshot's rows of it are still those (no write
   * replaced them), else null. Reads that need one record or the count ask it instead of
   * {@link #rows(String)}, which would read every row.
   */
  public DeferredRows deferred(String resource) {
    return rows.containsKey(resource) ? null : deferred.get(resource);
  }

  public Map<String, Object> document(String resource) {
    return documents.get(resource);
  }
}
