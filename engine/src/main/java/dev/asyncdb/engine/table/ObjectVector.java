package dev.asyncdb.engine.table;

import java.util.Arrays;

/** Append-only vector of Java values, used for columns whose JSON values have mixed types. */
final class ObjectVector {
  private volatile Object[][] chunks = new Object[1][];
  private int size;

  int size() {
    return size;
  }

  void add(Object value) {
    int row = size;
    writableChunk(row)[Chunks.offset(row)] = value;
    size = row + 1;
  }

  Object get(int row) {
    return chunks[Chunks.chunk(row)][Chunks.offset(row)];
  }

  private Object[] writableChunk(int row) {
    int c = Chunks.chunk(row);
    int o = Chunks.offset(row);
    Object[][] outer = chunks;
    if (c < outer.length && outer[c] != null && o < outer[c].length) {
      return outer[c];
    }
    Object[][] next = c < outer.length ? outer.clone() : Arrays.copyOf(outer, Math.max(c + 1, outer.length * 2));
    Object[] old = next[c];
    Object[] grown = new Object[Chunks.grow(c, old == null ? 0 : old.length, o + 1)];
    if (old != null) {
      System.arraycopy(old, 0, grown, 0, old.length);
    }
    next[c] = grown;
    chunks = next;
    return grown;
  }
}
