package dev.asyncdb.engine;

import dev.asyncdb.engine.config.DbConfig;
import dev.asyncdb.engine.json.Etags;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.Database;
import dev.asyncdb.engine.runtime.Resource;
import dev.asyncdb.engine.runtime.Values;
import dev.asyncdb.engine.runtime.WriteTransaction;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.store.SourceFileStore;
import dev.asyncdb.engine.sync.Seeds;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.TableVersion;
import dev.asyncdb.engine.validate.ValidationMode;
import dev.asyncdb.engine.validate.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The write rules shared by collections and documents: store writability, write policy,
 * preconditions, defaults, generated ids, validation, uniqueness — checked in that order, all
 * before anything changes.
 */
final class Writes {
  private static final Pattern POSITIVE_INT = Pattern.compile("[1-9]\\d{0,17}");

  private final Database db;
  private final DbConfig config;
  private final boolean readOnly;

  Writes(Database db, DbConfig config, boolean readOnly) {
    this.db = db;
    this.config = config;
    this.readOnly = readOnly;
  }

  void checkWritable(Resource r) {
    if (readOnly) {
      throw new DbException("DB_READ_ONLY", 405, "The database was opened read-only; cannot write to " + r.name() + ".",
          "Open it without the read-only option to write.", Map.of("resource", r.name()));
    }
    if (!r.store().writable(r.definition())) {
      throw new DbException("STORE_RESOURCE_READ_ONLY", 405, "Resource " + r.name() + " is bound to the read-only " + r.store().driver() + " store.",
          "Bind it to a writable store (json, memory, sourceFile) in db.config.json to change it.", Map.of("resource", r.name(), "store", r.store().driver()));
    }
    if (r.store() instanceof SourceFileStore) {
      SourceFileStore.requireWritableSource(r.definition());
    }
  }

  void refuseAppendOnly(Resource r, String operation) {
    if (r.definition().schema().appendOnly()) {
      throw new DbException("DB_APPEND_ONLY", 405, "Resource " + r.name() + " is append-only; " + operation + " is not allowed.",
          "Use append(record) to add records; existing records cannot change.", Map.of("resource", r.name(), "operation", operation));
    }
  }

  static void checkPrecondition(Resource r, String id, Object current, WriteOptions options) {
    String expected = options == null ? null : options.ifMatch();
    if (expected == null) {
      return;
    }
    if (current == null) {
      throw new DbException("DB_PRECONDITION_FAILED", 412,
          "Precondition failed: " + r.name() + (id == null ? "" : " record " + id) + " does not exist, so it cannot match If-Match " + expected + ".",
          "Read the record again and retry without a stale ETag.", detailsOf(r, id, expected, null));
    }
    if ("*".equals(expected)) {
      return;
    }
    String actual = Etags.of(current);
    if (!actual.equals(expected) && !actual.equals("\"" + expected + "\"")) {
      throw new DbException("DB_PRECONDITION_FAILED", 412,
          "Precondition failed: " + r.name() + (id == null ? "" : " record " + id) + " has changed (ETag " + actual + ", expected " + expected + ").",
          "Read the current value, reapply your change and send its new ETag.", detailsOf(r, id, expected, actual));
    }
  }

  private static Map<String, Object> detailsOf(Resource r, String id, String expected, String actual) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("resource", r.name());
    if (id != null) {
      d.put("id", id);
    }
    d.put("ifMatch", expected);
    if (actual != null) {
      d.put("etag", actual);
    }
    return d;
  }

  /** Creates a record; returns the stored record. */
  Map<String, Object> create(Resource r, Map<String, Object> input) {
    checkWritable(r);
    ResourceSchema schema = r.definition().schema();
    return db.write(tx -> {
      Map<String, Object> record = Json.deepCopy(input == null ? new LinkedHashMap<>() : input);
      reject(Validator.readOnlyFields(schema, record, null), r);
      if (config.bool("defaults.applyOnCreate", true)) {
        Seeds.applyDefaults(schema.fields(), record);
      }
      TableVersion head = tx.rows(r.name());
      KeySpec key = head.table().keySpec();
      if (!key.isCompound() && KeySpec.scalarKey(record.get(schema.idField())) == null) {
        record.remove(schema.idField());
        record.put(schema.idField(), nextId(r, head));
      }
      String id = key.keyOf(record);
      validate(r, record, ValidationMode.CREATE, id);
      if (id == null) {
        throw new DbException("DB_KEY_REQUIRED", 400, "Records of " + r.name() + " need values for " + String.join(", ", key.fields()) + ".",
            "Provide every identity field; compound keys are never generated.", Map.of("resource", r.name(), "fields", key.fields()));
      }
      if (head.find(id) >= 0) {
        throw new DbException("DB_CREATE_DUPLICATE_ID", 409, "Cannot create " + r.name() + " record " + id + ": a record with that "
            + (key.isCompound() ? "key" : schema.idField()) + " already exists.",
            "Use a different " + (key.isCompound() ? "key" : schema.idField()) + ", omit it to get a generated one, or patch the existing record.",
            Map.of("resource", r.name(), "idField", String.join(",", key.fields()), "id", id));
      }
      checkUnique(r, head, record, -1);
      tx.insert(r, record);
      return Json.deepCopy(record);
    });
  }

  /** Shallow-merges a patch into a record; null when the record does not exist. */
  Map<String, Object> patch(Resource r, Object id, Map<String, Object> patch, WriteOptions options) {
    checkWritable(r);
    ResourceSchema schema = r.definition().schema();
    return db.write(tx -> {
      TableVersion head = tx.rows(r.name());
      String key = head.table().keySpec().keyOfArgument(id);
      int row = head.find(key);
      Map<String, Object> current = row < 0 ? null : head.record(row);
      checkPrecondition(r, key, current, options);
      if (current == null) {
        return null;
      }
      Map<String, Object> body = Json.deepCopy(patch == null ? Map.of() : patch);
      reject(Validator.readOnlyFields(schema, body, key), r);
      Map<String, Object> next = new LinkedHashMap<>(current);
      next.putAll(body);
      for (String f : head.table().keySpec().fields()) {
        if (current.containsKey(f)) {
          next.put(f, current.get(f));
        }
      }
      validate(r, next, ValidationMode.REPLACE, key);
      checkUnique(r, head, next, row);
      tx.replace(r, row, next);
      return Json.deepCopy(next);
    });
  }

  boolean delete(Resource r, Object id, WriteOptions options) {
    checkWritable(r);
    return db.write(tx -> {
      TableVersion head = tx.rows(r.name());
      String key = head.table().keySpec().keyOfArgument(id);
      List<Integer> rows = head.findAll(key);
      checkPrecondition(r, key, rows.isEmpty() ? null : head.record(rows.get(0)), options);
      for (int row : rows) {
        tx.delete(r, row);
      }
      return !rows.isEmpty();
    });
  }

  Map<String, Object> document(Resource r, WriteOptions options, UnaryOperator<Map<String, Object>> change, ValidationMode mode) {
    checkWritable(r);
    ResourceSchema schema = r.definition().schema();
    return db.write(tx -> {
      Map<String, Object> current = tx.document(r.name());
      checkPrecondition(r, null, current == null ? Map.of() : current, options);
      Map<String, Object> next = change.apply(current == null ? Map.of() : current);
      validate(r, next, mode, null);
      tx.putDocument(r, next);
      return Json.deepCopy(next);
    });
  }

  private void validate(Resource r, Map<String, Object> record, ValidationMode mode, String id) {
    reject(Validator.validate(r.definition().schema(), record, mode, config.unknownFields(), id), r);
  }

  static void reject(List<Diagnostic> diagnostics, Resource r) {
    List<Diagnostic> errors = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      if (d.isError()) {
        errors.add(d);
      }
    }
    if (!errors.isEmpty()) {
      Diagnostic first = errors.get(0);
      List<Object> all = new ArrayList<>();
      errors.forEach(d -> all.add(d.toMap()));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("resource", r.name());
      details.put("diagnostics", all);
      throw new DbException("DB_SCHEMA_VALIDATION_FAILED", 400, first.message() + (errors.size() > 1 ? " (" + (errors.size() - 1) + " more problem(s) in details)" : ""),
          first.hint(), details);
    }
  }

  /** Fields declared unique must not repeat (null, missing and empty values are exempt). */
  private static void checkUnique(Resource r, TableVersion head, Map<String, Object> record, int replacing) {
    for (FieldDef f : r.definition().schema().fields().values()) {
      if (!f.unique()) {
        continue;
      }
      Object v = record.get(f.name());
      if (v == null || "".equals(v)) {
        continue;
      }
      Column c = head.table().column(f.name());
      if (c == null) {
        continue;
      }
      for (int s = 0, end = head.slotCount(); s < end; s++) {
        int row = head.rowAt(s);
        if (row >= 0 && row != replacing && Values.equal(c.get(row), v) && Json.same(c.get(row), v)) {
          String other = head.table().keyOf(row);
          throw new DbException("DB_SCHEMA_VALIDATION_FAILED", 400,
              "Field \"" + f.name() + "\" of " + r.name() + " must be unique, but record " + other + " already has " + Json.write(v) + ".",
              "Choose a different \"" + f.name() + "\".",
              Map.of("resource", r.name(), "diagnostics", List.of(Map.of("code", "SCHEMA_UNIQUE_VALUE_DUPLICATE", "field", f.name(), "id", String.valueOf(other)))));
        }
      }
    }
  }

  /**
   * Next counter id: one past the largest integer-looking id, or the record count + 1, skipping
   * taken ids. The maximum is cached per resource so a create does not scan the collection.
   */
  private static String nextId(Resource r, TableVersion head) {
    long next = r.definition().schema().idField() == null ? 1 : cachedNext(r, head);
    next = Math.max(next, head.size() + 1L);
    while (head.find(Long.toString(next)) >= 0) {
      next++;
    }
    r.nextCounterId(next + 1);
    return Long.toString(next);
  }

  private static long cachedNext(Resource r, TableVersion head) {
    long cached = r.nextCounterId();
    if (cached >= 0) {
      return cached;
    }
    long max = 0;
    Column c = head.table().column(r.definition().schema().idField());
    for (int s = 0, end = head.slotCount(); c != null && s < end; s++) {
      int row = head.rowAt(s);
      if (row >= 0) {
        String k = KeySpec.scalarKey(c.get(row));
        if (k != null && POSITIVE_INT.matcher(k).matches()) {
          max = Math.max(max, Long.parseLong(k));
        }
      }
    }
    return max + 1;
  }
}
