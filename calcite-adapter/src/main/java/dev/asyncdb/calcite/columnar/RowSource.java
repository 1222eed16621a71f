package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.ScanSnapshot;
import dev.asyncdb.engine.table.TableVersion;

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

  RowSource(Columns columns) {
    this.snapshot = columns.snapshot();
    this.version = snapshot.version();
    this.selected = snapshot.rows();
    this.filters = RowFilter.of(snapshot.conditions(), columns).toArray(new RowFilter[0]);
    this.end = selected != null ? selected.length : version.slotCount();
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
    for (RowFilter f : filters) {
      if (n == 0) {
        break;
      }
      n = f.filter(batch.rows, n);
    }
    batch.size = n;
    batch.id++;
    return true;
  }
}
