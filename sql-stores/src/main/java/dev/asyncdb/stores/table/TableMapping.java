package dev.asyncdb.stores.table;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.store.StoreContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one resource maps to a table: {@code {"table", "schema", "columns": {field: column},
 * "primaryKey": "id" | ["a", "b"], "readOnly", "migrate"}}, as in the reference's
 * {@code openSqliteDb({tables})} / {@code openPostgresDb({tables})}.
 *
 * @param primaryKey key fields (not columns); empty means "take the table's primary key"
 */
public record TableMapping(String resource, String schema, String table, Map<String, String> columns, List<String> primaryKey,
    boolean readOnly) {
  private static final Set<String> KEYS = Set.of("table", "schema", "columns", "primaryKey", "readOnly", "migrate");

  /** The column a field is stored in (renamed, or the field's own name). */
  public String column(String field) {
    return columns.getOrDefault(field, field);
  }

  /** Parses {@code stores.<alias>.tables}, failing with the path of the offending option. */
  public static List<TableMapping> parse(StoreContext context, String defaultSchema) {
    Object tables = context.options().get("tables");
    if (!(tables instanceof Map<?, ?> all)) {
      throw invalid(context, "tables", tables, "an object mapping resource names to tables");
    }
    List<TableMapping> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : all.entrySet()) {
      String resource = String.valueOf(e.getKey());
      String at = "tables." + resource;
      if (!(e.getValue() instanceof Map<?, ?> m)) {
        throw invalid(context, at, e.getValue(), "an object such as {\"table\": \"app_users\", \"primaryKey\": \"id\"}");
      }
      for (Object key : m.keySet()) {
        if (!KEYS.contains(String.valueOf(key))) {
          throw invalid(context, at + "." + key, m.get(key), "one of the options " + new java.util.TreeSet<>(KEYS) + " (unknown option)");
        }
      }
      // migrate: Async DB never creates or alters mapped tables; true is refused rather than ignored.
      if (m.get("migrate") != null && !Boolean.FALSE.equals(m.get("migrate"))) {
        throw invalid(context, at + ".migrate", m.get("migrate"), "false: mapped tables are never created or altered by Async DB");
      }
      String table = m.get("table") == null ? resource : text(context, at + ".table", m.get("table"));
      String schema = m.get("schema") == null ? defaultSchema : text(context, at + ".schema", m.get("schema"));
      Map<String, String> columns = new LinkedHashMap<>();
      if (m.get("columns") instanceof Map<?, ?> cols) {
        cols.forEach((f, c) -> columns.put(String.valueOf(f), text(context, at + ".columns." + f, c)));
      } else if (m.get("columns") != null) {
        throw invalid(context, at + ".columns", m.get("columns"), "an object {field: column}");
      }
      List<String> key = new ArrayList<>();
      Object pk = m.get("primaryKey");
      if (pk instanceof String s) {
        key.add(s);
      } else if (pk instanceof List<?> list && !list.isEmpty()) {
        list.forEach(k -> key.add(text(context, at + ".primaryKey", k)));
      } else if (pk != null) {
        throw invalid(context, at + ".primaryKey", pk, "a field name or a non-empty list of field names");
      }
      Object ro = m.get("readOnly");
      if (ro != null && !(ro instanceof Boolean)) {
        throw invalid(context, at + ".readOnly", ro, "true or false");
      }
      out.add(new TableMapping(resource, schema, table, columns, key, Boolean.TRUE.equals(ro)));
    }
    return out;
  }

  private static String text(StoreContext context, String at, Object v) {
    if (!(v instanceof String s) || s.isBlank()) {
      throw invalid(context, at, v, "a non-empty string");
    }
    return s;
  }

  static DbException invalid(StoreContext context, String at, Object received, String expected) {
    return new DbException("STORE_OPTION_INVALID", 500,
        "Store option " + context.where(at) + " must be " + expected + "; received " + received + ".",
        "Fix " + context.where(at) + " in db.config.json (or the same option of the Java API).",
        Map.of("store", context.alias(), "option", at, "received", String.valueOf(received)));
  }
}
