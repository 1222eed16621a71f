package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.CollectionTable;
import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.calcite.modify.SqlSession.InsertedRow;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code getGeneratedKeys()} answers after an INSERT: the stored rows' key columns (a
 * generated counter id included), or the columns the statement named — by name or position — so
 * defaults filled in by the engine can be read back too.
 */
final class GeneratedKeys {
  /** The columns a statement asked for: null arrays mean "the key columns". */
  record Request(int[] indexes, String[] names) {
    static final Request KEYS = new Request(null, null);
  }

  private GeneratedKeys() {}

  static ResultSet of(List<InsertedRow> inserted, Request request, Statement owner) throws SQLException {
    if (inserted.isEmpty()) {
      return RowsResultSet.of(List.of(), List.of(), ColumnsMetaData.of(null, List.of()), owner);
    }
    ResourceSchema table = inserted.get(0).table();
    List<SqlColumn> all = CollectionTable.columnsOf(table);
    List<SqlColumn> selected = select(all, table, request);
    List<Object[]> rows = new ArrayList<>(inserted.size());
    for (InsertedRow row : inserted) {
      if (row.table() != table) {
        continue;
      }
      Object[] values = new Object[selected.size()];
      for (int i = 0; i < values.length; i++) {
        SqlColumn c = selected.get(i);
        values[i] = c.wholeRecord() ? Json.write(row.record()) : c.convert(row.record().get(c.name()));
      }
      rows.add(values);
    }
    return RowsResultSet.of(selected, rows, ColumnsMetaData.of(table.name(), selected), owner);
  }

  private static List<SqlColumn> select(List<SqlColumn> all, ResourceSchema table, Request request) throws SQLException {
    List<SqlColumn> out = new ArrayList<>();
    if (request.names() != null) {
      for (String name : request.names()) {
        out.add(byName(all, table, name));
      }
    } else if (request.indexes() != null) {
      for (int i : request.indexes()) {
        if (i < 1 || i > all.size()) {
          throw new SQLException("Generated-key column index " + i + " is out of range 1.." + all.size() + " for table " + table.name() + ".", "42S22");
        }
        out.add(all.get(i - 1));
      }
    } else {
      for (SqlColumn c : all) {
        if (table.keyFields().contains(c.name())) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private static SqlColumn byName(List<SqlColumn> all, ResourceSchema table, String name) throws SQLException {
    for (SqlColumn c : all) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    for (SqlColumn c : all) {
      if (c.name().equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new SQLException("Generated-key column '" + name + "' is not a column of " + table.name() + ".", "42S22");
  }
}
