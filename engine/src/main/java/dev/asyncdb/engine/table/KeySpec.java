package dev.asyncdb.engine.table;

import dev.asyncdb.engine.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a record's key is formed: one id field, or several identity fields. Keys compare by string
 * form as in the original ({@code 1} matches {@code "1"}); a compound key's string is the JSON
 * array of its values in field order.
 */
public final class KeySpec {
  private final List<String> fields;

  public KeySpec(List<String> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one field");
    }
    this.fields = List.copyOf(fields);
  }

  public static KeySpec single(String field) {
    return new KeySpec(List.of(field));
  }

  public List<String> fields() {
    return fields;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeySpec k && k.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return String.join(",", fields);
  }

  public boolean isCompound() {
    return fields.size() > 1;
  }

  /** Key string of a record, or null when any key field is missing, null or empty. */
  public String keyOf(Map<String, Object> record) {
    if (!isCompound()) {
      return scalarKey(record.get(fields.get(0)));
    }
    List<Object> parts = new ArrayList<>(fields.size());
    for (String f : fields) {
      Object v = record.get(f);
      if (scalarKey(v) == null) {
        return null;
      }
      parts.add(v instanceof Double d && d == Math.rint(d) ? (Object) (long) (double) d : v);
    }
    return Json.write(parts);
  }

  /**
   * Key string of a lookup argument: a scalar id, or for compound keys a map of field values
   * (a list in field order is accepted too).
   */
  public String keyOfArgument(Object id) {
    if (id instanceof Map<?, ?> map) {
      if (!isCompound() && map.size() == 1 && map.containsKey(fields.get(0))) {
        return scalarKey(map.get(fields.get(0)));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) map;
      return keyOf(m);
    }
    if (isCompound()) {
      if (id instanceof List<?> list && list.size() == fields.size()) {
        List<Object> parts = new ArrayList<>(list);
        return Json.write(parts);
      }
      if (id instanceof String s && s.startsWith("[")) {
        return s;
      }
      return null;
    }
    return scalarKey(id);
  }

  /** String form of a scalar id value, as the original compares ids; null when unusable. */
  public static String scalarKey(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s.isEmpty() ? null : s;
    }
    if (v instanceof Double d) {
      return Json.numberText(d);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return Json.write(v);
  }
}
