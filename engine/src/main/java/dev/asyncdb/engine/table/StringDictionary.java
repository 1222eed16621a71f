package dev.asyncdb.engine.table;

import java.util.Arrays;

/**
 * Append-only dictionary of distinct strings with an open-addressing lookup that accepts char
 * slices, so the loader can dictionary-encode parser output without allocating a String per value.
 */
final class StringDictionary {
  private volatile String[] values = new String[16];
  private int size;
  private int[] table = new int[32];
  private int[] hashes = new int[16];

  int size() {
    return size;
  }

  String get(int code) {
    return values[code];
  }

  int code(String value) {
    int h = hash(value);
    int mask = table.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slot = table[i];
      if (slot == 0) {
        return add(value, h, i);
      }
      if (hashes[slot - 1] == h && values[slot - 1].equals(value)) {
        return slot - 1;
      }
    }
  }

  int code(char[] chars, int from, int length) {
    int h = 0;
    for (int i = from, end = from + length; i < end; i++) {
      h = 31 * h + chars[i];
    }
    int mask = table.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slot = table[i];
      if (slot == 0) {
        return add(new String(chars, from, length), h, i);
      }
      if (hashes[slot - 1] == h && sameChars(values[slot - 1], chars, from, length)) {
        return slot - 1;
      }
    }
  }

  /** Code of an existing value, or -1; never adds. */
  int find(String value) {
    int h = hash(value);
    int mask = table.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slot = table[i];
      if (slot == 0) {
        return -1;
      }
      if (hashes[slot - 1] == h && values[slot - 1].equals(value)) {
        return slot - 1;
      }
    }
  }

  private static int hash(String s) {
    return s.hashCode();
  }

  private static boolean sameChars(String s, char[] chars, int from, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (s.charAt(i) != chars[from + i]) {
        return false;
      }
    }
    return true;
  }

  private int add(String value, int h, int tableSlot) {
    int code = size;
    String[] vs = values;
    if (code == vs.length) {
      vs = Arrays.copyOf(vs, code * 2);
      hashes = Arrays.copyOf(hashes, code * 2);
    }
    vs[code] = value;
    hashes[code] = h;
    values = vs;
    size = code + 1;
    table[tableSlot] = code + 1;
    if (size * 2 > table.length) {
      rehash();
    }
    return code;
  }

  private void rehash() {
    int[] next = new int[table.length * 2];
    int mask = next.length - 1;
    for (int code = 0; code < size; code++) {
      int i = hashes[code] & mask;
      while (next[i] != 0) {
        i = (i + 1) & mask;
      }
      next[i] = code + 1;
    }
    table = next;
  }
}
