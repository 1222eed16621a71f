package dev.asyncdb.server.rest;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.WriteOptions;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.List;
import java.util.Map;

/** {@link DataAccess} straight on the engine: every write is its own durable operation, as in the original. */
final class EngineAccess implements DataAccess {
  private final AsyncDb db;

  EngineAccess(AsyncDb db) {
    this.db = db;
  }

  @Override
  public ResourceSchema schema(String name) {
    return db.schema(name);
  }

  @Override
  public List<Map<String, Object>> list(String collection) {
    return db.collection(collection).all();
  }

  @Override
  public Map<String, Object> get(String collection, Object id) {
    return db.collection(collection).get(id);
  }

  @Override
  public Map<String, Object> create(String collection, Map<String, Object> record) {
    return db.collection(collection).create(record);
  }

  @Override
  public Map<String, Object> patch(String collection, Object id, Map<String, Object> patch, WriteOptions options) {
    return db.collection(collection).patch(id, patch, options);
  }

  @Override
  public boolean delete(String collection, Object id, WriteOptions options) {
    return db.collection(collection).delete(id, options);
  }

  @Override
  public Map<String, Object> document(String name) {
    return db.document(name).get();
  }

  @Override
  public Map<String, Object> putDocument(String name, Map<String, Object> value, WriteOptions options) {
    return db.document(name).put(value, options);
  }

  @Override
  public Map<String, Object> patchDocument(String name, Map<String, Object> patch, WriteOptions options) {
    return db.document(name).update(patch, options);
  }
}
