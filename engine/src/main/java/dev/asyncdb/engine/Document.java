package dev.asyncdb.engine;

import dev.asyncdb.engine.json.Etags;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.Database;
import dev.asyncdb.engine.runtime.DocumentPath;
import dev.asyncdb.engine.runtime.Resource;
import dev.asyncdb.engine.validate.ValidationMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A singleton document resource: read whole or by path, replace, merge or set a nested value. */
public final class Document {
  private final Database db;
  private final Resource resource;
  private final Writes writes;

  Document(Database db, Resource resource, Writes writes) {
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

  /** The whole document (a copy). */
  public Map<String, Object> get() {
    return Json.deepCopy(current());
  }

  /** The value at a JSON Pointer, segment list or top-level name; null when missing. */
  public Object get(Object path) {
    return Json.deepCopy(DocumentPath.get(current(), DocumentPath.parse(path)));
  }

  public String etag() {
    return Etags.of(current());
  }

  private Map<String, Object> current() {
    Map<String, Object> d = db.snapshot().document(resource.name());
    return d == null ? Map.of() : d;
  }

  /** Replaces the whole document after validation. */
  public Map<String, Object> put(Map<String, Object> value) {
    return put(value, WriteOptions.NONE);
  }

  public Map<String, Object> put(Map<String, Object> value, WriteOptions options) {
    return writes.document(resource, options, current -> Json.deepCopy(value), ValidationMode.REPLACE);
  }

  /** Shallow top-level merge. */
  public Map<String, Object> update(Map<String, Object> patch) {
    return update(patch, WriteOptions.NONE);
  }

  public Map<String, Object> update(Map<String, Object> patch, WriteOptions options) {
    return writes.document(resource, options, current -> {
      Map<String, Object> next = new LinkedHashMap<>(Json.deepCopy(current));
      next.putAll(Json.deepCopy(patch));
      return next;
    }, ValidationMode.REPLACE);
  }

  /** Sets a nested value (creating intermediate objects) and returns the value now at that path. */
  public Object set(Object path, Object value) {
    return set(path, value, WriteOptions.NONE);
  }

  public Object set(Object path, Object value, WriteOptions options) {
    List<String> segments = DocumentPath.parse(path);
    if (segments.isEmpty()) {
      throw new DbException("DB_DOCUMENT_SET_ROOT", 400, "Cannot set the root of document " + resource.name() + " with set().",
          "Use put(value) to replace the whole document.", Map.of("resource", resource.name()));
    }
    Map<String, Object> doc = writes.document(resource, options, current -> {
      Map<String, Object> next = Json.deepCopy(current);
      DocumentPath.set(next, segments, Json.deepCopy(value));
      return next;
    }, ValidationMode.REPLACE);
    return DocumentPath.get(doc, segments);
  }
}
