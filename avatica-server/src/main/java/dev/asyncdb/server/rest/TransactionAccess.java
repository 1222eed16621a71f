package dev.asyncdb.server.rest;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.StagedCollection;
import dev.asyncdb.engine.Transaction;
import dev.asyncdb.engine.WriteOptions;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link DataAccess} inside one {@link Transaction}: an atomic batch reads its own staged writes and commits them together. */
final class TransactionAccess implements DataAccess {
  private final AsyncDb db;
  private final Transaction tx;

  TransactionAccess(AsyncDb db, Transaction tx) {
    this.db = db;
    this.tx = tx;
  }

  @Override
  public ResourceSchema schema(String name) {
    return db.schema(name);
  }

  @Override
  public List<Map<String, Object>> list(String collection) {
    String name = db.schema(collection).name();
    StagedCollection staged = tx.staged(name);
    TableVersion base = staged == null ? tx.snapshot().rows(name) : staged.base();
    List<Map<String, Object>> out = new ArrayList<>();
    for (int s = 0, end = base.slotCount(); s < end; s++) {
      int row = base.rowAt(s);
      if (row < 0) {
        continue;
      }
      if (staged != null && staged.replaces(row)) {
        Map<String, Object> now = staged.replacement(row);
        if (now != null) {
          out.add(Json.deepCopy(now));
        }
      } else {
        out.add(base.record(row));
      }
    }
    if (staged != null) {
      staged.inserted().forEach(r -> out.add(Json.deepCopy(r)));
    }
    return out;
  }

  @Override
  public Map<String, Object> get(String collection, Object id) {
    Map<String, Object> r = tx.get(db.schema(collection).name(), id);
    return r == null ? null : Json.deepCopy(r);
  }

  @Override
  public Map<String, Object> create(String collection, Map<String, Object> record) {
    return Json.deepCopy(tx.insert(db.schema(collection).name(), record));
  }

  @Override
  public Map<String, Object> patch(String collection, Object id, Map<String, Object> patch, WriteOptions options) {
    Map<String, Object> r = tx.patch(db.schema(collection).name(), id, patch, options);
    return r == null ? null : Json.deepCopy(r);
  }

  @Override
  public boolean delete(String collection, Object id, WriteOptions options) {
    return tx.delete(db.schema(collection).name(), id, options);
  }

  @Override
  public Map<String, Object> document(String name) {
    Map<String, Object> d = tx.document(db.schema(name).name());
    return d == null ? new LinkedHashMap<>() : Json.deepCopy(d);
  }

  @Override
  public Map<String, Object> putDocument(String name, Map<String, Object> value, WriteOptions options) {
    return tx.updateDocument(db.schema(name).name(), current -> Json.deepCopy(value), options);
  }

  @Override
  public Map<String, Object> patchDocument(String name, Map<String, Object> patch, WriteOptions options) {
    return tx.updateDocument(db.schema(name).name(), current -> {
      current.putAll(Json.deepCopy(patch));
      return current;
    }, options);
  }
}
