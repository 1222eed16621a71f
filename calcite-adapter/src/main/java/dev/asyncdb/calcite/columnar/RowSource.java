package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.ScanSnapshot;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rows of a {@link ScanSnapshot} in scan order, a batch at a time: the rows a lookup or index
 * selected, or every live slot of the version filtered by the scan's conditions. Batches may hold
 * fewer than {@link Batch#SIZE} rows (even none) before the end.
 */
final class RowSource {
  private final ScanSnapshot snapshot;
  private final TableVersion version;
  private final int[] selected;
  private final RowFilter[] filters;
  private final int end;
  private int position;
  /** Rows each filter saw and kept, to order them by what they drop. */
  private final long[] rowsIn;
  private final long[] rowsOut;
  private static final int REORDER_AFTER = 8;

  RowSource(Columns columns) {
    this(columns, 0, length(columns.snapshot()));
  }

  /**
   * The rows of scan positions {@code from..to-1}: indexes into the selected rows, or slots. Two
   * sources over parts of one snapshot may run on two threads when each has its own {@link Columns}.
   */
  RowSource(Columns columns, int from, int to) {
    this(columns, from, to, List.of());
  }

  /** {@link #RowSource(Columns, int, int)} with {@code extra} filters besides the scan's conditions. */
  RowSource(Columns columns, int from, int to, List<RowFilter> extra) {
    this(columns, columns.snapshot().rows(), from, to, extra);
  }

  /**
   * The rows of {@code selected} (live physical rows of the snapshot's version, in scan order; they
   * stand for a full scan's) that pass the scan's conditions and {@code extra}.
   */
  RowSource(Columns columns, int[] selected, List<RowFilter> extra) {
    this(columns, selected, 0, selected.length, extra);
  }

  private RowSource(Columns columns, int[] selected, int from, int to, List<RowFilter> extra) {
    this.snapshot = columns.snapshot();
    this.version = snapshot.version();
    this.selected = selected;
    List<RowFilter> all = new ArrayList<>(RowFilter.of(snapshot.conditions(), columns));
    all.addAll(extra);
    all.sort(Comparator.comparingInt(RowFilter::cost));
    this.filters = all.toArray(new RowFilter[0]);
    this.position = from;
    this.end = to;
    this.rowsIn = new long[filters.length];
    this.rowsOut = new long[filters.length];
  }

  /** Number of scan positions of a snapshot: its selected rows, or its version's slots. */
  static int length(ScanSnapshot snapshot) {
    return snapshot.rows() != null ? snapshot.rows().length : snapshot.version().slotCount();
  }

  /** Fills the next batch; false at the end. Checks for cancellation every few batches. */
  boolean next(Batch batch) {
    if (position >= end) {
      return false;
    }
    if ((batch.id & 63) == 0) {
      snapshot.checkCancelled();
    }
    int to = Math.min(end, position + Batch.SIZE);
    int n;
    if (selected != null) {
      n = to - position;
      System.arraycopy(selected, position, batch.rows, 0, n);
    } else {
      n = version.liveRows(position, to, batch.rows);
    }
    position = to;
    for (int f = 0; f < filters.length && n > 0; f++) {
      int before = n;
      n = filters[f].filter(batch.rows, n);
      rowsIn[f] += before;
      rowsOut[f] += n;
    }
    batch.size = n;
    if (++batch.id == REORDER_AFTER) {
      reorder();
    }
    return true;
  }

  /**
   * Puts the filters that drop the most rows per unit of cost first, as measured on the first
   * batches (the filters are independent: any order gives the same rows).
   */
  private void reorder() {
    Integer[] order = new Integer[filters.length];
    double[] score = new double[filters.length];
    for (int f = 0; f < filters.length; f++) {
      order[f] = f;
      score[f] = rowsIn[f] == 0 ? 0 : (1 - (double) rowsOut[f] / rowsIn[f]) / filters[f].cost();
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    RowFilter[] sorted = new RowFilter[filters.length];
    for (int f = 0; f < filters.length; f++) {
      sorted[f] = filters[order[f]];
    }
    System.arraycopy(sorted, 0, filters, 0, filters.length);
  }
}
