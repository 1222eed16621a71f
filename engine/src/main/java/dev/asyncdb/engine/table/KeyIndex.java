package dev.asyncdb.engine.table;

/**
 * Open-addressing hash index from key string to the newest physical row holding that key.
 *
 * <p>Older versions of a key are reached through the table's previous-version links, so one entry
 * per key serves every snapshot: a reader walks back from the newest row to the first one its
 * version can see. Entries are only added or repointed, never cleared, so a reader probing while the
 * single writer inserts still finds every key its version can see. Hash and row live side by side in
 * one array that is replaced, never resized in place.
 */
final class KeyIndex {
  /** Key access over the table's columns, avoiding a String per row where the column allows. */
  interface Keys {
    /** Whether the row has a key at all. */
    boolean hasKey(int row);

    /** {@code String.hashCode()} of the row's key string. */
    int hashOf(int row);

    boolean matches(int row, String key);

    /** Whether the row's key equals the key of row {@code otherRow} of a packed-text column of another table. */
    boolean matches(int row, Column other, int otherRow);

    boolean sameKey(int a, int b);
  }

  private final Keys keys;
  /** Pairs of (hash, row + 1); row + 1 == 0 marks an empty pair. */
  private volatile int[] table = new int[32];
  private int used;

  KeyIndex(Keys keys) {
    this.keys = keys;
  }

  /** Newest physical row for a key, or -1. */
  int newest(String key) {
    int h = mix(key.hashCode());
    int[] t = table;
    int mask = (t.length >>> 1) - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int entry = t[2 * i + 1];
      if (entry == 0) {
        return -1;
      }
      if (t[2 * i] == h && keys.matches(entry - 1, key)) {
        return entry - 1;
      }
    }
  }

  /**
   * Newest physical row whose key equals the key of row {@code otherRow} of {@code other} (a column
   * of another table), whose key string hashes to {@code hash}; -1 when there is none.
   */
  int newest(int hash, Column other, int otherRow) {
    int h = mix(hash);
    int[] t = table;
    int mask = (t.length >>> 1) - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int entry = t[2 * i + 1];
      if (entry == 0) {
        return -1;
      }
      if (t[2 * i] == h && keys.matches(entry - 1, other, otherRow)) {
        return entry - 1;
      }
    }
  }

  /** Takes free slot {@code i} of {@code t} for a key of hash {@code h} and its row, growing the table when half full. */
  private void claim(int[] t, int i, int h, int row) {
    t[2 * i] = h;
    t[2 * i + 1] = row + 1;
    used++;
    if (used * 2 > (t.length >>> 1)) {
      grow();
    }
  }

  /** Points a key at a newer physical row (writer only). */
  void put(String key, int row) {
    int h = mix(key.hashCode());
    int[] t = table;
    int mask = (t.length >>> 1) - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int entry = t[2 * i + 1];
      if (entry == 0) {
        claim(t, i, h, row);
        return;
      }
      if (t[2 * i] == h && keys.matches(entry - 1, key)) {
        t[2 * i + 1] = row + 1;
        return;
      }
    }
  }

  /**
   * Points a key at {@code row} (writer only) unless it already points at a row from {@code from}
   * on; returns the row it pointed at before (-1 for a new key). One probe: a batch appended from
   * row {@code from} indexes its keys and finds a key repeated within it at the same time.
   */
  int putUnlessFrom(String key, int row, int from) {
    int h = mix(key.hashCode());
    int[] t = table;
    int mask = (t.length >>> 1) - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int entry = t[2 * i + 1];
      if (entry == 0) {
        claim(t, i, h, row);
        return -1;
      }
      if (t[2 * i] == h && keys.matches(entry - 1, key)) {
        if (entry - 1 < from) {
          t[2 * i + 1] = row + 1;
        }
        return entry - 1;
      }
    }
  }

  /**
   * Indexes a freshly loaded row unless its key is already present; returns the row that holds the
   * key already (a duplicate), or -1 when this row was indexed. One probe, no String per row.
   */
  int putLoaded(int row) {
    int h = mix(keys.hashOf(row));
    int[] t = table;
    int mask = (t.length >>> 1) - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int entry = t[2 * i + 1];
      if (entry == 0) {
        claim(t, i, h, row);
        return -1;
      }
      if (t[2 * i] == h && keys.sameKey(entry - 1, row)) {
        return entry - 1;
      }
    }
  }

  /** Newest physical row other than {@code row} holding the key of {@code row}, or -1; one probe, no String. */
  int newestOfRow(int row) {
    int h = mix(keys.hashOf(row));
    int[] t = table;
    int mask = (t.length >>> 1) - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int entry = t[2 * i + 1];
      if (entry == 0) {
        return -1;
      }
      if (t[2 * i] == h && entry - 1 != row && keys.sameKey(entry - 1, row)) {
        return entry - 1;
      }
    }
  }

  /** Points the key of {@code row} at {@code target} (writer only): {@code row} itself when appended, an older row to undo. */
  void pointKeyOf(int row, int target) {
    int h = mix(keys.hashOf(row));
    int[] t = table;
    int mask = (t.length >>> 1) - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int entry = t[2 * i + 1];
      if (entry == 0) {
        claim(t, i, h, target);
        return;
      }
      if (t[2 * i] == h && (entry - 1 == row || keys.sameKey(entry - 1, row))) {
        t[2 * i + 1] = target + 1;
        return;
      }
    }
  }

  int size() {
    return used;
  }

  /** A copy of the hash table, for a snapshot ({@link TableCodec}). */
  int[] copyTable() {
    return table.clone();
  }

  /** Takes over a table read back from a snapshot of the same rows and key, instead of indexing them again. */
  void adopt(int[] pairs, int count) {
    table = pairs;
    used = count;
  }

  /** Pre-sizes the table for a bulk load. */
  void reserve(int keysExpected) {
    if (used == 0) {
      int pairs = Integer.highestOneBit(Math.max(16, keysExpected * 2 - 1)) << 1;
      if (pairs * 2 > table.length) {
        table = new int[pairs * 2];
      }
    }
  }

  private void grow() {
    int[] old = table;
    int[] next = new int[old.length * 2];
    int mask = (next.length >>> 1) - 1;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i + 1] != 0) {
        int j = old[i] & mask;
        while (next[2 * j + 1] != 0) {
          j = (j + 1) & mask;
        }
        next[2 * j] = old[i];
        next[2 * j + 1] = old[i + 1];
      }
    }
    table = next;
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h & 0x7fffffff;
  }

  @Override
  public String toString() {
    return "KeyIndex[" + used + " keys]";
  }
}
