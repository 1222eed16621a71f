package dev.asyncdb.engine.table;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The record in one physical row of a table, read as a map only when someone reads it: a bulk
 * insert hands its rows to the log and the stores this way instead of building a map per row.
 * Read-only; the row never changes (tables are append-only).
 */
public final class RowRecord extends AbstractMap<String, Object> {
  private final RecordTable table;
  private final int row;
  private Map<String, Object> materialized;

  /** The records of rows {@code from .. to - 1} of a table, each made when read. */
  public static final class Range extends java.util.AbstractList<Map<String, Object>> implements java.util.RandomAccess {
    private final RecordTable table;
    private final int from;
    private final int to;

    public Range(RecordTable table, int from, int to) {
      this.table = table;
      this.from = from;
      this.to = to;
    }

    @Override
    public Map<String, Object> get(int index) {
      java.util.Objects.checkIndex(index, to - from);
      return new RowRecord(table, from + index);
    }

    @Override
    public int size() {
      return to - from;
    }
  }

  public RowRecord(RecordTable table, int row) {
    this.table = table;
    this.row = row;
  }

  /** The table the row is in. */
  public RecordTable table() {
    return table;
  }

  /**
   * Writes the record's fields into an open JSON object straight from the columns; {@code names}
   * caches the table's escaped field names by column ordinal ({@link RecordTable#writeFields}).
   */
  public void writeFields(com.fasterxml.jackson.core.JsonGenerator g, com.fasterxml.jackson.core.SerializableString[] names)
      throws java.io.IOException {
    table.writeFields(row, g, names);
  }

  /** The physical row. */
  public int row() {
    return row;
  }

  @Override
  public Object get(Object key) {
    return materialized().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return materialized().containsKey(key);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return java.util.Collections.unmodifiableMap(materialized()).entrySet();
  }

  private Map<String, Object> materialized() {
    Map<String, Object> m = materialized;
    if (m == null) {
      m = table.record(row);
      materialized = m;
    }
    return m;
  }
}
