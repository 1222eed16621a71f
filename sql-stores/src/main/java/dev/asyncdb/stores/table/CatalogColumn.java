package dev.asyncdb.stores.table;

import dev.asyncdb.engine.schema.FieldType;
import java.sql.Types;
import java.util.Locale;

/**
 * One column as the database catalog describes it, and the field type it maps to.
 *
 * @param generated the database fills it when omitted (a default, serial or autoincrement)
 */
public record CatalogColumn(String name, int jdbcType, String typeName, boolean nullable, boolean generated) {
  /** The field type of the column; JSON columns and unknown types become {@code json} / {@code string}. */
  public FieldType fieldType() {
    String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    if (t.equals("json") || t.equals("jsonb")) {
      return FieldType.JSON;
    }
    if (t.equals("boolean") || t.equals("bool")) {
      return FieldType.BOOLEAN;
    }
    return switch (jdbcType) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> FieldType.INTEGER;
      case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> FieldType.NUMBER;
      case Types.BOOLEAN, Types.BIT -> FieldType.BOOLEAN;
      case Types.DATE -> FieldType.DATE;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> FieldType.DATETIME;
      default -> FieldType.STRING;
    };
  }
}
