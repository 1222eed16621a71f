package dev.asyncdb.engine.store;

import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.engine.table.TableVersion;
import java.util.List;
import java.util.Map;

/**
 * The committed change of one resource: its new state (rows or document) and the record-level
 * operations that led there.
 */
public record ResourceChange(ResourceDefinition resource, TableVersion rows, Map<String, Object> document, List<RecordChange> records) {
  /** One record-level operation. {@code after} is null for deletes. */
  public record RecordChange(Op op, String key, Map<String, Object> after) {}

  /** Kinds of record-level operations. */
  public enum Op { INSERT, UPDATE, DELETE, PUT }
}
