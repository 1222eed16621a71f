package dev.asyncdb.engine.table;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Interned record shapes: the ordered list of fields a record has. Each row stores only a shape
 * number, which keeps key order (records round-trip byte-identical) and tells a missing field apart
 * from an explicit {@code null} at four bytes per row.
 */
final class ShapeRegistry {
  private static final class Key {
    final int[] ordinals;
    final int hash;

    Key(int[] ordinals) {
      this.ordinals = ordinals;
      this.hash = Arrays.hashCode(ordinals);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(ordinals, k.ordinals);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private volatile int[][] shapes = new int[4][];
  private int size;
  private final Map<Key, Integer> ids = new HashMap<>();
  private int[] last = null;
  private int lastId = -1;

  /** Returns the id of a shape, registering it on first use; {@code ordinals} may be reused by the caller. */
  int intern(int[] ordinals, int length) {
    if (last != null && last.length == length && Arrays.equals(last, 0, length, ordinals, 0, length)) {
      return lastId;
    }
    int[] copy = Arrays.copyOf(ordinals, length);
    Key key = new Key(copy);
    Integer id = ids.get(key);
    if (id == null) {
      id = size;
      int[][] s = shapes;
      if (id == s.length) {
        s = Arrays.copyOf(s, id * 2);
      }
      s[id] = copy;
      shapes = s;
      size = id + 1;
      ids.put(key, id);
    }
    last = copy;
    lastId = id;
    return id;
  }

  int[] get(int id) {
    return shapes[id];
  }

  int size() {
    return size;
  }
}
