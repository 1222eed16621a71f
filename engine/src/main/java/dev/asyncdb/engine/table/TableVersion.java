package dev.asyncdb.engine.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One committed state of a collection: which physical rows are live, in insertion order.
 * Immutable; a reader holding a version sees exactly that state however long its scan runs.
 */
public final class TableVersion {
  private final RecordTable table;
  private final int physicalRows;
  private final SlotList slots;
  private final int size;
  /** {@link #liveRows()}, kept once a reader asked for it through {@link #sharedLiveRows()}. */
  private volatile int[] sharedLive;
  /**
   * Per column, {@link #ASKED} after a first request for its join-column index, then the index or
   * {@link #UNINDEXABLE}; made on the first request (most versions, one per write, never get one).
   */
  private volatile Map<Column, Object> joinIndexes;
  private static final Object ASKED = new Object();
  private static final Object UNINDEXABLE = new Object();

  TableVersion(RecordTable table, int physicalRows, SlotList slots, int size) {
    this.table = table;
    this.physicalRows = physicalRows;
    this.slots = slots;
    this.size = size;
  }

  public RecordTable table() {
    return table;
  }

  int physicalRows() {
    return physicalRows;
  }

  SlotList slots() {
    return slots;
  }

  /** Number of live records. */
  public int size() {
    return size;
  }

  /** Number of slots, live or deleted; iterate {@code 0..slotCount()} with {@link #rowAt}. */
  public int slotCount() {
    return slots.size();
  }

  /** Physical row of a slot, or -1 when the record in that slot was deleted. */
  public int rowAt(int slot) {
    return slots.get(slot);
  }

  /** Insertion position (slot) of a physical row; ties in sorts are broken by it. */
  public int slotOfRow(int row) {
    return table.slotOf(row);
  }

  /** Whether a physical row holds a live record in this version (not superseded, deleted or newer). */
  public boolean isLive(int row) {
    if (row < 0 || row >= physicalRows) {
      return false;
    }
    int slot = table.slotOf(row);
    return slot >= 0 && slot < slots.size() && slots.get(slot) == row;
  }

  /** Live physical rows in insertion order. */
  public int[] liveRows() {
    int[] out = new int[size];
    liveRows(0, slots.size(), out);
    return out;
  }

  /**
   * {@link #liveRows()} computed once per version and shared by every caller, which must not
   * modify it: repeated queries over an unchanged collection do not list its rows again.
   */
  public int[] sharedLiveRows() {
    int[] rows = sharedLive;
    if (rows == null) {
      rows = liveRows();
      sharedLive = rows;
    }
    return rows;
  }

  /**
   * The join-column index ({@link LongKeyIndex}) of an integer column of this table over this version's live rows, or
   * null: on the first request for a column (a one-off query scans instead of paying for an index
   * it would use once; a version that a write replaces may never be read again), and when the
   * column cannot be indexed. The second request builds it; later ones share it.
   */
  public LongKeyIndex joinIndex(Column column) {
    Map<Column, Object> indexes = joinIndexes;
    if (indexes == null) {
      synchronized (this) {
        indexes = joinIndexes;
        if (indexes == null) {
          indexes = new ConcurrentHashMap<>();
          joinIndexes = indexes;
        }
      }
    }
    Object known = indexes.putIfAbsent(column, ASKED);
    if (known == null || known == UNINDEXABLE) {
      return null;
    }
    if (known instanceof LongKeyIndex index) {
      return index;
    }
    // Two readers may build it at once: the same index either way, and one of them is kept.
    LongKeyIndex built = LongKeyIndex.build(sharedLiveRows(), column.view());
    indexes.put(column, built == null ? UNINDEXABLE : built);
    return built;
  }

  /** The join-column index of a column if {@link #joinIndex} built it, without asking for one. */
  public LongKeyIndex builtJoinIndex(Column column) {
    Map<Column, Object> indexes = joinIndexes;
    return indexes != null && indexes.get(column) instanceof LongKeyIndex index ? index : null;
  }

  /**
   * Writes the live physical rows of slots {@code fromSlot..toSlot-1} to {@code out} in slot order
   * and returns how many there are: a scan's rows one batch at a time.
   */
  public int liveRows(int fromSlot, int toSlot, int[] out) {
    if (size == slots.size()) {
      // As many live records as slots: no slot of this version is deleted, copy them whole.
      slots.copy(fromSlot, toSlot, out);
      return toSlot - fromSlot;
    }
    int n = 0;
    for (int s = fromSlot; s < toSlot; s++) {
      int row = slots.get(s);
      if (row >= 0) {
        out[n++] = row;
      }
    }
    return n;
  }

  public Map<String, Object> record(int row) {
    return table.record(row);
  }

  /** The live physical row holding a key in this version, or -1 — an O(1) hash probe. */
  public int find(String key) {
    if (key == null) {
      return -1;
    }
    return visibleFrom(table.newestRowFor(key));
  }

  /** The row of this version a key's chain reaches from its newest physical row {@code row} (-1: none), or -1. */
  int visibleFrom(int row) {
    while (row >= physicalRows) {
      row = table.previousOf(row);
    }
    if (row < 0) {
      return -1;
    }
    int slot = table.slotOf(row);
    return slot < slots.size() && slots.get(slot) == row ? row : -1;
  }

  /**
   * As {@link #find(String)} for the key held by row {@code otherRow} of {@code other}, a column of
   * another table (a relation's values): no String per lookup when both columns pack their text.
   */
  public int findKeyOf(Column other, int otherRow) {
    int row = table.newestRowForKeyOf(other, otherRow);
    while (row >= physicalRows) {
      row = table.previousOf(row);
    }
    if (row < 0) {
      return -1;
    }
    int slot = table.slotOf(row);
    return slot < slots.size() && slots.get(slot) == row ? row : -1;
  }

  /** Every live row holding a key, first match first (several only for duplicate keys in loaded data). */
  public List<Integer> findAll(String key) {
    int first = find(key);
    if (!table.hasDuplicates()) {
      return first < 0 ? List.of() : List.of(first);
    }
    List<Integer> out = new ArrayList<>();
    if (first >= 0) {
      out.add(first);
    }
    for (int row : table.duplicateRows(key)) {
      if (row < physicalRows) {
        int slot = table.slotOf(row);
        if (slots.get(slot) == row) {
          out.add(row);
        }
      }
    }
    return out;
  }
}
