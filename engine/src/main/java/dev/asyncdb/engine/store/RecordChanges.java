package dev.asyncdb.engine.store;

import dev.asyncdb.engine.store.ResourceChange.Op;
import dev.asyncdb.engine.store.ResourceChange.RecordChange;
import dev.asyncdb.engine.table.RowRange;
import dev.asyncdb.engine.table.RowRecord;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The record-level changes of one resource in one write, in order: single changes, and runs of
 * rows a bulk insert appended ({@link RowRange}), whose {@link RecordChange}s are made only when a
 * store reads them one by one. The json store logs such a run straight from its rows. Read-only
 * to its readers.
 */
public final class RecordChanges extends AbstractList<RecordChange> implements RandomAccess {
  /** Each a {@link RecordChange} or a {@link RowRange} of inserts. */
  private final List<Object> parts = new ArrayList<>();
  private int size;

  /** Adds one change. */
  public void append(RecordChange change) {
    parts.add(change);
    size++;
  }

  /** Adds the inserts of a run of rows. */
  public void appendInserted(RowRange rows) {
    if (rows.size() > 0) {
      parts.add(rows);
      size += rows.size();
    }
  }

  /** The changes as they were added: {@link RecordChange}s and {@link RowRange}s of inserts. */
  public List<Object> parts() {
    return java.util.Collections.unmodifiableList(parts);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public RecordChange get(int index) {
    java.util.Objects.checkIndex(index, size);
    int at = index;
    for (Object part : parts) {
      if (part instanceof RowRange rows) {
        if (at < rows.size()) {
          return inserted(rows, rows.first() + at);
        }
        at -= rows.size();
      } else if (at == 0) {
        return (RecordChange) part;
      } else {
        at--;
      }
    }
    throw new IllegalStateException("index " + index + " beyond " + size + " changes");
  }

  @Override
  public java.util.Iterator<RecordChange> iterator() {
    // In order without searching the parts per change.
    return new java.util.Iterator<>() {
      private int part;
      private int row = -1;

      @Override
      public boolean hasNext() {
        return part < parts.size();
      }

      @Override
      public RecordChange next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        Object p = parts.get(part);
        if (p instanceof RowRange rows) {
          int r = row < 0 ? rows.first() : row;
          row = r + 1;
          if (row == rows.end()) {
            part++;
            row = -1;
          }
          return inserted(rows, r);
        }
        part++;
        return (RecordChange) p;
      }
    };
  }

  private static RecordChange inserted(RowRange rows, int row) {
    return new RecordChange(Op.INSERT, rows.table().keyOf(row), new RowRecord(rows.table(), row));
  }
}
