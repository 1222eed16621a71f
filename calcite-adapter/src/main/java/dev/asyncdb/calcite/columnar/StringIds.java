package dev.asyncdb.calcite.columnar;

import dev.asyncdb.engine.table.ColumnView;
import java.util.Arrays;

/**
 * Dense ids for the strings of join key columns, equal exactly for equal strings. Packed rows are
 * hashed and compared from their stored bytes, so a join on strings builds no String per row; a
 * string of a dictionary (once per code) is compared as a String.
 */
final class StringIds {
  private int[] table = new int[64];
  /** The hash of each slot's string, so that a probe passing other strings' slots reads nothing else. */
  private int[] slotHashes = new int[64];
  private int shift = 64 - 6;
  private int[] hashes = new int[16];
  private ColumnView[] views = new ColumnView[16];
  private int[] rows = new int[16];
  private String[] strings = new String[16];
  private int size;

  StringIds() {
    Arrays.fill(table, -1);
  }

  /** The id of a non-null row of a packed string column. */
  int idOf(ColumnView view, int row) {
    return idOf(view, row, true);
  }

  /** The id of a non-null row of a packed string column, or -1 when it has none; never adds (safe for concurrent readers). */
  int find(ColumnView view, int row) {
    return idOf(view, row, false);
  }

  private int idOf(ColumnView view, int row, boolean add) {
    int h = view.stringHash(row);
    int mask = table.length - 1;
    for (int i = slot(h); ; i = (i + 1) & mask) {
      int id = table[i];
      if (id < 0) {
        return add ? add(i, h, view, row, null) : -1;
      }
      if (slotHashes[i] == h && (strings[id] != null ? view.stringEquals(row, strings[id]) : view.sameString(row, views[id], rows[id]))) {
        return id;
      }
    }
  }

  /** The id of a string. */
  int idOf(String s) {
    return idOf(s, true);
  }

  /** The id of a string, or -1 when it has none; never adds (safe for concurrent readers). */
  int find(String s) {
    return idOf(s, false);
  }

  private int idOf(String s, boolean add) {
    int h = s.hashCode();
    int mask = table.length - 1;
    for (int i = slot(h); ; i = (i + 1) & mask) {
      int id = table[i];
      if (id < 0) {
        return add ? add(i, h, null, -1, s) : -1;
      }
      if (slotHashes[i] == h && (strings[id] != null ? strings[id].equals(s) : views[id].stringEquals(rows[id], s))) {
        return id;
      }
    }
  }

  private int slot(int h) {
    return (int) ((h * 0x9E3779B97F4A7C15L) >>> shift);
  }

  private int add(int slot, int h, ColumnView view, int row, String s) {
    int id = size++;
    if (id == hashes.length) {
      int c = id * 2;
      hashes = Arrays.copyOf(hashes, c);
      views = Arrays.copyOf(views, c);
      rows = Arrays.copyOf(rows, c);
      strings = Arrays.copyOf(strings, c);
    }
    hashes[id] = h;
    views[id] = view;
    rows[id] = row;
    strings[id] = s;
    table[slot] = id;
    slotHashes[slot] = h;
    if (size * 2 > table.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    table = new int[table.length * 2];
    slotHashes = new int[table.length];
    Arrays.fill(table, -1);
    shift--;
    int mask = table.length - 1;
    for (int id = 0; id < size; id++) {
      int i = slot(hashes[id]);
      while (table[i] >= 0) {
        i = (i + 1) & mask;
      }
      table[i] = id;
      slotHashes[i] = hashes[id];
    }
  }
}
