package dev.asyncdb.server.rest;

import dev.asyncdb.engine.WriteOptions;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the routes need, by canonical resource name. Two implementations: the engine
 * directly ({@link EngineAccess}, each write durable on its own) and one transaction for an atomic
 * batch ({@link TransactionAccess}, where later items see earlier items' staged writes).
 */
interface DataAccess {
  /** The schema of a resource by any of its aliases; throws {@code DB_UNKNOWN_RESOURCE} (404). */
  ResourceSchema schema(String name);

  List<Map<String, Object>> list(String collection);

  /** The record with an id (a scalar, or a map of the identity fields), or null. */
  Map<String, Object> get(String collection, Object id);

  Map<String, Object> create(String collection, Map<String, Object> record);

  /** The merged record, or null when none has the id. */
  Map<String, Object> patch(String collection, Object id, Map<String, Object> patch, WriteOptions options);

  boolean delete(String collection, Object id, WriteOptions options);

  Map<String, Object> document(String name);

  Map<String, Object> putDocument(String name, Map<String, Object> value, WriteOptions options);

  Map<String, Object> patchDocument(String name, Map<String, Object> patch, WriteOptions options);
}
