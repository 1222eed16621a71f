package dev.asyncdb.calcite;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.validate.IsoDates;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One SQL column of a resource table: its name, SQL type and how a stored JSON value becomes the
 * value Calcite expects (internal representation: epoch millis for TIMESTAMP, epoch days for DATE).
 * Values that do not fit the declared type (possible in seeds loaded with errors allowed) read as
 * NULL rather than failing the query.
 */
public record SqlColumn(String name, SqlTypeName type, boolean nullable, String encoding, boolean wholeRecord) {
  /** Name of the column that holds each whole record as JSON, so no stored key is invisible to SQL. */
  public static final String RECORD = "_record";

  public static SqlColumn of(FieldDef f, boolean key) {
    SqlTypeName type = switch (f.type()) {
      case STRING, ENUM -> SqlTypeName.VARCHAR;
      case INTEGER -> SqlTypeName.BIGINT;
      case NUMBER -> f.integral() ? SqlTypeName.BIGINT : SqlTypeName.DOUBLE;
      case BOOLEAN -> SqlTypeName.BOOLEAN;
      case DATETIME -> SqlTypeName.TIMESTAMP;
      case DATE -> SqlTypeName.DATE;
      case BYTES -> SqlTypeName.VARBINARY;
      case OBJECT, ARRAY, JSON -> SqlTypeName.VARCHAR;
    };
    return new SqlColumn(f.name(), type, !key && !(f.required() && !f.nullable()), f.encoding(), false);
  }

  public static SqlColumn record() {
    return new SqlColumn(RECORD, SqlTypeName.VARCHAR, false, null, true);
  }

  public RelDataType relType(RelDataTypeFactory factory) {
    RelDataType t = type == SqlTypeName.TIMESTAMP ? factory.createSqlType(type, 3) : factory.createSqlType(type);
    return factory.createTypeWithNullability(t, nullable);
  }

  /** The Calcite value of a row of a column (null when the column does not exist in the table). */
  public Object read(Column column, int row) {
    if (column == null) {
      return null;
    }
    Object v = column.get(row);
    return convert(v);
  }

  /** Converts a stored JSON value to this column's Calcite representation. */
  public Object convert(Object v) {
    if (v == null) {
      return null;
    }
    switch (type) {
      case VARCHAR:
        if (v instanceof String s) {
          return s;
        }
        if (v instanceof Map || v instanceof List) {
          return Json.write(v);
        }
        return v instanceof Double d ? Json.numberText(d) : v.toString();
      case BIGINT:
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
          return n.longValue();
        }
        return null;
      case DOUBLE:
        return v instanceof Number n ? n.doubleValue() : null;
      case BOOLEAN:
        return v instanceof Boolean ? v : null;
      case TIMESTAMP:
        return v instanceof String s ? IsoDates.epochMillis(s) : null;
      case DATE:
        return v instanceof String s ? IsoDates.epochDays(s) : null;
      case VARBINARY:
        return v instanceof String s ? bytes(s) : null;
      default:
        return v;
    }
  }

  private ByteString bytes(String s) {
    try {
      byte[] b = switch (encoding == null ? "base64" : encoding) {
        case "hex" -> HexFormat.of().parseHex(s);
        case "base64url" -> Base64.getUrlDecoder().decode(s);
        default -> Base64.getDecoder().decode(s);
      };
      return new ByteString(b);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
