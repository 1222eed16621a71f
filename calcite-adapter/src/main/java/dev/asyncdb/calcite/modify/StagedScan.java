package dev.asyncdb.calcite.modify;

import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.StagedCollection;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * A collection scan inside a transaction that changed the collection: the committed rows in
 * order with the transaction's replacements swapped in and its deletions left out, then its
 * inserted records. Filters stay with Calcite on this path; transactions are short and rare next
 * to plain reads, which keep their pushdown.
 */
public final class StagedScan {
  private StagedScan() {}

  public static Enumerable<Object[]> of(List<SqlColumn> columns, TableVersion base, StagedCollection staged, int[] project) {
    Column[] sources = new Column[project.length];
    for (int i = 0; i < project.length; i++) {
      sources[i] = base.table().column(columns.get(project[i]).name());
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return Linq4j.iterableEnumerator(() -> new Rows(columns, base, staged, project, sources));
      }
    };
  }

  /** Walks the base slots, then the inserted records. */
  private static final class Rows implements Iterator<Object[]> {
    private final List<SqlColumn> columns;
    private final TableVersion base;
    private final StagedCollection staged;
    private final int[] project;
    private final Column[] sources;
    private final List<Map<String, Object>> inserted;
    private int slot = -1;
    private int insertedAt;
    private Object[] next;

    Rows(List<SqlColumn> columns, TableVersion base, StagedCollection staged, int[] project, Column[] sources) {
      this.columns = columns;
      this.base = base;
      this.staged = staged;
      this.project = project;
      this.sources = sources;
      this.inserted = new ArrayList<>(staged.inserted());
      advance();
    }

    private void advance() {
      next = null;
      while (++slot < base.slotCount()) {
        int row = base.rowAt(slot);
        if (row < 0) {
          continue;
        }
        if (!staged.replaces(row)) {
          next = fromColumns(row);
          return;
        }
        Map<String, Object> replacement = staged.replacement(row);
        if (replacement != null) {
          next = fromRecord(replacement);
          return;
        }
      }
      if (insertedAt < inserted.size()) {
        next = fromRecord(inserted.get(insertedAt++));
      }
    }

    private Object[] fromColumns(int row) {
      Object[] out = new Object[project.length];
      for (int i = 0; i < project.length; i++) {
        SqlColumn c = columns.get(project[i]);
        out[i] = c.wholeRecord() ? Json.write(base.record(row)) : c.read(sources[i], row);
      }
      return out;
    }

    private Object[] fromRecord(Map<String, Object> record) {
      Object[] out = new Object[project.length];
      for (int i = 0; i < project.length; i++) {
        SqlColumn c = columns.get(project[i]);
        out[i] = c.wholeRecord() ? Json.write(record) : c.convert(record.get(c.name()));
      }
      return out;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Object[] next() {
      Object[] out = next;
      advance();
      return out;
    }
  }
}
