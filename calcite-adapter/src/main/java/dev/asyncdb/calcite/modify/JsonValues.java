package dev.asyncdb.calcite.modify;

import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.InstantText;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Turns the value Calcite computed for a column back into the JSON value the engine stores — the
 * inverse of {@link SqlColumn#convert}: epoch millis become ISO-8601 instants, epoch days ISO
 * dates, bytes their declared text encoding, and JSON text of object, array and json columns
 * parsed values.
 */
final class JsonValues {
  private JsonValues() {}

  static Object toJson(String table, SqlColumn column, FieldDef field, Object v) {
    if (v == null) {
      return null;
    }
    switch (column.type()) {
      case VARCHAR:
        return text(table, column, field, v.toString());
      case BIGINT:
        return v instanceof Long || !(v instanceof Number n) ? v : (Object) integral(table, column, n);
      case DOUBLE:
        return v instanceof Number n ? (Object) n.doubleValue() : v;
      case TIMESTAMP:
        return v instanceof Number n ? InstantText.ofEpochMilli(n.longValue()) : v.toString();
      case DATE:
        return v instanceof Number n ? LocalDate.ofEpochDay(n.longValue()).toString() : v.toString();
      case VARBINARY:
        return v instanceof ByteString b ? encode(b.getBytes(), column.encoding()) : v;
      default:
        return v;
    }
  }

  private static long integral(String table, SqlColumn column, Number n) {
    if (n instanceof BigDecimal d && d.stripTrailingZeros().scale() > 0) {
      throw badValue(table, column, n, "is BIGINT and cannot hold a fraction", "22003");
    }
    return n.longValue();
  }

  private static Object text(String table, SqlColumn column, FieldDef field, String s) {
    FieldType type = field == null ? null : field.type();
    if (type == FieldType.OBJECT || type == FieldType.ARRAY) {
      Object parsed = parse(s);
      if (type == FieldType.OBJECT ? !(parsed instanceof Map) : !(parsed instanceof List)) {
        throw badValue(table, column, s, "holds a JSON " + (type == FieldType.OBJECT ? "object" : "array") + " and needs its JSON text", "22032");
      }
      return parsed;
    }
    if (type == FieldType.JSON) {
      // Text that is not JSON is kept as a string, as the column reads a string back as plain text.
      Object parsed = parse(s);
      return parsed == NOT_JSON ? s : parsed;
    }
    return s;
  }

  /** A whole record given as JSON text (the {@code _record} column). */
  static Map<String, Object> record(String table, SqlColumn column, Object v) {
    Object parsed = v == null ? null : parse(v.toString());
    if (!(parsed instanceof Map<?, ?> map)) {
      throw badValue(table, column, v, "holds the whole record and needs a JSON object", "22032");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> record = new LinkedHashMap<>((Map<String, Object>) map);
    return record;
  }

  private static final Object NOT_JSON = new Object();

  private static Object parse(String s) {
    try {
      return Json.parse(s);
    } catch (RuntimeException e) {
      return NOT_JSON;
    }
  }

  private static String encode(byte[] bytes, String encoding) {
    return switch (encoding == null ? "base64" : encoding) {
      case "hex" -> HexFormat.of().formatHex(bytes);
      case "base64url" -> Base64.getUrlEncoder().encodeToString(bytes);
      default -> Base64.getEncoder().encodeToString(bytes);
    };
  }

  static DbException badValue(String table, SqlColumn column, Object received, String what, String sqlState) {
    String shown = received instanceof String s ? "'" + s + "'" : String.valueOf(received);
    if (shown.length() > 80) {
      shown = shown.substring(0, 77) + "...";
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("resource", table);
    details.put("column", column.name());
    details.put("received", received instanceof ByteString ? received.toString() : received);
    details.put("sqlState", sqlState);
    return new DbException("SQL_INVALID_VALUE", 400, "Column " + column.name() + " of " + table + " " + what + "; received " + shown + ".",
        "Send a value of the column's type (" + column.type() + ").", details);
  }
}
