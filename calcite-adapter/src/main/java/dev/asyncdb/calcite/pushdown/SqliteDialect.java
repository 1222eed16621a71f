package dev.asyncdb.calcite.pushdown;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.dialect.SqliteSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Calcite's SQLite dialect with casts SQLite parses: Calcite would write
 * {@code CAST(x AS VARCHAR CHARACTER SET "ISO-8859-1")}, which SQLite rejects; casts go to the
 * storage classes instead (TEXT, INTEGER, REAL).
 */
final class SqliteDialect extends SqliteSqlDialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  private SqliteDialect() {
    // Without a version Calcite's SQLite dialect pushes no joins; sqlite-jdbc bundles SQLite 3.46.
    super(SqliteSqlDialect.DEFAULT_CONTEXT.withDatabaseMajorVersion(3).withDatabaseMinorVersion(46));
  }

  @Override
  public SqlNode getCastSpec(RelDataType type) {
    String name = switch (type.getSqlTypeName()) {
      case CHAR, VARCHAR -> "TEXT";
      case TINYINT, SMALLINT, INTEGER, BIGINT, BOOLEAN -> "INTEGER";
      case REAL, FLOAT, DOUBLE, DECIMAL -> "REAL";
      default -> null;
    };
    return name == null ? super.getCastSpec(type)
        : new SqlDataTypeSpec(new SqlAlienSystemTypeNameSpec(name, type.getSqlTypeName(), SqlParserPos.ZERO), SqlParserPos.ZERO);
  }
}
