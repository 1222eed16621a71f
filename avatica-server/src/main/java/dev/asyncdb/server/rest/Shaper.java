package dev.asyncdb.server.rest;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.Relation;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.table.KeySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The read parameters of collection routes, checked before anything is read: {@code offset} and
 * {@code limit} (lists only, applied first), {@code expand} (to-one relations, depth 1) and
 * {@code select} (top-level fields or {@code relation.field} of an expanded relation).
 */
final class Shaper {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private final ResourceSchema schema;
  private final Integer offset;
  private final Integer limit;
  private final List<Relation> expand = new ArrayList<>();
  private final List<String> select;

  Shaper(ResourceSchema schema, RestCall call, DataAccess data) {
    this.schema = schema;
    this.offset = number(call.param("offset"), "offset", "REST_INVALID_OFFSET", 0, "a non-negative integer such as 0 or 20");
    this.limit = number(call.param("limit"), "limit", "REST_INVALID_LIMIT", 1, "a positive integer such as 20");
    for (String name : list(call.param("expand"))) {
      expand.add(relation(name));
    }
    this.select = list(call.param("select"));
    for (String path : select) {
      checkSelect(path, data);
    }
  }

  private static List<String> list(String param) {
    List<String> out = new ArrayList<>();
    if (param != null) {
      for (String s : param.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  private Integer number(String raw, String name, String code, int min, String expected) {
    if (raw == null) {
      return null;
    }
    if (!DIGITS.matcher(raw).matches() || Integer.parseInt(raw) < min) {
      throw new DbException(code, 400, "Query parameter " + name + " of " + schema.name() + " must be " + expected + ", got \"" + raw + "\".",
          "Write ?" + name + "=" + (min == 0 ? "0" : "20") + ".", Map.of("parameter", name, "received", raw));
    }
    return Integer.parseInt(raw);
  }

  private Relation relation(String name) {
    List<String> known = new ArrayList<>();
    for (FieldDef f : schema.fields().values()) {
      if (f.relation() != null) {
        known.add(f.relation().name());
        if (f.relation().name().equals(name)) {
          if ("many".equals(f.relation().cardinality())) {
            throw new DbException("REST_EXPAND_UNSUPPORTED_CARDINALITY", 400, "Relation " + name + " of " + schema.name()
                + " is to-many; expand follows to-one relations only.", "Read " + f.relation().to() + " and filter it by " + f.name() + " instead.",
                Map.of("resource", schema.name(), "relation", name));
          }
          return f.relation();
        }
      }
    }
    throw new DbException("REST_EXPAND_UNKNOWN_RELATION", 400, "expand names \"" + name + "\", which is not a relation of " + schema.name() + ".",
        known.isEmpty() ? schema.name() + " declares no relations; add a \"relation\" to a field of its schema." : "Use one of: " + String.join(", ", known) + ".",
        Map.of("resource", schema.name(), "relation", name, "available", known));
  }

  private void checkSelect(String path, DataAccess data) {
    String[] parts = path.split("\\.", -1);
    if (parts.length > 2) {
      throw new DbException("REST_SELECT_UNSUPPORTED_DEPTH", 400, "select path \"" + path + "\" is " + parts.length + " levels deep; at most two"
          + " (relation.field) are supported.", "Select a top-level field or relation.field.", Map.of("resource", schema.name(), "field", path));
    }
    if (parts.length == 1) {
      if (schema.field(path) == null && expand.stream().noneMatch(r -> r.name().equals(path))) {
        throw unknown(path, new ArrayList<>(schema.fields().keySet()));
      }
      return;
    }
    Relation rel = expand.stream().filter(r -> r.name().equals(parts[0])).findFirst().orElse(null);
    if (rel == null) {
      boolean isRelation = schema.fields().values().stream().anyMatch(f -> f.relation() != null && f.relation().name().equals(parts[0]));
      if (!isRelation) {
        throw unknown(path, new ArrayList<>(schema.fields().keySet()));
      }
      throw new DbException("REST_SELECT_REQUIRES_EXPAND", 400, "select path \"" + path + "\" reads relation " + parts[0] + ", which is not expanded.",
          "Add ?expand=" + parts[0] + ".", Map.of("resource", schema.name(), "field", path));
    }
    ResourceSchema target = data.schema(rel.to());
    if (target.field(parts[1]) == null) {
      throw unknown(path, new ArrayList<>(target.fields().keySet()));
    }
  }

  private DbException unknown(String path, List<String> available) {
    return new DbException("REST_SELECT_UNKNOWN_FIELD", 400, "select names \"" + path + "\", which is not a field of " + schema.name() + ".",
        "Use fields of the resource (" + String.join(", ", available) + ") or relation.field with expand.",
        Map.of("resource", schema.name(), "field", path, "available", available));
  }

  /** Pagination, then expansion, then projection. */
  List<Map<String, Object>> shapeList(List<Map<String, Object>> records, DataAccess data) {
    int from = Math.min(offset == null ? 0 : offset, records.size());
    int to = limit == null ? records.size() : (int) Math.min((long) from + limit, records.size());
    List<Map<String, Object>> page = records.subList(from, to);
    Map<String, Map<String, Map<String, Object>>> targets = new HashMap<>();
    List<Map<String, Object>> out = new ArrayList<>(page.size());
    for (Map<String, Object> r : page) {
      out.add(shape(r, data, targets));
    }
    return out;
  }

  Map<String, Object> shapeOne(Map<String, Object> record, DataAccess data) {
    return shape(record, data, new HashMap<>());
  }

  private Map<String, Object> shape(Map<String, Object> record, DataAccess data, Map<String, Map<String, Map<String, Object>>> targets) {
    Map<String, Object> r = new LinkedHashMap<>(record);
    for (Relation rel : expand) {
      // One index per target per request: expanding a page costs one pass over the target, not one per record.
      Map<String, Map<String, Object>> index = targets.computeIfAbsent(rel.to(), t -> indexBy(data.list(t), rel.toField()));
      Object value = null;
      for (FieldDef f : schema.fields().values()) {
        if (f.relation() == rel) {
          value = record.get(f.name());
        }
      }
      String key = KeySpec.scalarKey(value);
      r.put(rel.name(), key == null ? null : index.get(key));
    }
    if (select.isEmpty()) {
      return r;
    }
    Map<String, Object> projected = new LinkedHashMap<>();
    for (String path : select) {
      int dot = path.indexOf('.');
      if (dot < 0) {
        if (r.containsKey(path)) {
          projected.put(path, r.get(path));
        }
      } else if (r.get(path.substring(0, dot)) instanceof Map<?, ?> target && target.containsKey(path.substring(dot + 1))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) projected.computeIfAbsent(path.substring(0, dot), k -> new LinkedHashMap<>());
        nested.put(path.substring(dot + 1), target.get(path.substring(dot + 1)));
      }
    }
    return projected;
  }

  private static Map<String, Map<String, Object>> indexBy(List<Map<String, Object>> records, String field) {
    Map<String, Map<String, Object>> index = new HashMap<>();
    for (Map<String, Object> t : records) {
      String k = KeySpec.scalarKey(t.get(field));
      if (k != null) {
        index.putIfAbsent(k, t);
      }
    }
    return index;
  }
}
