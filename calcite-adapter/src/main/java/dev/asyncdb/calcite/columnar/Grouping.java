package dev.asyncdb.calcite.columnar;

import java.util.Arrays;
import java.util.List;

/**
 * Assigns each row of a batch its group: a dense id (0, 1, 2, … in order of first appearance)
 * for its combination of {@link GroupKey} ids. Small key spaces (dictionary codes, booleans) index
 * an array directly; others go through a hash map. Without keys every row is in group 0, which
 * exists even when no row does (a global aggregate returns one row). When one joined row decides
 * the group ({@link #Grouping(List, int)}), groups follow that row's position and a key is read only
 * for the first row of each group.
 */
final class Grouping {
  /** Largest product of key bounds indexed directly. */
  private static final int DIRECT_LIMIT = 1 << 20;

  private final GroupKey[] keys;
  private final int[][] keyIds;
  private final long[] radix;
  private final int[] denseOfDirect;
  private final LongIntMap[] maps;
  /** Per position of the deciding rows, its group or -1; null unless grouping by position. */
  private final int[] denseOfPosition;
  private final Batch firstRows = new Batch();
  /** Per key, the key id of each group. */
  private int[][] groupKeyIds;
  private int groups;
  final int[] gids = new int[Batch.SIZE];
  private final int[] rawScratch = new int[Batch.SIZE];

  Grouping(List<GroupKey> keys) {
    this(keys, -1);
  }

  /**
   * A grouping by {@link #assignByPosition position} when {@code positions} is not negative: rows
   * of a join at one position of one input (below {@code positions}) are in one group, rows at
   * different positions in different groups — the caller has made sure the keys say so.
   */
  Grouping(List<GroupKey> keys, int positions) {
    this.keys = keys.toArray(new GroupKey[0]);
    this.denseOfPosition = positions < 0 ? null : new int[Math.max(1, positions)];
    if (denseOfPosition != null) {
      Arrays.fill(denseOfPosition, -1);
    }
    this.keyIds = new int[this.keys.length][Batch.SIZE];
    this.groupKeyIds = new int[this.keys.length][16];
    long product = 1;
    for (GroupKey k : this.keys) {
      product = k.bound() < 0 || product > DIRECT_LIMIT ? -1 : product * k.bound();
      if (product < 0) {
        break;
      }
    }
    if (this.keys.length == 0) {
      groups = 1;
      radix = null;
      denseOfDirect = null;
      maps = null;
    } else if (denseOfPosition != null) {
      radix = null;
      denseOfDirect = null;
      maps = null;
    } else if (product >= 0 && product <= DIRECT_LIMIT) {
      radix = new long[this.keys.length];
      long r = 1;
      for (int k = this.keys.length - 1; k >= 0; k--) {
        radix[k] = r;
        r *= this.keys[k].bound();
      }
      denseOfDirect = new int[(int) product];
      Arrays.fill(denseOfDirect, -1);
      maps = null;
    } else {
      radix = null;
      denseOfDirect = null;
      maps = new LongIntMap[this.keys.length];
      for (int k = 0; k < maps.length; k++) {
        maps[k] = new LongIntMap();
      }
    }
  }

  /** Number of groups so far. */
  int groups() {
    return groups;
  }

  /** Fills {@link #gids} for the rows of a batch, creating groups as new combinations appear. */
  void assign(Batch batch) {
    assign(k -> batch, batch.size);
  }

  /**
   * As {@link #assign(Batch)} for the rows of a join: key {@code k} reads its own input's rows,
   * {@code batchOfKey.apply(k)}, all of {@code n} rows aligned.
   */
  void assign(java.util.function.IntFunction<Batch> batchOfKey, int n) {
    if (keys.length == 0) {
      Arrays.fill(gids, 0, n, 0);
      return;
    }
    for (int k = 0; k < keys.length; k++) {
      keys[k].ids(batchOfKey.apply(k), keyIds[k]);
    }
    if (denseOfDirect != null) {
      int[] raws = rawIds(n);
      for (int i = 0; i < n; i++) {
        int raw = raws[i];
        int g = denseOfDirect[raw];
        if (g < 0) {
          g = newGroup(i);
          denseOfDirect[raw] = g;
        }
        gids[i] = g;
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      // Pairs of (combination so far, next key id) get dense ids level by level; the last level's id is the group.
      int combined = keys.length == 1 ? maps[0].idOf(keyIds[0][i]) : keyIds[0][i];
      for (int k = 1; k < keys.length; k++) {
        combined = maps[k].idOf(((long) combined << 32) | keyIds[k][i]);
      }
      if (combined == groups) {
        newGroup(i);
      }
      gids[i] = combined;
    }
  }

  /**
   * As {@link #assign(java.util.function.IntFunction, int)} for a grouping by position: row
   * {@code i}'s group is that of {@code positions[i]}. Only the rows that start a group have their
   * keys read, for the group's values.
   */
  void assignByPosition(int[] positions, java.util.function.IntFunction<Batch> batchOfKey, int n) {
    int[] dense = denseOfPosition;
    int[] starts = rawScratch;
    int first = groups;
    int started = 0;
    for (int i = 0; i < n; i++) {
      int p = positions[i];
      int g = dense[p];
      if (g < 0) {
        g = first + started;
        dense[p] = g;
        starts[started++] = i;
      }
      gids[i] = g;
    }
    if (started == 0) {
      return;
    }
    groups = first + started;
    if (groups > groupKeyIds[0].length) {
      for (int k = 0; k < keys.length; k++) {
        groupKeyIds[k] = Arrays.copyOf(groupKeyIds[k], Math.max(groups, groupKeyIds[k].length * 2));
      }
    }
    for (int k = 0; k < keys.length; k++) {
      int[] rows = batchOfKey.apply(k).rows;
      for (int j = 0; j < started; j++) {
        firstRows.rows[j] = rows[starts[j]];
      }
      firstRows.size = started;
      keys[k].ids(firstRows, keyIds[k]);
      System.arraycopy(keyIds[k], 0, groupKeyIds[k], first, started);
    }
  }

  /** Each row's index into the direct table: its key ids in mixed radix. */
  private int[] rawIds(int n) {
    int[] raws = keyIds[0];
    if (keys.length == 1) {
      return raws;
    }
    int[] out = rawScratch;
    int r0 = (int) radix[0];
    for (int i = 0; i < n; i++) {
      out[i] = r0 * raws[i];
    }
    for (int k = 1; k < keys.length; k++) {
      int r = (int) radix[k];
      int[] ids = keyIds[k];
      for (int i = 0; i < n; i++) {
        out[i] += r * ids[i];
      }
    }
    return out;
  }

  private int newGroup(int row) {
    int g = groups++;
    if (g == groupKeyIds[0].length) {
      for (int k = 0; k < keys.length; k++) {
        groupKeyIds[k] = Arrays.copyOf(groupKeyIds[k], g * 2);
      }
    }
    for (int k = 0; k < keys.length; k++) {
      groupKeyIds[k][g] = keyIds[k][row];
    }
    return g;
  }

  /** The SQL value of key {@code k} in group {@code g}. */
  Object keyValue(int k, int g) {
    return keys[k].value(groupKeyIds[k][g]);
  }

  /**
   * The groups as result rows: the key values, then each accumulator's result (only the first
   * value when {@code scalar}, a query of one column).
   */
  List<Object> results(Accumulator[] accumulators, boolean scalar) {
    List<Object> out = new java.util.ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      Object[] row = new Object[keys.length + accumulators.length];
      for (int k = 0; k < keys.length; k++) {
        row[k] = keyValue(k, g);
      }
      for (int i = 0; i < accumulators.length; i++) {
        row[keys.length + i] = accumulators[i].result(g);
      }
      out.add(scalar ? row[0] : row);
    }
    return out;
  }
}
