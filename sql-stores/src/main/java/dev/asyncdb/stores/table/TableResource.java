package dev.asyncdb.stores.table;

import dev.asyncdb.engine.ResourceKind;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.engine.sync.SourceInfo;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableVersion;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mapped table as a collection: its fields (one per column, renamed by the mapping, typed by the
 * catalog), its key, and the SQL that reads all rows, one row or the count, and writes one row.
 */
public final class TableResource {
  private final TableMapping mapping;
  private final String qualified;
  // Field name -> catalog column, in table order.
  private final Map<String, CatalogColumn> fields;
  private final List<String> key;
  private final ResourceDefinition definition;
  private final String tableName;
  private final List<String> names;
  private final String findSql;

  TableResource(TableMapping mapping, String tableName, String qualified, Map<String, CatalogColumn> fields, List<String> key, String alias) {
    this.mapping = mapping;
    this.tableName = tableName;
    this.qualified = qualified;
    this.fields = fields;
    this.key = key;
    this.names = List.copyOf(fields.keySet());
    this.findSql = "SELECT " + columnList(names) + " FROM " + qualified + where();
    Map<String, FieldDef> defs = new LinkedHashMap<>();
    fields.forEach((field, c) -> {
      boolean required = key.contains(field) || (!c.nullable() && !c.generated());
      FieldDef f = FieldDef.of(field, c.fieldType(), required);
      defs.put(field, c.fieldType() == FieldType.INTEGER ? f.withIntegral(true) : f);
    });
    ResourceSchema schema = new ResourceSchema(mapping.resource(), ResourceKind.COLLECTION, key.get(0), key.size() > 1 ? key : null,
        "Table " + qualified, defs, "schema", false);
    this.definition = new ResourceDefinition(schema, new SourceInfo("schema", null, null, null, null, null, false),
        new RecordTable().publishLoaded(new KeySpec(key)), null, alias, List.of(), List.of());
  }

  public ResourceDefinition definition() {
    return definition;
  }

  public TableMapping mapping() {
    return mapping;
  }

  /** The table as SQL names it, e.g. {@code "public"."app_users"}. */
  public String qualified() {
    return qualified;
  }

  /**
   * Every row of the table as records, in primary-key order; NULL columns are left out of the
   * record, as in the original.
   */
  TableVersion read(Connection c) throws SQLException {
    RecordTable table = new RecordTable();
    // Tables have no insertion order (PostgreSQL moves updated rows): primary-key order is the stable one.
    try (PreparedStatement ps = c.prepareStatement("SELECT " + columnList(names) + " FROM " + qualified + " ORDER BY " + columnList(key))) {
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          table.appendRecord(record(rs, names), -1, table.physicalRows());
        }
      }
    }
    return table.publishLoaded(new KeySpec(key));
  }

  /** The row of a key string (the id's string form, or a JSON array for compound keys) as a record, or null, read with {@link #findSql}'s statement. */
  Map<String, Object> find(PreparedStatement lookup, String keyString) throws SQLException {
    try {
      bindKey(lookup, 1, keyString);
    } catch (RuntimeException e) {
      // Not a value of the key columns' types (or not a compound key at all): no row holds it.
      return null;
    }
    try (ResultSet rs = lookup.executeQuery()) {
      return rs.next() ? record(rs, names) : null;
    }
  }

  /** The point lookup {@link #find} executes: the key columns bound in key order. */
  String findSql() {
    return findSql;
  }

  long count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + qualified); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The current row as a record; NULL columns are left out. */
  private Map<String, Object> record(ResultSet rs, List<String> names) throws SQLException {
    Map<String, Object> record = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      Object v = fromSql(fields.get(names.get(i)), rs.getObject(i + 1));
      if (v != null) {
        record.put(names.get(i), v);
      }
    }
    return record;
  }

  private String columnList(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String f : names) {
      sb.append(sb.length() == 0 ? "" : ", ").append(quote(fields.get(f).name()));
    }
    return sb.toString();
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** Inserts a record; fields that are not columns of the table are not stored. */
  void insert(Connection c, Map<String, Object> record) throws SQLException {
    List<String> present = new ArrayList<>();
    for (String f : fields.keySet()) {
      if (record.get(f) != null) {
        present.add(f);
      }
    }
    String sql = "INSERT INTO " + qualified + " (" + columnList(present) + ") VALUES (" + "?, ".repeat(present.size()).replaceAll(", $", "") + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < present.size(); i++) {
        bind(ps, i + 1, fields.get(present.get(i)), record.get(present.get(i)));
      }
      ps.executeUpdate();
    }
  }

  /** Replaces the row of {@code oldKey} with a record; returns the number of rows changed (0: the row is gone). */
  int update(Connection c, String oldKey, Map<String, Object> record) throws SQLException {
    List<String> set = new ArrayList<>(fields.keySet());
    StringBuilder sql = new StringBuilder("UPDATE " + qualified + " SET ");
    for (int i = 0; i < set.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quote(fields.get(set.get(i)).name())).append(" = ?");
    }
    sql.append(where());
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < set.size(); i++) {
        bind(ps, i + 1, fields.get(set.get(i)), record.get(set.get(i)));
      }
      bindKey(ps, set.size() + 1, oldKey);
      return ps.executeUpdate();
    }
  }

  int delete(Connection c, String oldKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualified + where())) {
      bindKey(ps, 1, oldKey);
      return ps.executeUpdate();
    }
  }

  /** Deletes the row holding a record's key; returns the number of rows deleted. */
  int deleteRecord(Connection c, Map<String, Object> record) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualified + where())) {
      for (int i = 0; i < key.size(); i++) {
        bind(ps, i + 1, fields.get(key.get(i)), record.get(key.get(i)));
      }
      return ps.executeUpdate();
    }
  }

  /** Field name to column name, in table order. */
  Map<String, String> columnsOfFields() {
    Map<String, String> out = new LinkedHashMap<>();
    fields.forEach((field, column) -> out.put(field, column.name()));
    return out;
  }

  /** The table's name in its schema, as the catalog spells it. */
  String tableName() {
    return tableName;
  }

  private String where() {
    StringBuilder sb = new StringBuilder(" WHERE ");
    for (int i = 0; i < key.size(); i++) {
      sb.append(i == 0 ? "" : " AND ").append(quote(fields.get(key.get(i)).name())).append(" = ?");
    }
    return sb.toString();
  }

  /** Binds the key values of a key string (the id's string form, or a JSON array for compound keys). */
  private void bindKey(PreparedStatement ps, int from, String keyString) throws SQLException {
    List<?> parts = key.size() == 1 ? List.of(keyString) : (List<?>) Json.parse(keyString);
    for (int i = 0; i < key.size(); i++) {
      bind(ps, from + i, fields.get(key.get(i)), parts.get(i));
    }
  }

  /** Converts a record value to what the column's JDBC type accepts (ids arrive as strings). */
  private static void bind(PreparedStatement ps, int index, CatalogColumn column, Object v) throws SQLException {
    if (v == null) {
      ps.setNull(index, column.jdbcType());
      return;
    }
    switch (column.fieldType()) {
      case INTEGER -> ps.setLong(index, v instanceof Number n ? n.longValue() : Long.parseLong(v.toString()));
      case NUMBER -> ps.setDouble(index, v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString()));
      case BOOLEAN -> ps.setBoolean(index, v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString()));
      case DATETIME -> ps.setObject(index, OffsetDateTime.parse(v.toString().endsWith("Z") || v.toString().matches(".*[+-]\\d\\d:\\d\\d$")
          ? v.toString() : v + "Z"));
      case DATE -> ps.setDate(index, java.sql.Date.valueOf(v.toString()));
      case JSON -> ps.setObject(index, Json.write(v), Types.OTHER);
      default -> ps.setString(index, v instanceof String s ? s : Json.write(v));
    }
  }

  /** Converts a column value to the JSON model of records. */
  private static Object fromSql(CatalogColumn column, Object v) {
    if (v == null) {
      return null;
    }
    FieldType type = column.fieldType();
    if (type == FieldType.JSON) {
      return Json.parse(v.toString());
    }
    if (type == FieldType.BOOLEAN && v instanceof Number n) {
      return n.intValue() != 0;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof BigDecimal d) {
      return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValue() : (Object) d.doubleValue();
    }
    if (v instanceof Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (type == FieldType.INTEGER && v instanceof Long) {
      return v;
    }
    return v instanceof Number || v instanceof String || v instanceof Boolean ? v : v.toString();
  }
}
