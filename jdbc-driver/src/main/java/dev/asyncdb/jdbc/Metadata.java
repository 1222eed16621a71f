package dev.asyncdb.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import dev.asyncdb.calcite.AsyncDbSchema;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * {@code DatabaseMetaData} with the answers stock Calcite lacks: primary keys, imported keys from
 * declared relations, index info for keys, column types without "NOT NULL" in {@code TYPE_NAME},
 * remarks from field descriptions, the product's name and version, and what transactions offer
 * (snapshot isolation, reported as {@code TRANSACTION_REPEATABLE_READ}). Each answer is a query on
 * the {@code meta} schema, so it is a real result set that works locally and (later) remotely.
 */
final class Metadata {
  private static final String DB = "db";

  private Metadata() {}

  static DatabaseMetaData wrap(DatabaseMetaData target, Connection connection) {
    return (DatabaseMetaData) Proxy.newProxyInstance(Metadata.class.getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
        (p, m, a) -> {
          Object answer = answer(target, m, a, connection);
          return answer != NOT_HANDLED ? answer : ConnectionWrapper.call(target, m, a);
        });
  }

  /** Calcite's table list without the snake_case aliases of resource names ({@code audit_log} for {@code auditLog}). */
  private static ResultSet withoutAliases(ResultSet tables, Connection c) throws SQLException {
    if (!c.isWrapperFor(CalciteConnection.class)) {
      // A remote connection: the server's embedded metadata has already left the aliases out.
      return tables;
    }
    SchemaPlus db = c.unwrap(CalciteConnection.class).getRootSchema().getSubSchema(DB);
    AsyncDbSchema schema = db == null ? null : db.unwrap(AsyncDbSchema.class);
    if (schema == null) {
      return tables;
    }
    return (ResultSet) Proxy.newProxyInstance(Metadata.class.getClassLoader(), new Class<?>[] {ResultSet.class}, (p, m, a) -> {
      if (m.getName().equals("next") && (a == null || a.length == 0)) {
        while (tables.next()) {
          String in = tables.getString("TABLE_SCHEM");
          // Pushdown schemas are plumbing: their tables are the mapped resources' tables under other names.
          boolean plumbing = in != null && in.contains(dev.asyncdb.calcite.pushdown.PushdownDatabase.PREFIX);
          if (!plumbing && !(DB.equals(in) && schema.isAlias(tables.getString("TABLE_NAME")))) {
            return true;
          }
        }
        return false;
      }
      return ConnectionWrapper.call(tables, m, a);
    });
  }

  private static final Object NOT_HANDLED = new Object();

  private static Object answer(DatabaseMetaData target, Method m, Object[] a, Connection c) throws Throwable {
    switch (m.getName()) {
      case "getConnection":
        return c;
      case "getDatabaseProductName":
        return "Async DB";
      case "getDatabaseProductVersion":
        return dev.asyncdb.engine.AsyncDb.version();
      case "getDriverName":
        return "Async DB JDBC driver";
      case "getDriverVersion":
        return dev.asyncdb.engine.AsyncDb.version();
      case "supportsTransactions":
      case "supportsMultipleTransactions":
      case "supportsGetGeneratedKeys":
      case "supportsBatchUpdates":
      case "dataDefinitionCausesTransactionCommit":
        return true;
      case "supportsSavepoints":
      case "supportsDataDefinitionAndDataManipulationTransactions":
        return false;
      case "getDefaultTransactionIsolation":
        return Connection.TRANSACTION_REPEATABLE_READ;
      case "supportsTransactionIsolationLevel":
        return (Integer) a[0] != Connection.TRANSACTION_SERIALIZABLE;
      case "isReadOnly":
        return c.isReadOnly();
      // Identifiers keep their case and match case-insensitively (Calcite's settings in Driver). Said
      // here because Avatica's remote metadata would claim upper case, and tools such as sqlline
      // then upper-case the table names they look up.
      case "storesUpperCaseIdentifiers", "storesLowerCaseIdentifiers", "storesUpperCaseQuotedIdentifiers",
          "storesLowerCaseQuotedIdentifiers", "supportsMixedCaseIdentifiers", "supportsMixedCaseQuotedIdentifiers":
        return false;
      case "storesMixedCaseIdentifiers", "storesMixedCaseQuotedIdentifiers":
        return true;
      case "getPrimaryKeys":
        if (!ours((String) a[1])) {
          return NOT_HANDLED;
        }
        return query(c, "SELECT CAST(NULL AS VARCHAR) AS TABLE_CAT, '" + DB + "' AS TABLE_SCHEM, \"resource\" AS TABLE_NAME, \"name\" AS COLUMN_NAME,"
            + " CAST(\"position\" AS SMALLINT) AS KEY_SEQ, CAST('pk_' || \"resource\" AS VARCHAR) AS PK_NAME"
            + " FROM \"meta\".\"fields\" WHERE \"primary_key\" AND \"resource\" = ? ORDER BY \"position\"", a[2]);
      case "getImportedKeys":
        return ours((String) a[1]) ? query(c, keys("resource", "\"to_resource\", \"field\""), a[2]) : NOT_HANDLED;
      case "getExportedKeys":
        return ours((String) a[1]) ? query(c, keys("to_resource", "\"resource\", \"field\""), a[2]) : NOT_HANDLED;
      case "getIndexInfo":
        if (!ours((String) a[1])) {
          return NOT_HANDLED;
        }
        return query(c, "SELECT CAST(NULL AS VARCHAR) AS TABLE_CAT, '" + DB + "' AS TABLE_SCHEM, \"resource\" AS TABLE_NAME, FALSE AS NON_UNIQUE,"
            + " CAST(NULL AS VARCHAR) AS INDEX_QUALIFIER, CAST('pk_' || \"resource\" AS VARCHAR) AS INDEX_NAME,"
            + " CAST(" + DatabaseMetaData.tableIndexHashed + " AS SMALLINT) AS TYPE, CAST(\"position\" AS SMALLINT) AS ORDINAL_POSITION,"
            + " \"name\" AS COLUMN_NAME, CAST(NULL AS VARCHAR) AS ASC_OR_DESC, CAST(NULL AS BIGINT) AS \"CARDINALITY\", CAST(NULL AS BIGINT) AS \"PAGES\","
            + " CAST(NULL AS VARCHAR) AS FILTER_CONDITION FROM \"meta\".\"fields\" WHERE \"primary_key\" AND \"resource\" = ?"
            // Declared indexes (resources.<name>.indexes, CREATE INDEX); only unique ones when the caller asks for unique.
            + " UNION ALL SELECT CAST(NULL AS VARCHAR), '" + DB + "', \"resource\", NOT \"unique\", CAST(NULL AS VARCHAR), \"name\","
            + " CAST(" + DatabaseMetaData.tableIndexOther + " AS SMALLINT), CAST(\"position\" AS SMALLINT), \"field\", CAST('A' AS VARCHAR),"
            + " CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR) FROM \"meta\".\"indexes\""
            + " WHERE \"resource\" = ? AND (\"unique\" OR NOT ?)"
            + " ORDER BY NON_UNIQUE, INDEX_NAME, ORDINAL_POSITION", a[2], a[2], Boolean.TRUE.equals(a[3]));
      case "getTables":
        return withoutAliases((ResultSet) ConnectionWrapper.call(target, m, a), c);
      case "getColumns":
        if (!ours((String) a[1])) {
          return NOT_HANDLED;
        }
        return query(c, "SELECT CAST(NULL AS VARCHAR) AS TABLE_CAT, '" + DB + "' AS TABLE_SCHEM, \"resource\" AS TABLE_NAME, \"name\" AS COLUMN_NAME,"
            + " CASE \"sql_type\" WHEN 'VARCHAR' THEN " + java.sql.Types.VARCHAR + " WHEN 'BIGINT' THEN " + java.sql.Types.BIGINT
            + " WHEN 'DOUBLE' THEN " + java.sql.Types.DOUBLE + " WHEN 'BOOLEAN' THEN " + java.sql.Types.BOOLEAN
            + " WHEN 'DATE' THEN " + java.sql.Types.DATE + " WHEN 'VARBINARY' THEN " + java.sql.Types.VARBINARY
            + " ELSE " + java.sql.Types.TIMESTAMP + " END AS DATA_TYPE,"
            + " \"sql_type\" AS TYPE_NAME, CASE \"sql_type\" WHEN 'BIGINT' THEN 19 WHEN 'DOUBLE' THEN 15 WHEN 'BOOLEAN' THEN 1 WHEN 'DATE' THEN 10"
            + " WHEN 'TIMESTAMP(3)' THEN 23 ELSE 2147483647 END AS COLUMN_SIZE, CAST(NULL AS INTEGER) AS BUFFER_LENGTH,"
            + " CASE \"sql_type\" WHEN 'BIGINT' THEN 0 WHEN 'TIMESTAMP(3)' THEN 3 ELSE CAST(NULL AS INTEGER) END AS DECIMAL_DIGITS,"
            + " 10 AS NUM_PREC_RADIX, CASE WHEN \"not_null\" THEN " + DatabaseMetaData.columnNoNulls + " ELSE " + DatabaseMetaData.columnNullable
            + " END AS NULLABLE, \"description\" AS REMARKS, \"default_value\" AS COLUMN_DEF, CAST(NULL AS INTEGER) AS SQL_DATA_TYPE,"
            + " CAST(NULL AS INTEGER) AS SQL_DATETIME_SUB, CAST(NULL AS INTEGER) AS CHAR_OCTET_LENGTH, \"position\" AS ORDINAL_POSITION,"
            + " CASE WHEN \"not_null\" THEN 'NO' ELSE 'YES' END AS IS_NULLABLE, CAST(NULL AS VARCHAR) AS SCOPE_CATALOG,"
            + " CAST(NULL AS VARCHAR) AS SCOPE_SCHEMA, CAST(NULL AS VARCHAR) AS SCOPE_TABLE, CAST(NULL AS SMALLINT) AS SOURCE_DATA_TYPE,"
            + " 'NO' AS IS_AUTOINCREMENT, 'NO' AS IS_GENERATEDCOLUMN FROM \"meta\".\"fields\""
            + " WHERE \"resource\" LIKE ? AND \"name\" LIKE ? ORDER BY \"resource\", \"position\"",
            a[2] == null ? "%" : a[2], a[3] == null ? "%" : a[3]);
      default:
        return NOT_HANDLED;
    }
  }

  /** Foreign keys (declared relations) of one table, selected by the given side of the relation. */
  private static String keys(String tableColumn, String orderBy) {
    return "SELECT CAST(NULL AS VARCHAR) AS PKTABLE_CAT, '" + DB + "' AS PKTABLE_SCHEM, \"to_resource\" AS PKTABLE_NAME,"
        + " \"to_field\" AS PKCOLUMN_NAME, CAST(NULL AS VARCHAR) AS FKTABLE_CAT, '" + DB + "' AS FKTABLE_SCHEM, \"resource\" AS FKTABLE_NAME,"
        + " \"field\" AS FKCOLUMN_NAME, CAST(1 AS SMALLINT) AS KEY_SEQ, CAST(" + DatabaseMetaData.importedKeyNoAction + " AS SMALLINT) AS UPDATE_RULE,"
        + " CAST(" + DatabaseMetaData.importedKeyNoAction + " AS SMALLINT) AS DELETE_RULE, \"name\" AS FK_NAME,"
        + " CAST('pk_' || \"to_resource\" AS VARCHAR) AS PK_NAME, CAST(" + DatabaseMetaData.importedKeyNotDeferrable + " AS SMALLINT) AS DEFERRABILITY"
        + " FROM \"meta\".\"relations\" WHERE \"" + tableColumn + "\" = ? ORDER BY " + orderBy;
  }

  /** Whether a schema argument selects the project's tables (null, empty pattern or "db"). */
  private static boolean ours(String schema) {
    return schema == null || schema.equals("%") || schema.equalsIgnoreCase(DB);
  }

  private static ResultSet query(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    ps.closeOnCompletion();
    return ps.executeQuery();
  }
}
