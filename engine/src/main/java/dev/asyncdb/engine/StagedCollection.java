package dev.asyncdb.engine;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.Resource;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.RowRecord;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link Transaction} changed in one collection, over the version it began from: the final
 * state of every key it touched (a record, or deleted), in first-touch order. Reads through it see
 * the transaction's own writes; the committed rows are never touched until commit.
 *
 * <p>Batched inserts of new keys are staged column by column in a private table (the bulk tail,
 * after every keyed change in order) instead of a map per record: a 100k-row load keeps a few
 * large arrays alive instead of millions of small objects, and commit appends whole columns. Any
 * other write to the collection first moves the tail into the keyed changes, so order is kept.
 */
public final class StagedCollection {
  /** Marks a deleted key; compared by identity. */
  private static final Map<String, Object> DELETED = Collections.unmodifiableMap(new LinkedHashMap<>());
  private static final Pattern POSITIVE_INT = Pattern.compile("[1-9]\\d{0,17}");

  private final Resource resource;
  private final TableVersion base;
  private final LinkedHashMap<String, Map<String, Object>> changes = new LinkedHashMap<>();
  /** Per unique field: canonical value to the keys holding it; built on first use, then kept current. */
  private Map<String, Map<String, Set<String>>> unique;
  /** Base rows the transaction replaced or deleted, for scans; rebuilt when a new key is touched. */
  private Map<Integer, String> touchedRows;
  private int sizeDelta;
  private long nextId = -1;
  /** The bulk tail: staged inserts of keys new to base and to {@link #changes}, or null. */
  private RecordTable bulkTable;
  private TableVersion bulk;

  StagedCollection(Resource resource, TableVersion base) {
    this.resource = resource;
    this.base = base;
  }

  public String name() {
    return resource.name();
  }

  Resource resource() {
    return resource;
  }

  /** The committed version the transaction reads under its own changes. */
  public TableVersion base() {
    return base;
  }

  public boolean isEmpty() {
    return changes.isEmpty() && bulkSize() == 0;
  }

  /** Number of records the transaction sees. */
  public int size() {
    return base.size() + sizeDelta + bulkSize();
  }

  private int bulkSize() {
    return bulk == null ? 0 : bulk.size();
  }

  public boolean exists(String key) {
    if (key == null) {
      return false;
    }
    Map<String, Object> staged = changes.get(key);
    if (staged != null) {
      return staged != DELETED;
    }
    return bulk != null && bulk.find(key) >= 0 || base.find(key) >= 0;
  }

  /** The record with a key as the transaction sees it, or null. The map must not be changed. */
  public Map<String, Object> get(String key) {
    if (key == null) {
      return null;
    }
    Map<String, Object> staged = changes.get(key);
    if (staged != null) {
      return staged == DELETED ? null : staged;
    }
    int bulkRow = bulk == null ? -1 : bulk.find(key);
    if (bulkRow >= 0) {
      return bulk.record(bulkRow);
    }
    int row = base.find(key);
    return row < 0 ? null : base.record(row);
  }

  /** Whether the transaction replaced or deleted the record of a base row. */
  public boolean replaces(int baseRow) {
    return !changes.isEmpty() && touchedRows().containsKey(baseRow);
  }

  /** The record replacing a base row, or null when the transaction deleted it. */
  public Map<String, Object> replacement(int baseRow) {
    Map<String, Object> staged = changes.get(touchedRows().get(baseRow));
    return staged == DELETED ? null : staged;
  }

  /** Records whose keys are new to the base version, in insertion order. */
  public List<Map<String, Object>> inserted() {
    List<Map<String, Object>> out = new ArrayList<>();
    changes.forEach((key, value) -> {
      if (value != DELETED && base.find(key) < 0) {
        out.add(value);
      }
    });
    forEachBulkRow(row -> out.add(new RowRecord(bulkTable, row)));
    return out;
  }

  /**
   * Every key the transaction touched, in first-touch order: its committed record (null when the
   * key is new) and the transaction's record (null when deleted). For stores that replay a
   * transaction's view elsewhere (SQL pushdown).
   */
  public List<Map.Entry<Map<String, Object>, Map<String, Object>>> touched() {
    List<Map.Entry<Map<String, Object>, Map<String, Object>>> out = new ArrayList<>();
    changes.forEach((key, value) -> {
      int row = base.find(key);
      out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(row < 0 ? null : base.record(row), value == DELETED ? null : value));
    });
    forEachBulkRow(row -> out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(null, new RowRecord(bulkTable, row))));
    return out;
  }

  private Map<Integer, String> touchedRows() {
    if (touchedRows == null) {
      Map<Integer, String> rows = new HashMap<>();
      for (String key : changes.keySet()) {
        for (int row : base.findAll(key)) {
          rows.put(row, key);
        }
      }
      touchedRows = rows;
    }
    return touchedRows;
  }

  Map<String, Map<String, Object>> changes() {
    return changes;
  }

  /** The staged inserts of the bulk tail (applied after {@link #changes}), or null when there are none. */
  TableVersion bulk() {
    return bulkSize() == 0 ? null : bulk;
  }

  private void forEachBulkRow(java.util.function.IntConsumer action) {
    for (int s = 0, end = bulk == null ? 0 : bulk.slotCount(); s < end; s++) {
      int row = bulk.rowAt(s);
      if (row >= 0) {
        action.accept(row);
      }
    }
  }

  /** The bulk tail's columns of {@code fields}, its staging table made on first use. */
  private Column[] bulkColumns(String[] fields) {
    if (bulkTable == null) {
      bulkTable = new RecordTable(base.table().keySpec());
      bulk = bulkTable.emptyVersion();
    }
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      columns[i] = bulkTable.columnFor(fields[i]);
    }
    return columns;
  }

  /**
   * Stages inserts column by column in the bulk tail: {@code fields} are the columns, each row's
   * values are JSON values (null leaves the field out) and {@code keys} their key strings, checked
   * by the caller to be new to this collection and to the batch.
   */
  Bulk stageBulk(String[] fields, List<Object[]> rows, String[] keys) {
    Column[] columns = bulkColumns(fields);
    RecordTable table = bulkTable;
    TableVersion before = bulk;
    int first = table.physicalRows();
    TableVersion v = before;
    for (int i = 0; i < keys.length; i++) {
      v = table.insert(v, columns, rows.get(i), keys[i]);
    }
    bulk = v;
    int end = table.physicalRows();
    return new Bulk(new RowRecord.Range(table, first, end), undoBulk(table, before, first, end));
  }

  /**
   * {@link #stageBulk} of rows given column by column ({@code values[j][i]}: row {@code i}'s value of
   * {@code fields[j]}), appended in one write to the staging table ({@link RecordTable#appendColumns}).
   * The keys must be new to the base version and to the keyed changes; null, with nothing staged,
   * when one is already staged in the bulk tail or repeats within the rows.
   */
  Bulk stageColumns(String[] fields, Object[][] values, int n, String[] keys) {
    Column[] columns = bulkColumns(fields);
    RecordTable table = bulkTable;
    TableVersion before = bulk;
    int first = table.physicalRows();
    TableVersion v = table.appendColumns(before, columns, values, n, keys);
    if (v == null) {
      return null;
    }
    bulk = v;
    return new Bulk(new RowRecord.Range(table, first, first + n), undoBulk(table, before, first, first + n));
  }

  /** What takes a batch of the bulk tail (physical rows {@code first .. end - 1} of {@code table}) back out. */
  private Runnable undoBulk(RecordTable table, TableVersion before, int first, int end) {
    return () -> {
      if (bulkTable == table) {
        bulk = before;
      } else {
        // The tail was moved into the keyed changes since: unstage this batch's keys there.
        for (int row = first; row < end; row++) {
          String key = table.keyOf(row);
          apply(key, changes.get(key), null);
        }
      }
    };
  }

  /** Rows staged by {@link #stageBulk}: their records (read from the staging table when read) and what undoes them. */
  record Bulk(List<Map<String, Object>> records, Runnable undo) {}

  /** Moves the bulk tail into the keyed changes (in order), before any other write changes them. */
  private void flushBulk() {
    if (bulkTable == null) {
      return;
    }
    TableVersion tail = bulk;
    RecordTable table = bulkTable;
    bulkTable = null;
    bulk = null;
    for (int s = 0, end = tail.slotCount(); s < end; s++) {
      int row = tail.rowAt(s);
      if (row >= 0) {
        apply(table.keyOf(row), null, table.record(row));
      }
    }
  }

  static boolean isDeleted(Map<String, Object> staged) {
    return staged == DELETED;
  }

  /** Stages a key's final state (null deletes it); returns what undoes it. */
  Runnable put(String key, Map<String, Object> record) {
    flushBulk();
    Map<String, Object> previous = changes.get(key); // staged values are never null (DELETED marks deletes)
    apply(key, previous, record == null ? DELETED : record);
    return () -> apply(key, changes.get(key), previous);
  }

  /** Replaces the key's staged entry {@code current} (null: none) by {@code next} (null: unstaged). */
  private void apply(String key, Map<String, Object> current, Map<String, Object> next) {
    // The base row is only needed when one side falls through to the committed version.
    int baseRow = current == null || next == null ? base.find(key) : -1;
    boolean existed = current != null ? current != DELETED : baseRow >= 0;
    boolean exists = next != null ? next != DELETED : baseRow >= 0;
    if (next != null) {
      if (changes.put(key, next) == null) {
        touchedRows = null;
      }
    } else {
      changes.remove(key);
      touchedRows = null;
    }
    sizeDelta += (exists ? 1 : 0) - (existed ? 1 : 0);
    if (unique != null) {
      Map<String, Object> before = visible(current, baseRow);
      Map<String, Object> after = visible(next, baseRow);
      unique.forEach((field, index) -> {
        if (before != null) {
          forget(index, before.get(field), key);
        }
        if (after != null) {
          remember(index, after.get(field), key);
        }
      });
    }
  }

  private Map<String, Object> visible(Map<String, Object> staged, int baseRow) {
    if (staged != null) {
      return staged == DELETED ? null : staged;
    }
    return baseRow < 0 ? null : base.record(baseRow);
  }

  /** Another record holding a unique field's value (null, missing and empty values are exempt), or null. */
  String uniqueHolder(FieldDef field, Object value, String self) {
    if (value == null || "".equals(value)) {
      return null;
    }
    flushBulk();
    Set<String> holders = uniqueIndex(field).get(Json.canonical(value));
    if (holders != null) {
      for (String k : holders) {
        if (!k.equals(self)) {
          return k;
        }
      }
    }
    return null;
  }

  private Map<String, Set<String>> uniqueIndex(FieldDef field) {
    if (unique == null) {
      unique = new HashMap<>();
    }
    Map<String, Set<String>> index = unique.get(field.name());
    if (index == null) {
      index = new HashMap<>();
      Column c = base.table().column(field.name());
      for (int s = 0, end = base.slotCount(); c != null && s < end; s++) {
        int row = base.rowAt(s);
        if (row >= 0) {
          String key = base.table().keyOf(row);
          if (!changes.containsKey(key)) {
            remember(index, c.get(row), key);
          }
        }
      }
      for (Map.Entry<String, Map<String, Object>> e : changes.entrySet()) {
        if (e.getValue() != DELETED) {
          remember(index, e.getValue().get(field.name()), e.getKey());
        }
      }
      unique.put(field.name(), index);
    }
    return index;
  }

  private static void remember(Map<String, Set<String>> index, Object value, String key) {
    if (value != null && !"".equals(value)) {
      index.computeIfAbsent(Json.canonical(value), v -> new LinkedHashSet<>()).add(key);
    }
  }

  private static void forget(Map<String, Set<String>> index, Object value, String key) {
    if (value != null && !"".equals(value)) {
      Set<String> holders = index.get(Json.canonical(value));
      if (holders != null) {
        holders.remove(key);
      }
    }
  }

  /**
   * The next counter id, by the engine's rule (one past the largest integer-looking id, at least
   * the record count + 1, skipping taken ids). The engine's cached counter is only a starting
   * point here: commit re-checks every key against the latest state.
   */
  String nextId() {
    if (nextId < 0) {
      long cached = resource.nextCounterId();
      nextId = cached >= 0 ? cached : largestIntegerId() + 1;
    }
    long next = Math.max(nextId, size() + 1L);
    while (exists(Long.toString(next))) {
      next++;
    }
    nextId = next + 1;
    return Long.toString(next);
  }

  /** The counter value the engine may cache after this transaction commits, or -1. */
  long counterAfterCommit() {
    return nextId;
  }

  private long largestIntegerId() {
    String idField = resource.definition().schema().idField();
    Column c = idField == null ? null : base.table().column(idField);
    long max = 0;
    for (int s = 0, end = base.slotCount(); c != null && s < end; s++) {
      int row = base.rowAt(s);
      if (row >= 0) {
        String k = KeySpec.scalarKey(c.get(row));
        if (k != null && POSITIVE_INT.matcher(k).matches()) {
          max = Math.max(max, Long.parseLong(k));
        }
      }
    }
    return max;
  }
}
