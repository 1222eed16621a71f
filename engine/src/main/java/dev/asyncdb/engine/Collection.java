package dev.asyncdb.engine;

import dev.asyncdb.engine.json.Etags;
import dev.asyncdb.engine.runtime.Database;
import dev.asyncdb.engine.runtime.DeferredRows;
import dev.asyncdb.engine.runtime.QueryEvaluator;
import dev.asyncdb.engine.runtime.Resource;
import dev.asyncdb.engine.runtime.Snapshot;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A collection resource. Reads see the latest committed state without locking; every write is
 * validated against the schema and durable in the resource's store when the method returns.
 * Records are plain insertion-ordered maps; returned maps are copies.
 *
 * <p>A table mapped by a SQL store is not read when the project opens: {@link #get}, {@link #exists}
 * and {@link #count()} ask its database until a use that needs every record (the other reads, any
 * write) has read the table into memory, once.
 */
public final class Collection {
  private final Database db;
  private final Resource resource;
  private final Writes writes;

  Collection(Database db, Resource resource, Writes writes) {
    this.db = db;
    this.resource = resource;
    this.writes = writes;
  }

  public String name() {
    return resource.name();
  }

  /** The resource and its write rules, for {@link Transaction}. */
  Resource resource() {
    return resource;
  }

  Writes writes() {
    return writes;
  }

  private TableVersion rows() {
    return db.snapshot().rows(resource.name());
  }

  /** All records in insertion order. */
  public List<Map<String, Object>> all() {
    TableVersion v = rows();
    List<Map<String, Object>> out = new ArrayList<>(v.size());
    for (int s = 0, end = v.slotCount(); s < end; s++) {
      int row = v.rowAt(s);
      if (row >= 0) {
        out.add(v.record(row));
      }
    }
    return out;
  }

  /**
   * The record with an id (compared by string form, so {@code 1} finds {@code "1"}), or null. For
   * compound identities pass a map of the identity fields.
   */
  public Map<String, Object> get(Object id) {
    Snapshot s = db.snapshot();
    DeferredRows inDatabase = s.deferred(resource.name());
    if (inDatabase != null) {
      // A mapped table whose rows are not in memory: one row is asked of its database.
      return inDatabase.find(inDatabase.keySpec().keyOfArgument(id));
    }
    TableVersion v = s.rows(resource.name());
    int row = v.find(v.table().keySpec().keyOfArgument(id));
    return row < 0 ? null : v.record(row);
  }

  public boolean exists(Object id) {
    Snapshot s = db.snapshot();
    DeferredRows inDatabase = s.deferred(resource.name());
    if (inDatabase != null) {
      return inDatabase.find(inDatabase.keySpec().keyOfArgument(id)) != null;
    }
    TableVersion v = s.rows(resource.name());
    return v.find(v.table().keySpec().keyOfArgument(id)) >= 0;
  }

  /** The strong ETag of a record, or null when it does not exist. */
  public String etag(Object id) {
    Map<String, Object> record = get(id);
    return record == null ? null : Etags.of(record);
  }

  public List<Map<String, Object>> find(Query query) {
    TableVersion v = rows();
    int[] hits = QueryEvaluator.find(resource.definition().schema(), v, query);
    List<Map<String, Object>> out = new ArrayList<>(hits.length);
    for (int row : hits) {
      out.add(v.record(row));
    }
    return out;
  }

  /** find() with the original's option object: {@code {where, orderBy, limit, offset}}. */
  public List<Map<String, Object>> find(Map<String, Object> options) {
    return find(Query.fromMap(options));
  }

  public long count() {
    Snapshot s = db.snapshot();
    DeferredRows inDatabase = s.deferred(resource.name());
    return inDatabase != null ? inDatabase.count() : s.rows(resource.name()).size();
  }

  public long count(Query query) {
    if (query.conditions().isEmpty()) {
      return count();
    }
    return QueryEvaluator.filter(resource.definition().schema(), rows(), query).length;
  }

  public List<Map<String, Object>> aggregate(Aggregation aggregation) {
    return QueryEvaluator.aggregate(resource.definition().schema(), rows(), aggregation);
  }

  public List<Map<String, Object>> aggregate(Map<String, Object> options) {
    return aggregate(Aggregation.fromMap(options));
  }

  /** Inserts a record (defaults applied, id generated when missing); returns the stored record. */
  public Map<String, Object> create(Map<String, Object> record) {
    writes.refuseAppendOnly(resource, "create");
    return writes.create(resource, record);
  }

  /** Inserts a record into an append-only (or any) collection; existing records never change. */
  public Map<String, Object> append(Map<String, Object> record) {
    return writes.create(resource, record);
  }

  /** Shallow-merges a patch (the id cannot change); returns the merged record, or null when absent. */
  public Map<String, Object> patch(Object id, Map<String, Object> patch) {
    return patch(id, patch, WriteOptions.NONE);
  }

  public Map<String, Object> patch(Object id, Map<String, Object> patch, WriteOptions options) {
    writes.refuseAppendOnly(resource, "patch");
    return writes.patch(resource, id, patch, options);
  }

  /** Same as {@link #patch}, as in the original. */
  public Map<String, Object> update(Object id, Map<String, Object> patch) {
    return update(id, patch, WriteOptions.NONE);
  }

  public Map<String, Object> update(Object id, Map<String, Object> patch, WriteOptions options) {
    writes.refuseAppendOnly(resource, "update");
    return writes.patch(resource, id, patch, options);
  }

  /** Deletes every record with the id; returns whether one existed. */
  public boolean delete(Object id) {
    return delete(id, WriteOptions.NONE);
  }

  public boolean delete(Object id, WriteOptions options) {
    writes.refuseAppendOnly(resource, "delete");
    return writes.delete(resource, id, options);
  }
}
