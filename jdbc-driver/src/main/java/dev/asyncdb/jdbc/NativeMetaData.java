package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.SqlColumn;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.List;

/**
 * Result-set metadata of a native statement's computed columns, as Calcite describes the same
 * columns: the label is the name, no table or schema, every column "signed", "case sensitive",
 * read-only and not searchable; precision and display size per type as Calcite's type system
 * gives them (the native-path differential test compares every property).
 */
final class NativeMetaData {
  private NativeMetaData() {}

  static ResultSetMetaData of(List<SqlColumn> columns) {
    return MetaDataProxies.of("NativeMetaData" + columns, columns.size(),
        (name, a) -> {
          if (a == null || !(a[0] instanceof Integer i)) {
            throw new SQLFeatureNotSupportedException(name + " is not supported on this result set's metadata");
          }
          if (i < 1 || i > columns.size()) {
            throw new SQLException("Column index " + i + " out of range 1.." + columns.size(), "22023");
          }
          SqlColumn c = columns.get(i - 1);
          return switch (name) {
            case "getColumnName", "getColumnLabel" -> c.name();
            case "getTableName", "getSchemaName", "getCatalogName" -> null;
            case "getColumnType" -> jdbcType(c);
            case "getColumnTypeName" -> c.type().getName();
            case "getColumnClassName" -> javaClass(c);
            case "isNullable" -> c.nullable() ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls;
            case "getPrecision" -> precision(c);
            case "getScale" -> 0;
            case "getColumnDisplaySize" -> c.type() == org.apache.calcite.sql.type.SqlTypeName.VARCHAR ? -1 : precision(c);
            case "isSigned", "isCaseSensitive", "isReadOnly" -> true;
            case "isAutoIncrement", "isSearchable", "isCurrency", "isWritable", "isDefinitelyWritable" -> false;
            default -> throw new SQLFeatureNotSupportedException(name + " is not supported on this result set's metadata");
          };
        });
  }

  private static int precision(SqlColumn c) {
    return switch (c.type()) {
      case BIGINT -> 19;
      case DOUBLE -> 15;
      case BOOLEAN -> 1;
      case TIMESTAMP -> 3;
      default -> 0;
    };
  }

  private static int jdbcType(SqlColumn c) {
    return switch (c.type()) {
      case BIGINT -> Types.BIGINT;
      case DOUBLE -> Types.DOUBLE;
      case BOOLEAN -> Types.BOOLEAN;
      case TIMESTAMP -> Types.TIMESTAMP;
      case DATE -> Types.DATE;
      default -> Types.VARCHAR;
    };
  }

  private static String javaClass(SqlColumn c) {
    return switch (c.type()) {
      case BIGINT -> "java.lang.Long";
      case DOUBLE -> "java.lang.Double";
      case BOOLEAN -> "java.lang.Boolean";
      case TIMESTAMP -> "java.sql.Timestamp";
      case DATE -> "java.sql.Date";
      default -> "java.lang.String";
    };
  }
}
