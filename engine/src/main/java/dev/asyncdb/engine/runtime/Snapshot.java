package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.table.TableVersion;
import java.util.Map;

/**
 * One committed state of the whole database: a version number and, per resource, its rows (a
 * {@link TableVersion}) or its document object. Immutable; one volatile read gives a reader a
 * consistent view across resources.
 */
public record Snapshot(long version, Map<String, TableVersion> rows, Map<String, Map<String, Object>> documents) {
  public TableVersion rows(String resource) {
    return rows.get(resource);
  }

  public Map<String, Object> document(String resource) {
    return documents.get(resource);
  }
}
