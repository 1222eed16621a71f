package dev.asyncdb.engine.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The physical rows of one collection: append-only columns, the shape of each row, and the links
 * that make versions work (each row's logical slot and the row it superseded).
 *
 * <p>Rows are never changed in place. An update appends a new physical row and repoints the
 * record's slot in a new {@link TableVersion}; a delete clears the slot. Readers therefore scan a
 * version without locks while one writer (the caller holds the database write lock) moves on.
 */
public final class RecordTable {
  private KeySpec keySpec;
  private volatile Column[] columns = new Column[0];
  private final Map<String, Column> byName = new ConcurrentHashMap<>();
  private final ShapeRegistry shapes = new ShapeRegistry();
  private final IntVector rowShape = new IntVector();
  private final IntVector previous = new IntVector();
  private final IntVector slotOfRow = new IntVector();
  private final KeyIndex index;
  /** Later physical rows that repeat a key already present in the loaded data (original: allowed, warned). */
  private final Map<String, List<Integer>> duplicates = new ConcurrentHashMap<>();
  private int rows;
  /** Sorted indexes of declared fields, built on first use and kept current by every append. */
  private final Map<String, SecondaryIndex> secondary = new ConcurrentHashMap<>();

  /** A key index read back from a snapshot, used by {@link #publishLoaded} when the key is the same. */
  private int[] restoredIndex;
  private String restoredIndexField;
  private int restoredIndexSize;

  private int[] shapeBuffer = new int[16];
  private int shapeLength;
  private int[] stamps = new int[16];

  /** A table whose key is chosen after loading (data-first inference needs the rows first). */
  public RecordTable() {
    this.index = new KeyIndex(new RowKeys());
  }

  public RecordTable(KeySpec keySpec) {
    this();
    this.keySpec = keySpec;
  }

  /**
   * A freshly loaded table read back from a snapshot ({@link TableCodec}): its columns, shapes and
   * each row's shape; as after a load, no row supersedes another and row {@code r} fills slot {@code r}.
   */
  RecordTable(Column[] columns, int[][] shapeList, IntVector rowShape, int rows) {
    this();
    for (Column c : columns) {
      byName.put(c.name(), c);
    }
    this.columns = columns;
    this.stamps = new int[Math.max(16, columns.length * 2)];
    for (int[] shape : shapeList) {
      shapes.intern(shape, shape.length);
    }
    for (int r = 0; r < rows; r++) {
      this.rowShape.add(rowShape.get(r));
      previous.add(-1);
      slotOfRow.add(r);
    }
    this.rows = rows;
  }

  /**
   * The key index as {@link #publishLoaded} built it, for a snapshot ({@link TableCodec}): the key
   * field, the number of keys and a copy of the hash table; null for compound keys or repeated keys.
   */
  Object[] indexImage() {
    if (keySpec == null || keySpec.isCompound() || !duplicates.isEmpty()) {
      return null;
    }
    return new Object[] {keySpec.fields().get(0), index.size(), index.copyTable()};
  }

  /** A key index read back from a snapshot ({@link TableCodec}). */
  void restoreIndex(String field, int size, int[] pairs) {
    restoredIndexField = field;
    restoredIndexSize = size;
    restoredIndex = pairs;
  }

  /** The interned shapes in id order ({@link TableCodec}). */
  int[][] shapeList() {
    int[][] out = new int[shapes.size()][];
    for (int id = 0; id < out.length; id++) {
      out[id] = shapes.get(id);
    }
    return out;
  }

  /** The chunk of row shape ids holding {@code row}, for bulk copies ({@link TableCodec}). */
  int[] shapeChunkOf(int row) {
    return rowShape.chunkOf(row);
  }

  public KeySpec keySpec() {
    return keySpec;
  }

  /** Physical rows appended so far (writer view). */
  public int physicalRows() {
    return rows;
  }

  public Column column(String name) {
    return byName.get(name);
  }

  public List<Column> columns() {
    return List.of(columns);
  }

  /**
   * The sorted index of a field, built over every physical row on first use; afterwards each write
   * adds its rows. Null when the table has no such column.
   */
  public SecondaryIndex secondaryIndex(String field) {
    return secondaryIndex(field, SecondaryIndex.Keys.VALUES);
  }

  /** The index of a field ordered by {@code keys}, built on first use and kept up to date by writes. */
  public synchronized SecondaryIndex secondaryIndex(String field, SecondaryIndex.Keys keys) {
    String name = keys == SecondaryIndex.Keys.VALUES ? field : field + "#" + keys;
    SecondaryIndex existing = secondary.get(name);
    if (existing != null) {
      return existing;
    }
    Column c = byName.get(field);
    if (c == null) {
      return null;
    }
    SecondaryIndex index = new SecondaryIndex(c, keys);
    index.catchUp(rows);
    secondary.put(name, index);
    return index;
  }

  /** Adds rows appended by a write to the secondary indexes. */
  private void indexAppended() {
    if (!secondary.isEmpty()) {
      synchronized (this) {
        for (SecondaryIndex index : secondary.values()) {
          index.catchUp(rows);
        }
      }
    }
  }

  /**
   * Whether {@code staged} (a transaction's bulk-staged inserts, see {@link #appendRows}) can stand in
   * for this table as it is: this table never held a row nor built an index, and every physical row
   * of {@code staged}'s table is live, in slot order, under the same key. A bulk load into a table
   * just created then publishes the staged columns instead of copying them. Only loads of at least
   * {@link #ADOPT_MIN_ROWS} rows: copying a small first write costs little, and the table the
   * collection was created with stays in place.
   */
  public boolean canAdopt(TableVersion base, TableVersion staged) {
    RecordTable other = staged.table();
    return staged.size() >= ADOPT_MIN_ROWS && base.table() == this && rows == 0 && base.slotCount() == 0 && secondary.isEmpty() && duplicates.isEmpty()
        && restoredIndex == null && other != this && other.keySpec == keySpec && other.secondary.isEmpty() && other.duplicates.isEmpty()
        && staged.physicalRows() == other.rows && staged.size() == other.rows && staged.slotCount() == other.rows;
  }

  /** The smallest staged load {@link #canAdopt} publishes as it is (smaller ones are cheap to copy). */
  public static final int ADOPT_MIN_ROWS = 1_000;

  public TableVersion emptyVersion() {
    return new TableVersion(this, 0, SlotList.empty(), 0);
  }

  /**
   * Fixes the key after a bulk load, indexes every loaded row and returns the version listing them
   * in order. Repeated keys keep pointing at their first row; the repeats are found by {@code findAll}.
   */
  public TableVersion publishLoaded(KeySpec key) {
    if (this.keySpec != null && !this.keySpec.equals(key) && index.size() > 0) {
      throw new IllegalStateException("the key of a table is fixed once rows are indexed");
    }
    this.keySpec = key;
    if (restoredIndex != null && !key.isCompound() && key.fields().get(0).equals(restoredIndexField) && index.size() == 0) {
      index.adopt(restoredIndex, restoredIndexSize);
    } else {
      index.reserve(rows);
      for (int row = 0; row < rows; row++) {
        indexLoadedRow(row);
      }
    }
    restoredIndex = null;
    return new TableVersion(this, rows, SlotList.identity(rows), rows);
  }

  // ---- row assembly (writer only) ----

  /** Starts assembling a physical row; call {@link #field} per present field, then {@link #finishRow}. */
  public void startRow() {
    shapeLength = 0;
  }

  /**
   * The column to append this row's value of {@code name} to, recording the field in the row's
   * shape. Throws {@link DuplicateFieldException} when the record names the field twice.
   */
  public Column field(String name) {
    Column c = byName.get(name);
    if (c == null) {
      c = addColumn(name);
    }
    int ord = c.ordinal();
    if (stamps[ord] == rows + 1) {
      throw new DuplicateFieldException(name);
    }
    stamps[ord] = rows + 1;
    if (shapeLength == shapeBuffer.length) {
      shapeBuffer = Arrays.copyOf(shapeBuffer, shapeLength * 2);
    }
    shapeBuffer[shapeLength++] = ord;
    return c;
  }

  /** Completes the row started by {@link #startRow}; returns its physical row number. */
  public int finishRow(int previousRow, int slot) {
    int row = rows;
    Column[] cs = columns;
    if (shapeLength != cs.length) {
      for (Column c : cs) {
        if (stamps[c.ordinal()] != row + 1) {
          c.appendAbsent();
        }
      }
    }
    rowShape.add(shapes.intern(shapeBuffer, shapeLength));
    previous.add(previousRow);
    slotOfRow.add(slot);
    rows = row + 1;
    return row;
  }

  /**
   * Appends every row of another freshly loaded table (the next part of the same file, parsed in
   * parallel) behind this table's rows, column by column.
   */
  public void appendAll(RecordTable other) {
    int n = other.rows;
    int[] shapeMap = copyColumns(other);
    for (int r = 0; r < n; r++) {
      rowShape.add(shapeMap[other.rowShape.get(r)]);
      previous.add(-1);
      slotOfRow.add(rows + r);
    }
    rows += n;
  }

  /**
   * Appends every column of another table behind this table's rows (absent columns on either side
   * filled with absent values); returns the other table's shape ids mapped to this table's.
   */
  private int[] copyColumns(RecordTable other) {
    int n = other.rows;
    Column[] theirs = other.columns;
    int[] ordinalMap = new int[theirs.length];
    for (Column oc : theirs) {
      Column c = byName.get(oc.name());
      if (c == null) {
        c = addColumn(oc.name());
      }
      ordinalMap[oc.ordinal()] = c.ordinal();
      c.appendFrom(oc, n);
    }
    for (Column c : columns) {
      if (other.byName.get(c.name()) == null) {
        for (int r = 0; r < n; r++) {
          c.appendAbsent();
        }
      }
    }
    int[] shapeMap = new int[other.shapes.size()];
    for (int id = 0; id < shapeMap.length; id++) {
      int[] shape = other.shapes.get(id);
      int[] mapped = new int[shape.length];
      for (int i = 0; i < shape.length; i++) {
        mapped[i] = ordinalMap[shape[i]];
      }
      shapeMap[id] = shapes.intern(mapped, mapped.length);
    }
    return shapeMap;
  }

  /** Appends a whole record as a new physical row. */
  public int appendRecord(Map<String, Object> record, int previousRow, int slot) {
    startRow();
    for (Map.Entry<String, Object> e : record.entrySet()) {
      field(e.getKey()).appendValue(e.getValue());
    }
    return finishRow(previousRow, slot);
  }

  /** The column of a field, added when the table has none yet: a batch resolves each of its fields once. */
  public Column columnFor(String name) {
    Column c = byName.get(name);
    return c != null ? c : addColumn(name);
  }

  /** As {@link #field(String)} for a column of this table already resolved by {@link #columnFor}. */
  public void field(Column c) {
    int ord = c.ordinal();
    if (stamps[ord] == rows + 1) {
      throw new DuplicateFieldException(c.name());
    }
    stamps[ord] = rows + 1;
    if (shapeLength == shapeBuffer.length) {
      shapeBuffer = Arrays.copyOf(shapeBuffer, shapeLength * 2);
    }
    shapeBuffer[shapeLength++] = ord;
  }

  private Column addColumn(String name) {
    Column[] cs = columns;
    Column c = new Column(name, cs.length, rows);
    Column[] next = Arrays.copyOf(cs, cs.length + 1);
    next[cs.length] = c;
    if (stamps.length <= cs.length) {
      stamps = Arrays.copyOf(stamps, stamps.length * 2);
    }
    byName.put(name, c);
    columns = next;
    return c;
  }

  // ---- reading ----

  /** The record stored in a physical row, as a fresh insertion-ordered map. */
  public Map<String, Object> record(int row) {
    int[] shape = shapes.get(rowShape.get(row));
    Column[] cs = columns;
    Map<String, Object> map = new LinkedHashMap<>(Math.max(4, shape.length * 2));
    for (int ord : shape) {
      Column c = cs[ord];
      map.put(c.name(), c.get(row));
    }
    return map;
  }

  /**
   * Writes the fields of the record in {@code row} into an open JSON object. {@code names} caches
   * each column's escaped name by ordinal (filled here; at least as long as the table's columns).
   */
  public void writeFields(int row, com.fasterxml.jackson.core.JsonGenerator g, com.fasterxml.jackson.core.SerializableString[] names)
      throws java.io.IOException {
    Column[] cs = columns;
    for (int ord : shapes.get(rowShape.get(row))) {
      Column c = cs[ord];
      com.fasterxml.jackson.core.SerializableString name = names[ord];
      if (name == null) {
        name = new com.fasterxml.jackson.core.io.SerializedString(c.name());
        names[ord] = name;
      }
      g.writeFieldName(name);
      c.writeJson(row, g);
    }
  }

  /** The columns by ordinal, for writers that read many rows ({@link RowJsonWriter}); not to be changed. */
  Column[] columnArray() {
    return columns;
  }

  /** The column ordinals of a row's fields, in record order; not to be changed. */
  int[] shapeOf(int row) {
    return shapes.get(rowShape.get(row));
  }

  /** Number of columns (fields seen so far). */
  public int columnCount() {
    return columns.length;
  }

  /** True when the record in {@code row} has the field (possibly with a null value). */
  public boolean hasField(int row, Column column) {
    for (int ord : shapes.get(rowShape.get(row))) {
      if (ord == column.ordinal()) {
        return true;
      }
    }
    return false;
  }

  /** Field names of a row in record order. */
  public List<String> fieldNames(int row) {
    int[] shape = shapes.get(rowShape.get(row));
    Column[] cs = columns;
    List<String> names = new ArrayList<>(shape.length);
    for (int ord : shape) {
      names.add(cs[ord].name());
    }
    return names;
  }

  /** For each column (by ordinal), how many live records of a version have the field. */
  public long[] presentCounts(TableVersion version) {
    long[] perShape = new long[shapes.size()];
    for (int s = 0, end = version.slotCount(); s < end; s++) {
      int row = version.rowAt(s);
      if (row >= 0) {
        perShape[rowShape.get(row)]++;
      }
    }
    long[] out = new long[columns.length];
    for (int shape = 0; shape < perShape.length; shape++) {
      if (perShape[shape] > 0) {
        for (int ord : shapes.get(shape)) {
          out[ord] += perShape[shape];
        }
      }
    }
    return out;
  }

  String keyOfRow(int row) {
    List<String> fields = keySpec.fields();
    if (fields.size() == 1) {
      Column c = byName.get(fields.get(0));
      return c == null ? null : KeySpec.scalarKey(c.get(row));
    }
    Map<String, Object> parts = new HashMap<>();
    for (String f : fields) {
      Column c = byName.get(f);
      parts.put(f, c == null ? null : c.get(row));
    }
    return keySpec.keyOf(parts);
  }

  public String keyOf(int row) {
    return keyOfRow(row);
  }

  int previousOf(int row) {
    return previous.get(row);
  }

  int slotOf(int row) {
    return slotOfRow.get(row);
  }

  int newestRowFor(String key) {
    return index.newest(key);
  }

  /** As {@link #newestRowFor} for the key of a row of another table's column, without a String when both pack text. */
  int newestRowForKeyOf(Column other, int otherRow) {
    Column c = keySpec == null || keySpec.isCompound() ? null : byName.get(keySpec.fields().get(0));
    if (c == null || !c.packsText() || !other.packsText()) {
      String key = KeySpec.scalarKey(other.get(otherRow));
      return key == null ? -1 : index.newest(key);
    }
    return other.hasKey(otherRow) ? index.newest(other.keyHash(otherRow), other, otherRow) : -1;
  }

  List<Integer> duplicateRows(String key) {
    List<Integer> d = duplicates.get(key);
    return d == null ? List.of() : d;
  }

  boolean hasDuplicates() {
    return !duplicates.isEmpty();
  }

  /**
   * Indexes the key of a freshly loaded row. A key seen before stays pointing at its first row (the
   * original's get/patch hit the first match) and the repeat is remembered for deletes and doctor.
   * Returns false for a duplicate.
   */
  private boolean indexLoadedRow(int row) {
    if (!new RowKeys().hasKey(row)) {
      return true;
    }
    int existing = index.putLoaded(row);
    if (existing >= 0) {
      duplicates.computeIfAbsent(keyOfRow(row), k -> new CopyOnWriteArrayList<>()).add(row);
      return false;
    }
    return true;
  }

  /** Key access for the index: single string keys compare bytes in place, compound keys build strings. */
  private final class RowKeys implements KeyIndex.Keys {
    /** The single key field's column once it exists (a column, once added, stays): no map lookup per probe. */
    private Column single;

    private Column single() {
      Column c = single;
      if (c == null && !keySpec.isCompound()) {
        c = byName.get(keySpec.fields().get(0));
        single = c;
      }
      return c;
    }

    @Override
    public boolean hasKey(int row) {
      Column c = single();
      return c != null ? c.hasKey(row) : keyOfRow(row) != null;
    }

    @Override
    public int hashOf(int row) {
      Column c = single();
      if (c != null) {
        return c.keyHash(row);
      }
      String k = keyOfRow(row);
      return k == null ? 0 : k.hashCode();
    }

    @Override
    public boolean matches(int row, String key) {
      Column c = single();
      return c != null ? c.keyEquals(row, key) : key.equals(keyOfRow(row));
    }

    @Override
    public boolean matches(int row, Column other, int otherRow) {
      Column c = single();
      return c != null ? c.sameText(row, other, otherRow) : other.getText(otherRow).equals(keyOfRow(row));
    }

    @Override
    public boolean sameKey(int a, int b) {
      Column c = single();
      if (c != null) {
        return c.sameKey(a, b);
      }
      String k = keyOfRow(a);
      return k != null && k.equals(keyOfRow(b));
    }
  }

  // ---- writes producing new versions (writer only; base must be the newest version) ----

  public TableVersion insert(TableVersion base, Map<String, Object> record) {
    checkHead(base);
    String key = keySpec.keyOf(record);
    int prev = key == null ? -1 : index.newest(key);
    int slot = base.slotCount();
    int row = appendRecord(record, prev, slot);
    if (key != null) {
      index.put(key, row);
    }
    indexAppended();
    return new TableVersion(this, rows, base.slots().append(row), base.size() + 1);
  }

  /**
   * {@link #insert} of a record given as values of resolved columns ({@link #columnFor}; a null value
   * leaves the field out) whose key string is {@code key}: no map per record.
   */
  public TableVersion insert(TableVersion base, Column[] fields, Object[] values, String key) {
    checkHead(base);
    int prev = index.newest(key);
    startRow();
    for (int i = 0; i < fields.length; i++) {
      if (values[i] != null) {
        field(fields[i]);
        fields[i].appendValue(values[i]);
      }
    }
    int row = finishRow(prev, base.slotCount());
    index.put(key, row);
    indexAppended();
    return new TableVersion(this, rows, base.slots().append(row), base.size() + 1);
  }

  /**
   * {@link #insert(TableVersion, Column[], Object[], String)} of {@code n} records given column by
   * column — {@code values[j][i]} is row {@code i}'s value of {@code fields[j]} (columns of this
   * table, {@link #columnFor}), null leaving the field out — whose key strings are {@code keys}: one
   * write, a loop per column rather than per value, one shape for rows without nulls, and each key
   * probed twice (its older row, then indexing it) instead of once per check. Returns the new
   * version, or null when a key is live in {@code base} or repeats within {@code keys}: then the
   * version is unchanged (rows appended before the repeat was found stay orphans no version
   * reaches, as those of a failed commit do).
   */
  public TableVersion appendColumns(TableVersion base, Column[] fields, Object[][] values, int n, String[] keys) {
    checkHead(base);
    int[] older = new int[n];
    for (int i = 0; i < n; i++) {
      int newest = index.newest(keys[i]);
      if (newest >= 0 && base.visibleFrom(newest) >= 0) {
        return null;
      }
      older[i] = newest;
    }
    int first = rows;
    boolean anyNull = false;
    for (int j = 0; j < fields.length; j++) {
      Column c = fields[j];
      Object[] column = values[j];
      for (int i = 0; i < n; i++) {
        Object v = column[i];
        if (v == null) {
          c.appendAbsent();
          anyNull = true;
        } else {
          c.appendValue(v);
        }
      }
    }
    Column[] cs = columns;
    if (cs.length != fields.length) {
      // Columns of earlier rows that this batch does not set.
      boolean[] set = new boolean[cs.length];
      for (Column c : fields) {
        set[c.ordinal()] = true;
      }
      for (Column c : cs) {
        if (!set[c.ordinal()]) {
          for (int i = 0; i < n; i++) {
            c.appendAbsent();
          }
        }
      }
    }
    int[] shape = new int[fields.length];
    for (int j = 0; j < fields.length; j++) {
      shape[j] = fields[j].ordinal();
    }
    int full = shapes.intern(shape, shape.length);
    for (int i = 0; i < n; i++) {
      int id = full;
      if (anyNull) {
        int length = 0;
        for (int j = 0; j < fields.length; j++) {
          if (values[j][i] != null) {
            shape[length++] = fields[j].ordinal();
          }
        }
        id = shapes.intern(shape, length);
      }
      rowShape.add(id);
      previous.add(older[i]);
      slotOfRow.add(base.slotCount() + i);
    }
    rows = first + n;
    for (int i = 0; i < n; i++) {
      int was = index.putUnlessFrom(keys[i], first + i, first);
      if (was >= first) {
        // A key repeated within the batch: its earlier rows' keys point back at their older rows.
        undoAppend(first, first + i);
        return null;
      }
    }
    indexAppended();
    return new TableVersion(this, rows, base.slots().appendRange(first, n), base.size() + n);
  }

  /**
   * Appends the live rows of {@code staged} — a version of another table holding a transaction's
   * inserts, every key new to {@code base} — behind this table's rows in slot order: whole columns
   * at once when no staged row was undone. The appended rows are the physical rows from
   * {@link #physicalRows()} before the call on; {@link #undoAppend} takes their keys back.
   */
  public TableVersion appendRows(TableVersion base, TableVersion staged) {
    checkHead(base);
    RecordTable other = staged.table();
    int first = rows;
    int n = staged.size();
    int slot = base.slotCount();
    if (n == other.rows && staged.slotCount() == n) {
      int[] shapeMap = copyColumns(other);
      for (int r = 0; r < n; r++) {
        rowShape.add(shapeMap[other.rowShape.get(r)]);
        slotOfRow.add(slot + r);
      }
      // A row's link to the key's older row is set before the key points at it: readers follow the index.
      RowKeys keys = new RowKeys();
      for (int r = 0; r < n; r++) {
        previous.add(keys.hasKey(first + r) ? index.newestOfRow(first + r) : -1);
      }
      rows = first + n;
      for (int r = 0; r < n; r++) {
        if (keys.hasKey(first + r)) {
          index.pointKeyOf(first + r, first + r);
        }
      }
    } else {
      for (int s = 0, end = staged.slotCount(); s < end; s++) {
        int row = staged.rowAt(s);
        if (row >= 0) {
          Map<String, Object> record = other.record(row);
          String key = keySpec.keyOf(record);
          int appended = appendRecord(record, key == null ? -1 : index.newest(key), slot + (rows - first));
          if (key != null) {
            index.put(key, appended);
          }
        }
      }
    }
    indexAppended();
    return new TableVersion(this, rows, base.slots().appendRange(first, n), base.size() + n);
  }

  /** Points the keys of rows {@code first .. end - 1} (appended by a write whose commit failed) back at their older rows. */
  public void undoAppend(int first, int end) {
    for (int row = first; row < end; row++) {
      int prev = previous.get(row);
      if (prev >= 0) {
        index.pointKeyOf(row, prev);
      }
    }
  }

  /** Replaces the record in a visible physical row with a new version of it (its key is unchanged). */
  public TableVersion replace(TableVersion base, int row, Map<String, Object> record) {
    checkHead(base);
    int slot = slotOfRow.get(row);
    String key = keyOfRow(row);
    int next = appendRecord(record, row, slot);
    if (key != null) {
      if (index.newest(key) == row) {
        index.put(key, next);
      } else {
        List<Integer> repeats = duplicates.get(key);
        if (repeats != null) {
          repeats.add(next);
        }
      }
    }
    indexAppended();
    return new TableVersion(this, rows, base.slots().set(slot, next), base.size());
  }

  public TableVersion delete(TableVersion base, int row) {
    checkHead(base);
    int slot = slotOfRow.get(row);
    return new TableVersion(this, rows, base.slots().set(slot, -1), base.size() - 1);
  }

  private void checkHead(TableVersion base) {
    // Rows past base.physicalRows() can only be orphans of a write whose commit failed: no slot and
    // no visible index chain reaches them, so building on base stays correct.
    if (base.table() != this || base.physicalRows() > rows) {
      throw new IllegalStateException("writes must build on the newest version of the table");
    }
  }

  /** Newest physical row recorded for a key (writer view), or -1; used to undo a failed commit. */
  public int newestRow(String key) {
    return key == null ? -1 : index.newest(key);
  }

  /** Repoints a key at the row it had before a write whose commit failed. */
  public void undoKey(String key, int previousNewest) {
    if (key != null && previousNewest >= 0) {
      index.put(key, previousNewest);
    }
  }

  /** Bytes of column data held, for load reports. */
  public long heapBytes() {
    long total = 12L * rows;
    for (Column c : columns) {
      total += c.heapBytes();
    }
    return total;
  }
}
