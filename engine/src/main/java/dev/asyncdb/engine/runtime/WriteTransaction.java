package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.store.RecordChanges;
import dev.asyncdb.engine.store.ResourceChange;
import dev.asyncdb.engine.store.ResourceChange.Op;
import dev.asyncdb.engine.store.ResourceChange.RecordChange;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.RowRange;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working state of one write under the database lock: new versions of the resources it
 * touched, the record-level changes for the stores, and how to undo index changes if the write
 * does not commit.
 */
public final class WriteTransaction {
  private final Database db;
  private final Snapshot base;
  private final Map<String, TableVersion> rows = new HashMap<>();
  private final Map<String, Map<String, Object>> documents = new HashMap<>();
  private final Map<String, RecordChanges> records = new LinkedHashMap<>();
  private final List<Runnable> undo = new ArrayList<>();

  WriteTransaction(Database db, Snapshot base) {
    this.db = db;
    this.base = base;
  }

  /** Current rows of a collection including this write's changes. */
  public TableVersion rows(String name) {
    TableVersion v = rows.get(name);
    return v != null ? v : base.rows(name);
  }

  public Map<String, Object> document(String name) {
    Map<String, Object> d = documents.get(name);
    return d != null ? d : base.document(name);
  }

  public int insert(Resource r, Map<String, Object> record) {
    TableVersion head = rows(r.name());
    RecordTable table = head.table();
    String key = table.keySpec().keyOf(record);
    int previous = table.newestRow(key);
    undo.add(() -> table.undoKey(key, previous));
    TableVersion next = table.insert(head, record);
    rows.put(r.name(), next);
    change(r, Op.INSERT, key, record);
    return next.rowAt(next.slotCount() - 1);
  }

  /**
   * Inserts every live row of {@code staged} (a transaction's bulk-staged inserts, their keys new to
   * the head) in one append; the stores get the rows as one {@link RowRange} of inserts
   * ({@link RecordChanges}), read from the columns.
   */
  public void insertAll(Resource r, TableVersion staged) {
    TableVersion head = rows(r.name());
    RecordTable table = head.table();
    if (table.canAdopt(head, staged)) {
      // A load into a table that never held a row: the staged table becomes the table, no copy.
      // Nothing to undo: if the commit fails, the empty version stays the head.
      RecordTable adopted = staged.table();
      int n = staged.size();
      rows.put(r.name(), staged);
      records.computeIfAbsent(r.name(), k -> new RecordChanges()).appendInserted(new RowRange(adopted, 0, n));
      return;
    }
    int first = table.physicalRows();
    TableVersion next = table.appendRows(head, staged);
    int end = table.physicalRows();
    undo.add(() -> table.undoAppend(first, end));
    rows.put(r.name(), next);
    records.computeIfAbsent(r.name(), k -> new RecordChanges()).appendInserted(new RowRange(table, first, end));
  }

  public void replace(Resource r, int row, Map<String, Object> record) {
    TableVersion head = rows(r.name());
    RecordTable table = head.table();
    String key = table.keyOf(row);
    int previous = table.newestRow(key);
    undo.add(() -> table.undoKey(key, previous));
    rows.put(r.name(), table.replace(head, row, record));
    change(r, Op.UPDATE, key, record);
  }

  public void delete(Resource r, int row) {
    TableVersion head = rows(r.name());
    String key = head.table().keyOf(row);
    rows.put(r.name(), head.table().delete(head, row));
    change(r, Op.DELETE, key, null);
  }

  public void putDocument(Resource r, Map<String, Object> value) {
    documents.put(r.name(), value);
    change(r, Op.PUT, null, value);
  }

  private void change(Resource r, Op op, String key, Map<String, Object> after) {
    records.computeIfAbsent(r.name(), k -> new RecordChanges()).append(new RecordChange(op, key, after));
  }

  List<ResourceChange> changes() {
    List<ResourceChange> out = new ArrayList<>();
    records.forEach((name, list) -> {
      Resource r = db.resources().get(name);
      out.add(new ResourceChange(r.definition(), rows.get(name), documents.get(name), list));
    });
    return out;
  }

  void undo() {
    for (int i = undo.size() - 1; i >= 0; i--) {
      undo.get(i).run();
    }
  }

  Snapshot publish(long version) {
    if (records.isEmpty()) {
      return base;
    }
    Map<String, TableVersion> nextRows = base.rows();
    if (!rows.isEmpty()) {
      Map<String, TableVersion> merged = new HashMap<>(base.rows());
      merged.putAll(rows);
      nextRows = Map.copyOf(merged);
    }
    Map<String, Map<String, Object>> nextDocs = base.documents();
    if (!documents.isEmpty()) {
      Map<String, Map<String, Object>> merged = new HashMap<>(base.documents());
      merged.putAll(documents);
      nextDocs = Map.copyOf(merged);
    }
    return new Snapshot(version, nextRows, nextDocs, base.deferred());
  }
}
