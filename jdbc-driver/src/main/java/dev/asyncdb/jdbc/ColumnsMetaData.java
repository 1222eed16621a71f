package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.SqlColumn;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.List;

/** Result-set metadata for rows the driver builds itself (generated keys): names and types of table columns. */
final class ColumnsMetaData {
  private ColumnsMetaData() {}

  static ResultSetMetaData of(String table, List<SqlColumn> columns) {
    return MetaDataProxies.of("ColumnsMetaData" + columns, columns.size(),
        (name, a) -> {
          if (a == null || !(a[0] instanceof Integer i) || i < 1 || i > columns.size()) {
            throw new SQLFeatureNotSupportedException(name + " is not supported here");
          }
          SqlColumn c = columns.get(i - 1);
          return switch (name) {
            case "getColumnName", "getColumnLabel" -> c.name();
            case "getTableName" -> table;
            case "getSchemaName" -> "db";
            case "getCatalogName" -> "";
            case "getColumnType" -> jdbcType(c);
            case "getColumnTypeName" -> c.type().getName();
            case "getColumnClassName" -> javaClass(c).getName();
            case "isNullable" -> c.nullable() ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls;
            case "getPrecision", "getScale" -> 0;
            case "getColumnDisplaySize" -> 40;
            case "isSigned" -> c.type().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.NUMERIC;
            case "isAutoIncrement", "isCaseSensitive", "isCurrency", "isWritable", "isDefinitelyWritable" -> false;
            case "isSearchable", "isReadOnly" -> true;
            default -> throw new SQLFeatureNotSupportedException(name + " is not supported here");
          };
        });
  }

  private static int jdbcType(SqlColumn c) {
    return switch (c.type()) {
      case BIGINT -> Types.BIGINT;
      case DOUBLE -> Types.DOUBLE;
      case BOOLEAN -> Types.BOOLEAN;
      case TIMESTAMP -> Types.TIMESTAMP;
      case DATE -> Types.DATE;
      case VARBINARY -> Types.VARBINARY;
      default -> Types.VARCHAR;
    };
  }

  private static Class<?> javaClass(SqlColumn c) {
    return switch (c.type()) {
      case BIGINT -> Long.class;
      case DOUBLE -> Double.class;
      case BOOLEAN -> Boolean.class;
      case TIMESTAMP -> java.sql.Timestamp.class;
      case DATE -> java.sql.Date.class;
      case VARBINARY -> byte[].class;
      default -> String.class;
    };
  }
}
