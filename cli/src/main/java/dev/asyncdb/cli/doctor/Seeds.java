package dev.asyncdb.cli.doctor;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading seeds as plain records, and the value-kind vocabulary the findings use (string, number, boolean, array, object). */
final class Seeds {
  private Seeds() {}

  static List<Map<String, Object>> records(ResourceDefinition def) {
    TableVersion rows = def.seedRows();
    List<Map<String, Object>> out = new ArrayList<>();
    if (rows != null) {
      for (int row : rows.liveRows()) {
        out.add(rows.record(row));
      }
    }
    return out;
  }

  /** Null, missing and {@code ""} do not count as values (as in the original). */
  static boolean isEmpty(Object v) {
    return v == null || "".equals(v);
  }

  static String kind(Object v) {
    return Json.typeName(v);
  }

  /** Counts per kind of the non-empty values, in first-seen order. */
  static Map<String, Integer> kinds(Iterable<Object> values) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Object v : values) {
      if (!isEmpty(v)) {
        counts.merge(kind(v), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** An insertion-ordered details map from key, value pairs, so JSON output is stable. */
  static Map<String, Object> details(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** {@code string (2), number (1)}. */
  static String describe(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((k, n) -> parts.add(k + " (" + n + ")"));
    return String.join(", ", parts);
  }
}
