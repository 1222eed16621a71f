package dev.asyncdb.engine;

import dev.asyncdb.engine.json.EpochMillis;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.Resource;
import dev.asyncdb.engine.runtime.Snapshot;
import dev.asyncdb.engine.runtime.WriteTransaction;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.sync.Seeds;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.TableVersion;
import dev.asyncdb.engine.validate.ValidationMode;
import dev.asyncdb.engine.validate.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A multi-resource transaction with snapshot isolation. It reads the snapshot it began with plus
 * its own staged changes; every write is checked by the same rules as the {@link Collection} and
 * {@link Document} APIs when it is staged, so errors surface at once. {@link #commit()} applies
 * everything in one {@code Database.write} — all or nothing, across resources — after checking
 * that no record it wrote was changed by a transaction that committed first (first committer wins;
 * the loser gets {@code DB_WRITE_CONFLICT}). Not thread-safe: one transaction belongs to one caller.
 */
public final class Transaction {
  private final AsyncDb db;
  private final Snapshot base;
  private final Map<String, StagedCollection> collections = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
  private final Map<String, Target> targets = new HashMap<>();
  private final List<Runnable> undo = new ArrayList<>();
  /** Config read once per transaction, not once per record. */
  private final boolean applyDefaults;
  private final String unknownFields;
  private boolean finished;

  /** A resolved resource and the write rules of the database it belongs to. */
  private record Target(Resource resource, Writes writes) {}

  private Transaction(AsyncDb db, Snapshot base) {
    this.db = db;
    this.base = base;
    this.applyDefaults = db.config().bool("defaults.applyOnCreate", true);
    this.unknownFields = db.config().unknownFields();
  }

  /** Begins a transaction on the latest committed state. */
  public static Transaction begin(AsyncDb db) {
    return new Transaction(db, db.database().snapshot());
  }

  /** Begins a transaction on a committed snapshot of this database the caller already read from. */
  public static Transaction begin(AsyncDb db, Snapshot snapshot) {
    return new Transaction(db, snapshot);
  }

  /** The committed state this transaction reads under its own changes. */
  public Snapshot snapshot() {
    return base;
  }

  public boolean hasChanges() {
    return !documents.isEmpty() || collections.values().stream().anyMatch(c -> !c.isEmpty());
  }

  /** This transaction's changes to a collection (by its exact name), or null when it has none. */
  public StagedCollection staged(String collection) {
    StagedCollection c = collections.get(collection);
    return c == null || c.isEmpty() ? null : c;
  }

  /** A document (by its exact name) as this transaction sees it. */
  public Map<String, Object> document(String name) {
    Map<String, Object> staged = documents.get(name);
    return staged != null ? staged : base.document(name);
  }

  /** The record with an id as this transaction sees it, or null. */
  public Map<String, Object> get(String collection, Object id) {
    StagedCollection c = collection(collection);
    return c.get(keySpec(c).keyOfArgument(id));
  }

  // ---- writes ----

  /**
   * Inserts a record: read-only fields refused, defaults applied, a counter id generated when the
   * id is missing, then validation, the duplicate-key check and unique checks. Append-only
   * collections accept it (it is their append). Returns the stored record (read-only).
   */
  public Map<String, Object> insert(String collection, Map<String, Object> input) {
    return stageInsert(collection, Json.deepCopy(input == null ? new LinkedHashMap<>() : input));
  }

  /**
   * {@link #insert}, taking the map itself instead of a copy: for callers that built a fresh,
   * mutable map of JSON values (SQL INSERT builds one per row) and never touch it again. Saves a
   * copy per row on bulk loads.
   */
  public Map<String, Object> insertOwned(String collection, Map<String, Object> record) {
    for (Map.Entry<String, Object> e : record.entrySet()) {
      if (e.getValue() instanceof Integer i) {
        e.setValue(Long.valueOf(i)); // the same normalisation deepCopy applies
      }
    }
    return stageInsert(collection, record);
  }

  /**
   * Inserts rows given column-wise — {@code fields} name the columns, each row holds one JSON value
   * per field (null leaves the field out) and the engine takes the arrays over — with exactly the
   * rules of {@link #insertOwned} per row, all rows or none. New keys of a plain collection are
   * staged column by column ({@link StagedCollection}), validated per field rather than per
   * record; rows that need more (generated ids, defaults, unique fields, a constraint a plain
   * check cannot decide) take the per-record path. Returns the stored records, read-only.
   *
   * @throws RowFailure naming the first refused row; nothing of the call stays staged
   */
  public List<Map<String, Object>> insertRows(String collection, List<String> fields, List<Object[]> rows) {
    Object[][] columns = new Object[fields.size()][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.get(i);
      if (row.length != columns.length) {
        throw new IllegalArgumentException("row " + (i + 1) + " has " + row.length + " values for " + columns.length + " fields " + fields);
      }
      for (int j = 0; j < columns.length; j++) {
        columns[j][i] = row[j];
      }
    }
    return insertColumns(collection, fields, columns, rows.size());
  }

  /**
   * {@link #insertRows} of {@code n} rows given column by column: {@code columns[j][i]} is row
   * {@code i}'s JSON value of {@code fields[j]} (null leaves the field out), or an {@link EpochMillis}
   * standing for its ISO-8601 text; the engine takes the arrays over. Rows of a plain collection whose values pass the plain per-field checks and whose
   * keys are new are checked and staged a column at a time ({@link StagedCollection#stageColumns});
   * anything else — a value the full validator must judge, a repeated key, generated ids — takes the
   * row-by-row path, which also names the first refused row.
   *
   * @throws RowFailure naming the first refused row; nothing of the call stays staged
   */
  public List<Map<String, Object>> insertColumns(String collection, List<String> fields, Object[][] columns, int n) {
    StagedCollection c = collection(collection);
    Target t = target(collection, ResourceKind.COLLECTION);
    Resource r = t.resource();
    t.writes().checkWritable(r);
    String[] names = fields.toArray(new String[0]);
    if (columns.length != names.length) {
      throw new IllegalArgumentException(columns.length + " columns for " + names.length + " fields " + fields);
    }
    int keyAt = n == 0 ? -1 : columnarKey(c, names);
    if (keyAt >= 0) {
      List<Map<String, Object>> staged = stageColumns(c, names, columns, n, keyAt);
      if (staged != null) {
        return staged;
      }
    }
    List<Object[]> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[names.length];
      for (int j = 0; j < row.length; j++) {
        Object v = columns[j][i];
        row[j] = v instanceof EpochMillis instant ? instant.toString() : v; // the row path takes JSON values only
      }
      rows.add(row);
    }
    return insertRowByRow(c, r, fields, names, rows);
  }

  /**
   * Stages rows column by column when every value passes its field's plain check and every key is
   * present and new (to the committed version, this transaction's keyed changes, its staged rows
   * and the other rows); else null, with nothing staged.
   */
  private List<Map<String, Object>> stageColumns(StagedCollection c, String[] names, Object[][] columns, int n, int keyAt) {
    ResourceSchema schema = c.resource().definition().schema();
    for (FieldDef f : schema.fields().values()) {
      if (f.required() && !Arrays.asList(names).contains(f.name())) {
        return null;
      }
    }
    for (int j = 0; j < names.length; j++) {
      Object[] column = columns[j];
      FieldDef f = schema.field(names[j]);
      // An instant given as a number is stored as its text: only a plain date-time field (not the key) takes the number itself.
      boolean instants = j != keyAt && f.type() == FieldType.DATETIME && f.pattern() == null;
      for (int i = 0; i < n; i++) {
        Object v = column[i];
        if (v instanceof Integer x) {
          column[i] = v = Long.valueOf(x); // the same normalisation insertOwned applies
        } else if (v instanceof EpochMillis t) {
          if (instants && t.isPlainText()) {
            continue;
          }
          column[i] = v = t.toString();
        }
        if (!plainlyValid(f, v)) {
          return null;
        }
      }
    }
    String[] keys = new String[n];
    Object[] keyColumn = columns[keyAt];
    TableVersion committed = c.base();
    boolean keyedChanges = !c.changes().isEmpty();
    for (int i = 0; i < n; i++) {
      String k = KeySpec.scalarKey(keyColumn[i]);
      if (k == null || keyedChanges && c.changes().containsKey(k) || committed.size() > 0 && committed.find(k) >= 0) {
        return null;
      }
      keys[i] = k;
    }
    StagedCollection.Bulk staged = c.stageColumns(names, columns, n, keys);
    if (staged == null) {
      return null;
    }
    undo.add(staged.undo());
    return staged.records();
  }

  /** {@link #insertColumns} row by row: rows the plain checks do not settle are validated in full. */
  private List<Map<String, Object>> insertRowByRow(StagedCollection c, Resource r, List<String> fields, String[] names, List<Object[]> rows) {
    String collection = c.name();
    String[] keys = rows.isEmpty() ? null : bulkKeys(c, names, rows);
    if (keys == null) {
      return insertEach(collection, names, rows);
    }
    ResourceSchema schema = r.definition().schema();
    FieldDef[] defs = new FieldDef[names.length];
    for (int i = 0; i < names.length; i++) {
      defs[i] = schema.field(names[i]);
    }
    boolean requiredAbsent = false;
    for (FieldDef f : schema.fields().values()) {
      requiredAbsent |= f.required() && !fields.contains(f.name());
    }
    for (int i = 0; i < keys.length; i++) {
      Object[] row = rows.get(i);
      try {
        if (requiredAbsent || !plainlyValid(defs, row)) {
          validate(r, record(names, row), ValidationMode.CREATE, keys[i]);
        }
        if (c.exists(keys[i])) {
          throw duplicate(r, keySpec(c), schema, keys[i]);
        }
      } catch (DbException e) {
        throw new RowFailure(i, e);
      }
    }
    StagedCollection.Bulk staged = c.stageBulk(names, rows, keys);
    undo.add(staged.undo());
    return staged.records();
  }

  /**
   * The position of the key among {@code names} when rows with these fields can be staged column
   * by column, else -1: a plain single-field key among them, declared fields only (none read-only
   * but the key), no repeated names, no unique fields, no defaults to apply.
   */
  private int columnarKey(StagedCollection c, String[] names) {
    ResourceSchema schema = c.resource().definition().schema();
    KeySpec key = keySpec(c);
    if (key.isCompound()) {
      return -1;
    }
    for (FieldDef f : schema.fields().values()) {
      if (f.unique() || applyDefaults && f.hasDefault()) {
        return -1;
      }
    }
    int keyAt = -1;
    for (int i = 0; i < names.length; i++) {
      FieldDef f = schema.field(names[i]);
      if (f == null || f.readOnly() && !schema.keyFields().contains(names[i])) {
        return -1;
      }
      if (names[i].equals(key.fields().get(0))) {
        keyAt = i;
      }
      for (int j = 0; j < i; j++) {
        if (names[j].equals(names[i])) {
          return -1;
        }
      }
    }
    return keyAt;
  }

  /**
   * The key string of every row when the rows can be staged column by column, else null: a plain
   * single-field key present in every row, unique within the rows and untouched by this
   * transaction's keyed changes, declared fields only (none read-only), no unique fields, no
   * defaults to apply.
   */
  private String[] bulkKeys(StagedCollection c, String[] names, List<Object[]> rows) {
    int keyAt = columnarKey(c, names);
    if (keyAt < 0) {
      return null;
    }
    String[] keys = new String[rows.size()];
    java.util.Set<String> seen = new java.util.HashSet<>(rows.size() * 2);
    for (int i = 0; i < keys.length; i++) {
      Object[] row = rows.get(i);
      if (row.length != names.length) {
        return null;
      }
      for (int j = 0; j < row.length; j++) {
        if (row[j] instanceof Integer n) {
          row[j] = Long.valueOf(n); // the same normalisation insertOwned applies
        }
      }
      String k = KeySpec.scalarKey(row[keyAt]);
      if (k == null || c.changes().containsKey(k) || !seen.add(k)) {
        // Generated ids, keys this transaction deleted and repeats take the per-record path (same order, same errors).
        return null;
      }
      keys[i] = k;
    }
    return keys;
  }

  /** Whether plain per-field checks accept a row; false means the full validator decides. */
  private static boolean plainlyValid(FieldDef[] defs, Object[] row) {
    for (int i = 0; i < defs.length; i++) {
      if (!plainlyValid(defs[i], row[i])) {
        return false;
      }
    }
    return true;
  }

  /** Whether a field's plain checks accept a value (null: the field left out); false means the full validator decides. */
  private static boolean plainlyValid(FieldDef f, Object v) {
    if (v == null) {
      return !f.required();
    }
    return switch (f.type()) {
      case STRING -> v instanceof String s && f.pattern() == null && lengthFits(f, s.length());
      case INTEGER -> v instanceof Long n && inRange(f, n);
      case NUMBER -> (v instanceof Double d && Double.isFinite(d) || v instanceof Long) && inRange(f, ((Number) v).doubleValue());
      case BOOLEAN -> v instanceof Boolean;
      case DATETIME -> v instanceof String s && f.pattern() == null && dev.asyncdb.engine.validate.IsoDates.isDateTime(s);
      case JSON -> true;
      default -> false;
    };
  }

  private static boolean lengthFits(FieldDef f, int length) {
    return (f.minLength() == null || length >= f.minLength()) && (f.maxLength() == null || length <= f.maxLength());
  }

  private static boolean inRange(FieldDef f, double d) {
    return (f.min() == null || d >= f.min()) && (f.max() == null || d <= f.max());
  }

  private static Map<String, Object> record(String[] names, Object[] row) {
    Map<String, Object> record = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (row[i] != null) {
        record.put(names[i], row[i]);
      }
    }
    return record;
  }

  /** {@link #insertRows} one record at a time through {@link #insertOwned}; a refused row undoes the rows before it. */
  private List<Map<String, Object>> insertEach(String collection, String[] names, List<Object[]> rows) {
    int savepoint = undo.size();
    List<Map<String, Object>> stored = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      try {
        stored.add(insertOwned(collection, record(names, rows.get(i))));
      } catch (DbException e) {
        rollbackTo(savepoint);
        throw new RowFailure(i, e);
      }
    }
    return stored;
  }

  private Map<String, Object> stageInsert(String collection, Map<String, Object> record) {
    StagedCollection c = collection(collection);
    Target t = target(collection, ResourceKind.COLLECTION);
    Resource r = t.resource();
    t.writes().checkWritable(r);
    ResourceSchema schema = r.definition().schema();
    Writes.reject(Validator.readOnlyFields(schema, record, null), r);
    if (applyDefaults) {
      Seeds.applyDefaults(schema.fields(), record);
    }
    KeySpec key = keySpec(c);
    if (!key.isCompound() && KeySpec.scalarKey(record.get(schema.idField())) == null) {
      record.remove(schema.idField());
      String next = c.nextId();
      // A numeric id field gets the counter as a number (SQL's INTEGER PRIMARY KEY); otherwise ids are strings, as in the original.
      FieldDef idDef = schema.field(schema.idField());
      boolean numeric = idDef != null && (idDef.type() == FieldType.INTEGER || idDef.type() == FieldType.NUMBER);
      record.put(schema.idField(), numeric ? (Object) Long.parseLong(next) : next);
    }
    String id = key.keyOf(record);
    validate(r, record, ValidationMode.CREATE, id);
    if (id == null) {
      throw new DbException("DB_KEY_REQUIRED", 400, "Records of " + r.name() + " need values for " + String.join(", ", key.fields()) + ".",
          "Provide every identity field; compound keys are never generated.", Map.of("resource", r.name(), "fields", key.fields()));
    }
    if (c.exists(id)) {
      throw duplicate(r, key, schema, id);
    }
    checkUnique(c, record, id);
    undo.add(c.put(id, record));
    return Collections.unmodifiableMap(record);
  }

  private static DbException duplicate(Resource r, KeySpec key, ResourceSchema schema, String id) {
    String what = key.isCompound() ? "key" : schema.idField();
    return new DbException("DB_CREATE_DUPLICATE_ID", 409, "Cannot create " + r.name() + " record " + id + ": a record with that " + what + " already exists.",
        "Use a different " + what + ", omit it to get a generated one, or update the existing record.",
        Map.of("resource", r.name(), "idField", String.join(",", key.fields()), "id", id));
  }

  /** Shallow-merges a patch into a record (its key cannot change); null when the record does not exist. */
  public Map<String, Object> patch(String collection, Object id, Map<String, Object> patch, WriteOptions options) {
    Map<String, Object> body = Json.deepCopy(patch == null ? Map.<String, Object>of() : patch);
    return update(collection, id, current -> {
      current.putAll(body);
      return current;
    }, options);
  }

  /**
   * Replaces a record by what {@code change} makes of a copy of it; key fields keep their stored
   * values. Fields the change sets to a new value must not be read-only. Validated as a full
   * record, then checked for unique values. Returns the new record, or null when none has the id.
   */
  public Map<String, Object> update(String collection, Object id, UnaryOperator<Map<String, Object>> change, WriteOptions options) {
    StagedCollection c = collection(collection);
    Target t = target(collection, ResourceKind.COLLECTION);
    Resource r = t.resource();
    t.writes().checkWritable(r);
    t.writes().refuseAppendOnly(r, "update");
    String key = keySpec(c).keyOfArgument(id);
    Map<String, Object> current = c.get(key);
    Writes.checkPrecondition(r, key, current, options);
    if (current == null) {
      return null;
    }
    Map<String, Object> next = change.apply(Json.deepCopy(current));
    Writes.reject(Validator.readOnlyFields(r.definition().schema(), changedFields(current, next), key), r);
    for (String f : keySpec(c).fields()) {
      if (current.containsKey(f)) {
        next.put(f, current.get(f));
      }
    }
    validate(r, next, ValidationMode.REPLACE, key);
    checkUnique(c, next, key);
    undo.add(c.put(key, next));
    return Json.deepCopy(next);
  }

  /** Deletes the record with an id; returns whether it existed. */
  public boolean delete(String collection, Object id, WriteOptions options) {
    StagedCollection c = collection(collection);
    Target t = target(collection, ResourceKind.COLLECTION);
    Resource r = t.resource();
    t.writes().checkWritable(r);
    t.writes().refuseAppendOnly(r, "delete");
    String key = keySpec(c).keyOfArgument(id);
    Map<String, Object> current = c.get(key);
    Writes.checkPrecondition(r, key, current, options);
    if (current == null) {
      return false;
    }
    undo.add(c.put(key, null));
    return true;
  }

  /** Replaces a document by what {@code change} makes of a copy of it, validated as a whole. */
  public Map<String, Object> updateDocument(String document, UnaryOperator<Map<String, Object>> change, WriteOptions options) {
    Target t = target(document, ResourceKind.DOCUMENT);
    Resource r = t.resource();
    t.writes().checkWritable(r);
    Map<String, Object> current = document(r.name());
    current = current == null ? Map.of() : current;
    Writes.checkPrecondition(r, null, current, options);
    Map<String, Object> next = change.apply(new LinkedHashMap<>(Json.deepCopy(current)));
    Writes.reject(Validator.readOnlyFields(r.definition().schema(), changedFields(current, next), null), r);
    validate(r, next, ValidationMode.REPLACE, null);
    boolean had = documents.containsKey(r.name());
    Map<String, Object> previous = documents.put(r.name(), next);
    undo.add(() -> {
      if (had) {
        documents.put(r.name(), previous);
      } else {
        documents.remove(r.name());
      }
    });
    return Json.deepCopy(next);
  }

  private void validate(Resource r, Map<String, Object> record, ValidationMode mode, String id) {
    Writes.reject(Validator.validate(r.definition().schema(), record, mode, unknownFields, id), r);
  }

  private static Map<String, Object> changedFields(Map<String, Object> before, Map<String, Object> after) {
    Map<String, Object> changed = new LinkedHashMap<>();
    after.forEach((k, v) -> {
      if (!before.containsKey(k) || !Json.same(before.get(k), v)) {
        changed.put(k, v);
      }
    });
    return changed;
  }

  private void checkUnique(StagedCollection c, Map<String, Object> record, String key) {
    for (FieldDef f : c.resource().definition().schema().fields().values()) {
      if (f.unique()) {
        String other = c.uniqueHolder(f, record.get(f.name()), key);
        if (other != null) {
          throw uniqueViolation(c.resource(), f, key, other, record.get(f.name()));
        }
      }
    }
  }

  private static DbException uniqueViolation(Resource r, FieldDef f, String key, String other, Object value) {
    return new DbException("DB_SCHEMA_VALIDATION_FAILED", 400,
        "Field \"" + f.name() + "\" of " + r.name() + " (record " + key + ") must be unique, but record " + other + " already has "
            + Json.write(value) + ".",
        "Choose a different \"" + f.name() + "\".",
        Map.of("resource", r.name(), "diagnostics", List.of(Map.of("code", "SCHEMA_UNIQUE_VALUE_DUPLICATE", "field", f.name(), "id", key,
            "existingId", other, "received", value))));
  }

  // ---- savepoints and the end ----

  /** A point to roll back to, e.g. the start of one SQL statement. */
  public int savepoint() {
    checkOpen();
    return undo.size();
  }

  /** Undoes every change staged after the savepoint; earlier ones stay. */
  public void rollbackTo(int savepoint) {
    checkOpen();
    for (int i = undo.size() - 1; i >= savepoint; i--) {
      undo.remove(i).run();
    }
  }

  /** Discards every staged change. */
  public void rollback() {
    finished = true;
    collections.clear();
    documents.clear();
    undo.clear();
  }

  /**
   * Applies every staged change in one database write, or none. Fails with
   * {@code DB_WRITE_CONFLICT} when a record or document it changed was changed by another
   * transaction after this one began, and with {@code DB_SCHEMA_VALIDATION_FAILED} when a
   * concurrent commit took a unique value it stages; either way nothing is applied.
   */
  public void commit() {
    commit(() -> { });
  }

  /**
   * {@link #commit()}, first running a check inside the database's write lock — where no other
   * commit can interleave — that may refuse the commit by throwing.
   */
  public void commit(Runnable check) {
    checkOpen();
    finished = true;
    if (!hasChanges()) {
      return;
    }
    db.database().write(tx -> {
      check.run();
      for (StagedCollection c : collections.values()) {
        if (!c.isEmpty()) {
          apply(tx, c);
        }
      }
      documents.forEach((name, value) -> {
        Resource r = targets.get(name).resource();
        if (tx.document(name) != base.document(name)) {
          throw conflict(r, null);
        }
        tx.putDocument(r, value);
      });
      return null;
    });
  }

  private void apply(WriteTransaction tx, StagedCollection c) {
    Resource r = c.resource();
    TableVersion head = tx.rows(r.name());
    if (head != c.base()) {
      // Another commit changed this collection since the transaction began: check our keys.
      for (String key : c.changes().keySet()) {
        if (head.find(key) != c.base().find(key)) {
          throw conflict(r, key);
        }
      }
      TableVersion bulk = c.bulk();
      for (int s = 0, end = bulk == null ? 0 : bulk.slotCount(); s < end; s++) {
        int row = bulk.rowAt(s);
        String key = row < 0 ? null : bulk.table().keyOf(row);
        if (key != null && head.find(key) >= 0) {
          throw conflict(r, key);
        }
      }
      recheckUnique(c, head);
    }
    c.changes().forEach((key, record) -> {
      TableVersion now = tx.rows(r.name());
      if (StagedCollection.isDeleted(record)) {
        for (int row : now.findAll(key)) {
          tx.delete(r, row);
        }
      } else {
        int row = now.find(key);
        if (row < 0) {
          tx.insert(r, record);
        } else {
          tx.replace(r, row, record);
        }
      }
    });
    if (c.bulk() != null) {
      tx.insertAll(r, c.bulk());
    }
    long counter = c.counterAfterCommit();
    if (counter > r.nextCounterId()) {
      r.nextCounterId(counter);
    }
  }

  /** Unique values this transaction stages must still be free in the latest state. */
  private static void recheckUnique(StagedCollection c, TableVersion head) {
    Resource r = c.resource();
    for (FieldDef f : r.definition().schema().fields().values()) {
      if (!f.unique() || head.table().column(f.name()) == null) {
        continue;
      }
      Map<String, String> holders = new HashMap<>();
      var column = head.table().column(f.name());
      for (int s = 0, end = head.slotCount(); s < end; s++) {
        int row = head.rowAt(s);
        Object v = row < 0 ? null : column.get(row);
        if (v != null && !"".equals(v)) {
          holders.putIfAbsent(Json.canonical(v), head.table().keyOf(row));
        }
      }
      c.changes().forEach((key, record) -> {
        if (!StagedCollection.isDeleted(record)) {
          Object v = record.get(f.name());
          String other = v == null || "".equals(v) ? null : holders.get(Json.canonical(v));
          if (other != null && !c.changes().containsKey(other)) {
            throw uniqueViolation(r, f, key, other, v);
          }
        }
      });
    }
  }

  private DbException conflict(Resource r, String key) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("resource", r.name());
    if (key != null) {
      details.put("id", key);
    }
    details.put("snapshotVersion", base.version());
    return new DbException("DB_WRITE_CONFLICT", 409,
        "Write conflict on " + r.name() + (key == null ? "" : " record " + key) + ": another transaction changed it after this one began"
            + " (snapshot " + base.version() + "); nothing was applied.",
        "Retry the transaction: read the current values again and reapply the change.", details);
  }

  // ---- resolution ----

  private StagedCollection collection(String name) {
    checkOpen();
    Resource r = target(name, ResourceKind.COLLECTION).resource();
    return collections.computeIfAbsent(r.name(), n -> new StagedCollection(r, base.rows(n)));
  }

  private Target target(String name, ResourceKind kind) {
    Target t = targets.get(name);
    if (t == null) {
      if (kind == ResourceKind.COLLECTION) {
        Collection c = db.collection(name);
        t = new Target(c.resource(), c.writes());
      } else {
        Document d = db.document(name);
        t = new Target(d.resource(), d.writes());
      }
      targets.put(name, t);
      targets.put(t.resource().name(), t);
    }
    if (t.resource().definition().kind() != kind) {
      db.database().resolve(name, kind);
    }
    return t;
  }

  private static KeySpec keySpec(StagedCollection c) {
    return Objects.requireNonNull(c.base().table().keySpec(), "key of " + c.name());
  }

  private void checkOpen() {
    if (finished) {
      throw new DbException("DB_TRANSACTION_FINISHED", 400, "This transaction has already been committed or rolled back.",
          "Begin a new transaction.", Map.of());
    }
  }
}
