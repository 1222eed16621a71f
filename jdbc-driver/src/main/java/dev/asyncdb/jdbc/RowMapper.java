package dev.asyncdb.jdbc;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.source.Names;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps result rows (column label to value) to Java types for the typed facade calls: a record
 * through its canonical constructor, a class through its no-argument constructor and fields, a
 * plain value type from a one-column row. Columns match components or fields by name, ignoring
 * case and {@code snake_case} ({@code created_at} fills {@code createdAt}); JSON text fills Map and
 * List members; TIMESTAMP becomes Instant or LocalDateTime (UTC), DATE LocalDate.
 */
final class RowMapper {
  private RowMapper() {}

  static <T> T map(Class<T> type, Map<String, Object> row) throws SQLException {
    if (type == Map.class || type == Object.class) {
      return type.cast(row);
    }
    if (isValue(type)) {
      if (row.size() != 1) {
        throw new SQLException("Cannot map a row of " + row.size() + " columns " + row.keySet() + " to " + type.getSimpleName()
            + "; select one column, or map to a record or class.", "42000");
      }
      return convert(row.values().iterator().next(), type, "the column");
    }
    try {
      if (type.isRecord()) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
          types[i] = components[i].getType();
          args[i] = convert(value(row, components[i].getName()), types[i], components[i].getName());
        }
        Constructor<T> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(args);
      }
      Constructor<T> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      T out = constructor.newInstance();
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers()) || f.isSynthetic()) {
            continue;
          }
          Object v = value(row, f.getName());
          if (v != null || row.containsKey(f.getName())) {
            f.setAccessible(true);
            f.set(out, convert(v, f.getType(), f.getName()));
          }
        }
      }
      return out;
    } catch (NoSuchMethodException e) {
      throw new SQLException(type.getName() + " needs a no-argument constructor (or be a record) to receive rows.", "42000", e);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new SQLException("Cannot build a " + type.getSimpleName() + " from row " + row + ": " + e, "22000", e);
    }
  }

  private static boolean isValue(Class<?> type) {
    return type.isPrimitive() || type == String.class || Number.class.isAssignableFrom(type) || type == Boolean.class
        || type == Instant.class || type == LocalDate.class || type == LocalDateTime.class || type == byte[].class || type.isEnum();
  }

  private static Object value(Map<String, Object> row, String name) {
    if (row.containsKey(name)) {
      return row.get(name);
    }
    String snake = Names.kebabCase(name).replace('-', '_');
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) || e.getKey().equalsIgnoreCase(snake)) {
        return e.getValue();
      }
    }
    return null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> T convert(Object v, Class<T> type, String what) throws SQLException {
    if (v == null) {
      if (type.isPrimitive()) {
        return (T) (type == boolean.class ? (Object) false : type == double.class || type == float.class ? (Object) 0.0 : (Object) 0);
      }
      return null;
    }
    Class<?> boxed = box(type);
    if (boxed.isInstance(v)) {
      return (T) v;
    }
    Object out;
    if (boxed == String.class) {
      out = v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v.toString();
    } else if (v instanceof Number n && Number.class.isAssignableFrom(boxed)) {
      out = boxed == Long.class ? (Object) n.longValue() : boxed == Integer.class ? (Object) n.intValue() : boxed == Double.class ? (Object) n.doubleValue()
          : boxed == Float.class ? (Object) n.floatValue() : boxed == Short.class ? (Object) n.shortValue() : boxed == Byte.class ? (Object) n.byteValue()
          : boxed == BigDecimal.class ? new BigDecimal(n.toString()) : null;
    } else if (boxed == Boolean.class) {
      out = v instanceof Number n ? n.doubleValue() != 0 : Boolean.parseBoolean(v.toString());
    } else if (v instanceof java.util.Date d && (boxed == Instant.class || boxed == LocalDateTime.class || boxed == LocalDate.class)) {
      Instant instant = Instant.ofEpochMilli(d.getTime());
      out = boxed == Instant.class ? instant : boxed == LocalDate.class ? LocalDate.ofInstant(instant, ZoneOffset.UTC)
          : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    } else if ((boxed == Map.class || boxed == List.class || boxed == Object.class) && v instanceof String s) {
      out = Json.parse(s);
    } else if (boxed.isEnum()) {
      out = Enum.valueOf((Class<Enum>) boxed, v.toString());
    } else if (boxed == Instant.class && v instanceof String s) {
      out = Instant.parse(s);
    } else {
      out = null;
    }
    if (out == null || !boxed.isInstance(out)) {
      throw new SQLException("Cannot put " + v.getClass().getSimpleName() + " " + v + " into " + what + " of type " + type.getSimpleName() + ".",
          "22018");
    }
    return (T) out;
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName().toLowerCase(Locale.ROOT)) {
      case "long" -> Long.class;
      case "int" -> Integer.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "boolean" -> Boolean.class;
      default -> Character.class;
    };
  }

  static <T> List<T> mapAll(Class<T> type, List<Map<String, Object>> rows) throws SQLException {
    List<T> out = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      out.add(map(type, row));
    }
    return out;
  }
}
