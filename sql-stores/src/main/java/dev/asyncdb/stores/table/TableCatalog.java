package dev.asyncdb.stores.table;

import dev.asyncdb.engine.DbException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolves a {@link TableMapping} against the database catalog: the table, its columns and its key. */
final class TableCatalog {
  private TableCatalog() {}

  static TableResource resolve(Connection c, TableMapping m, String alias, String where) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String table = findTable(meta, m, alias, where);
    Map<String, String> fieldOfColumn = new LinkedHashMap<>();
    m.columns().forEach((field, column) -> fieldOfColumn.put(column, field));
    Map<String, CatalogColumn> fields = new LinkedHashMap<>();
    List<String> columnNames = new ArrayList<>();
    try (ResultSet rs = meta.getColumns(null, m.schema(), table, null)) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME");
        columnNames.add(name);
        boolean generated = rs.getString("COLUMN_DEF") != null || "YES".equals(rs.getString("IS_AUTOINCREMENT"));
        CatalogColumn col = new CatalogColumn(name, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
            rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, generated);
        fields.put(fieldOfColumn.getOrDefault(name, name), col);
      }
    }
    for (Map.Entry<String, String> e : m.columns().entrySet()) {
      if (!columnNames.contains(e.getValue())) {
        throw new DbException("STORE_TABLE_COLUMN_NOT_FOUND", 500,
            "Resource \"" + m.resource() + "\" maps field \"" + e.getKey() + "\" to column \"" + e.getValue() + "\", which table " + table
                + " in " + where + " does not have.",
            "Fix stores." + alias + ".tables." + m.resource() + ".columns; the table's columns are " + columnNames + ".",
            Map.of("resource", m.resource(), "column", e.getValue(), "columns", columnNames));
      }
    }
    List<String> key = new ArrayList<>(m.primaryKey());
    if (key.isEmpty()) {
      Map<Short, String> ordered = new java.util.TreeMap<>();
      try (ResultSet rs = meta.getPrimaryKeys(null, m.schema(), table)) {
        while (rs.next()) {
          String column = rs.getString("COLUMN_NAME");
          ordered.put(rs.getShort("KEY_SEQ"), fieldOfColumn.getOrDefault(column, column));
        }
      }
      key.addAll(ordered.values());
    }
    if (key.isEmpty()) {
      throw new DbException("STORE_TABLE_PRIMARY_KEY_MISSING", 500,
          "Table " + table + " in " + where + " (resource \"" + m.resource() + "\") has no primary key, and none is configured.",
          "Set stores." + alias + ".tables." + m.resource() + ".primaryKey to the field (or list of fields) that identifies a row.",
          Map.of("resource", m.resource(), "table", table));
    }
    for (String k : key) {
      if (!fields.containsKey(k)) {
        throw new DbException("STORE_TABLE_COLUMN_NOT_FOUND", 500,
            "Resource \"" + m.resource() + "\" names \"" + k + "\" in its primaryKey, but table " + table + " in " + where + " has no such field.",
            "Use field names (after column renames) in primaryKey; the fields are " + fields.keySet() + ".",
            Map.of("resource", m.resource(), "field", k, "fields", List.copyOf(fields.keySet())));
      }
    }
    String qualified = (m.schema() == null ? "" : TableResource.quote(m.schema()) + ".") + TableResource.quote(table);
    return new TableResource(m, table, qualified, fields, key, alias);
  }

  /** The table's name as the catalog spells it; a case-insensitive match is accepted. */
  private static String findTable(DatabaseMetaData meta, TableMapping m, String alias, String where) throws SQLException {
    List<String> all = new ArrayList<>();
    try (ResultSet rs = meta.getTables(null, m.schema(), null, new String[] {"TABLE", "VIEW"})) {
      while (rs.next()) {
        all.add(rs.getString("TABLE_NAME"));
      }
    }
    if (all.contains(m.table())) {
      return m.table();
    }
    for (String t : all) {
      if (t.equalsIgnoreCase(m.table())) {
        return t;
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("resource", m.resource());
    details.put("table", m.table());
    details.put("available", all.size() > 50 ? all.subList(0, 50) : all);
    throw new DbException("STORE_TABLE_NOT_FOUND", 500,
        "Resource \"" + m.resource() + "\" maps to table " + (m.schema() == null ? "" : m.schema() + ".") + m.table() + ", which " + where + " does not have.",
        "Fix stores." + alias + ".tables." + m.resource() + ".table (and .schema); mapped tables are never created (migrate is false). "
            + (all.isEmpty() ? "That schema has no tables." : "Tables there: " + String.join(", ", all.size() > 20 ? all.subList(0, 20) : all) + "."),
        details);
  }
}
