package dev.asyncdb.engine.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/** A to-one (or to-many) link from a scalar field to a field of another collection. */
public record Relation(String name, String to, String toField, String cardinality) {
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("to", to);
    m.put("toField", toField);
    m.put("cardinality", cardinality);
    return m;
  }
}
