package dev.asyncdb.calcite.columnar;

import java.util.Arrays;

/** Open-addressing map from long keys to dense int ids (0, 1, 2, … in order of first appearance). */
final class LongIntMap {
  private long[] keys;
  private int[] ids;
  private int size;

  LongIntMap() {
    this(16);
  }

  /** A map sized for about {@code expected} keys. */
  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(32, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    ids = new int[capacity];
    Arrays.fill(ids, -1);
  }

  int size() {
    return size;
  }

  /** The id of a key, giving it the next id when it is new. */
  int idOf(long key) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (true) {
      int id = ids[i];
      if (id < 0) {
        keys[i] = key;
        ids[i] = size;
        if (++size * 2 > keys.length) {
          rehash();
        }
        return size - 1;
      }
      if (keys[i] == key) {
        return id;
      }
      i = (i + 1) & mask;
    }
  }

  /** The id of a key, or -1 when it has none. */
  int get(long key) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (true) {
      int id = ids[i];
      if (id < 0 || keys[i] == key) {
        return id;
      }
      i = (i + 1) & mask;
    }
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new long[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    Arrays.fill(ids, -1);
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldIds[j] >= 0) {
        int i = mix(oldKeys[j]) & mask;
        while (ids[i] >= 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        ids[i] = oldIds[j];
      }
    }
  }
}
