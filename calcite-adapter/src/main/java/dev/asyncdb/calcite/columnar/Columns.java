package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.ScanSnapshot;
import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.ColumnView;
import java.util.HashMap;
import java.util.Map;

/** The column views of one execution, taken once per column so that every reader sees one representation. */
final class Columns {
  private final ScanSnapshot snapshot;
  private final Map<Integer, ColumnView> views = new HashMap<>();

  Columns(ScanSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  ScanSnapshot snapshot() {
    return snapshot;
  }

  SqlColumn sql(int column) {
    return snapshot.columns().get(column);
  }

  /** The view of a table column, or null when no record has the field. */
  ColumnView view(int column) {
    return views.computeIfAbsent(column, c -> {
      Column stored = snapshot.column(c);
      return stored == null ? null : stored.view();
    });
  }
}
