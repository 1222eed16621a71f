package dev.asyncdb.cli.doctor;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks across the records of one collection's seed: ids that repeat (reads would only ever see
 * the first), ids of several JSON types, and fields whose values change type from record to
 * record. None of these is a schema error, so sync accepts them; doctor points them out.
 */
final class RecordChecks {
  private RecordChecks() {}

  static List<Finding> check(ResourceDefinition def, List<Map<String, Object>> records) {
    List<Finding> out = new ArrayList<>();
    String idField = def.schema().idField();
    if (!def.schema().hasCompoundKey()) {
      duplicateIds(def, idField, records, out);
      mixedIdTypes(def, idField, records, out);
    }
    inconsistentFieldTypes(def, idField, records, out);
    return out;
  }

  private static void duplicateIds(ResourceDefinition def, String idField, List<Map<String, Object>> records, List<Finding> out) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      Object value = records.get(i).get(idField);
      if (Seeds.isEmpty(value)) {
        continue;
      }
      Integer first = seen.putIfAbsent(String.valueOf(value), i);
      if (first != null) {
        Map<String, Object> details = Seeds.details("idField", idField, "value", value, "firstRecordIndex", first, "recordIndex", i);
        out.add(Finding.doctor(Diagnostic.warn("DOCTOR_DUPLICATE_ID", def.name(), idField,
            def.name() + " has duplicate " + idField + " \"" + value + "\" in records " + first + " and " + i + ".",
            "Make each " + def.name() + "." + idField + " value unique before relying on update, delete, or relation expansion behavior.")
            .withDetails(details)));
      }
    }
  }

  private static void mixedIdTypes(ResourceDefinition def, String idField, List<Map<String, Object>> records, List<Finding> out) {
    List<Object> ids = new ArrayList<>();
    records.forEach(r -> ids.add(r.get(idField)));
    Map<String, Integer> kinds = Seeds.kinds(ids);
    if (kinds.size() > 1) {
      out.add(Finding.doctor(Diagnostic.warn("DOCTOR_MIXED_ID_TYPES", def.name(), idField,
          def.name() + "." + idField + " uses mixed value types: " + Seeds.describe(kinds) + ".",
          "Use one id type consistently. String ids are usually safest for JSON fixtures.")
          .withDetails(Seeds.details("idField", idField, "types", kinds))));
    }
  }

  private static void inconsistentFieldTypes(ResourceDefinition def, String idField, List<Map<String, Object>> records, List<Finding> out) {
    Map<String, List<Object>> values = new LinkedHashMap<>();
    for (Map<String, Object> r : records) {
      r.forEach((field, v) -> {
        if (!field.equals(idField) && !def.schema().keyFields().contains(field)) {
          values.computeIfAbsent(field, k -> new ArrayList<>()).add(v);
        }
      });
    }
    values.forEach((field, vs) -> {
      Map<String, Integer> kinds = Seeds.kinds(vs);
      if (kinds.size() > 1) {
        out.add(Finding.doctor(Diagnostic.warn("DOCTOR_INCONSISTENT_FIELD_TYPES", def.name(), field,
            def.name() + "." + field + " has inconsistent value types: " + Seeds.describe(kinds) + ".",
            "Normalize " + def.name() + "." + field + " values or add a schema if the mixed shape is intentional.")
            .withDetails(Seeds.details("types", kinds))));
      }
    });
  }
}
