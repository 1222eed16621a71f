package dev.asyncdb.calcite;

import dev.asyncdb.engine.AsyncDb;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code meta} schema: what the project holds, as tables — {@code resources}, {@code fields},
 * {@code relations}, {@code indexes}, {@code diagnostics} and {@code table_info} (SQLite's PRAGMA table_info for
 * every table). JDBC metadata calls and remote tools read their answers from here.
 */
public final class MetaSchema extends AbstractSchema {
  public static final String NAME = "meta";

  private final Map<String, Table> tables;

  public MetaSchema(AsyncDb db) {
    Introspection in = new Introspection(db);
    SqlTypeName v = SqlTypeName.VARCHAR;
    SqlTypeName b = SqlTypeName.BIGINT;
    SqlTypeName bool = SqlTypeName.BOOLEAN;
    this.tables = Map.of(
        "resources", new ListTable("resources", List.of(col("name", v), col("kind", v), col("type_name", v), col("route_path", v),
            col("key_fields", v), col("store", v), col("source", v), col("type_source", v), col("row_count", b), col("description", v)),
            in::resources, Schema.TableType.SYSTEM_TABLE),
        "fields", new ListTable("fields", List.of(col("resource", v), col("name", v), col("position", SqlTypeName.INTEGER), col("type", v),
            col("sql_type", v), col("not_null", bool), col("required", bool), col("primary_key", bool), col("enum_values", v),
            col("default_value", v), col("description", v)), in::fields, Schema.TableType.SYSTEM_TABLE),
        "relations", new ListTable("relations", List.of(col("resource", v), col("field", v), col("name", v), col("to_resource", v),
            col("to_field", v), col("cardinality", v)), in::relations, Schema.TableType.SYSTEM_TABLE),
        "indexes", new ListTable("indexes", List.of(col("resource", v), col("name", v), col("unique", bool), col("position", b),
            col("field", v)), in::indexes, Schema.TableType.SYSTEM_TABLE),
        "diagnostics", new ListTable("diagnostics", List.of(col("code", v), col("severity", v), col("resource", v), col("field", v),
            col("file", v), col("line", b), col("column", b), col("message", v), col("hint", v)), in::diagnostics, Schema.TableType.SYSTEM_TABLE),
        "table_info", new ListTable("table_info", List.of(col("table_name", v), col("cid", b), col("name", v), col("type", v),
            col("notnull", b), col("dflt_value", v), col("pk", b)), in::tableInfo, Schema.TableType.SYSTEM_TABLE));
  }

  /** SQLite's {@code sqlite_master}, placed in the project's default schema so unqualified queries find it. */
  public static Table sqliteMaster(AsyncDb db) {
    Introspection in = new Introspection(db);
    SqlTypeName v = SqlTypeName.VARCHAR;
    return new ListTable("sqlite_master", List.of(col("type", v), col("name", v), col("tbl_name", v), col("rootpage", SqlTypeName.BIGINT),
        col("sql", v)), in::sqliteMaster, Schema.TableType.SYSTEM_TABLE);
  }

  private static ListTable.Col col(String name, SqlTypeName type) {
    return new ListTable.Col(name, type);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
