package dev.asyncdb.cli.doctor;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.ResourceKind;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When a schema file would help, and when one adds nothing. Data-first resources holding arrays
 * of differently shaped objects without a {@code type}/{@code kind}/{@code blockType} tag cannot
 * be inferred with confidence; a schema file identical to what inference derives from the data
 * can be deleted.
 */
final class SchemaGuidance {
  private static final List<String> TAGS = List.of("type", "kind", "blockType");

  private SchemaGuidance() {}

  static List<Finding> recommended(ResourceDefinition def, Object seed) {
    List<Finding> out = new ArrayList<>();
    if (def.source().schemaPath() != null || def.schema().fieldsFromSchema()) {
      return out;
    }
    Set<String> paths = new LinkedHashSet<>();
    if (def.kind() == ResourceKind.COLLECTION && seed instanceof List<?> records) {
      records.forEach(r -> collect(r, "", paths));
    } else {
      collect(seed, "", paths);
    }
    for (String path : paths) {
      out.add(Finding.doctor(Diagnostic.info("DOCTOR_SCHEMA_RECOMMENDED", def.name(), path,
          def.name() + "." + path + " has polymorphic array data that cannot be inferred confidently.",
          "Run async-db schema infer " + def.name() + " --out db/" + def.name() + ".schema.jsonc to lock the current inferred shape "
              + "into an explicit schema, then declare the variants.")
          .withDetails(Seeds.details("resource", def.name(), "field", path))));
    }
    return out;
  }

  private static void collect(Object value, String path, Set<String> paths) {
    if (value instanceof List<?> list) {
      if (!path.isEmpty() && ambiguous(list)) {
        paths.add(path);
        return;
      }
      list.forEach(item -> collect(item, path, paths));
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collect(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, paths));
    }
  }

  private static boolean ambiguous(List<?> list) {
    List<Map<?, ?>> objects = new ArrayList<>();
    for (Object item : list) {
      if (item == null) {
        continue;
      }
      if (!(item instanceof Map<?, ?> m)) {
        return false;
      }
      objects.add(m);
    }
    if (objects.size() < 2) {
      return false;
    }
    Set<Set<String>> signatures = new LinkedHashSet<>();
    for (Map<?, ?> m : objects) {
      Set<String> keys = new TreeSet<>();
      m.keySet().forEach(k -> keys.add(String.valueOf(k)));
      signatures.add(keys);
    }
    return signatures.size() > 1 && !hasStableTag(objects);
  }

  private static boolean hasStableTag(List<Map<?, ?>> objects) {
    for (String tag : TAGS) {
      Set<Object> values = new LinkedHashSet<>();
      boolean all = true;
      for (Map<?, ?> m : objects) {
        Object v = m.get(tag);
        if (!(v instanceof String s) || s.isEmpty()) {
          all = false;
          break;
        }
        values.add(v);
      }
      if (all && values.size() >= 2) {
        return true;
      }
    }
    return false;
  }

  /** An info when a mixed-mode resource's schema says nothing inference would not say about its data file. */
  static List<Finding> matchesInference(ResourceDefinition def, ResourceDefinition inferred) {
    if (inferred == null || def.source().schemaPath() == null || def.source().dataPath() == null || contractBeyondData(def.schema())) {
      return List.of();
    }
    if (!comparable(def.schema()).equals(comparable(inferred.schema()))) {
      return List.of();
    }
    return List.of(Finding.doctor(Diagnostic.info("DOCTOR_SCHEMA_MATCHES_INFERENCE", def.name(), null,
        def.name() + " schema matches inferred data and may be removable.",
        "Keep " + def.source().schemaPath() + " if you want it as an explicit contract; otherwise the data file infers the same shape.")
        .withDetails(Seeds.details("resource", def.name(), "schemaPath", def.source().schemaPath()))));
  }

  private static boolean contractBeyondData(ResourceSchema s) {
    return s.description() != null || s.identityFields() != null || s.appendOnly()
        || s.fields().values().stream().anyMatch(SchemaGuidance::contractBeyondData);
  }

  private static boolean contractBeyondData(FieldDef f) {
    if (f.description() != null || f.hasDefault() || f.unique() || f.relation() != null || f.min() != null || f.max() != null
        || f.minLength() != null || f.maxLength() != null || f.pattern() != null || f.additionalProperties() || f.variants() != null
        || f.readOnly()) {
      return true;
    }
    if (f.type() == FieldType.ARRAY && f.items() != null) {
      return contractBeyondData(f.items());
    }
    return f.type() == FieldType.OBJECT && f.fields() != null && f.fields().values().stream().anyMatch(SchemaGuidance::contractBeyondData);
  }

  private static Map<String, Object> comparable(ResourceSchema s) {
    Map<String, Object> m = new TreeMap<>();
    m.put("kind", s.kind().label());
    m.put("fields", comparable(s.fields()));
    if (s.isCollection()) {
      m.put("idField", s.idField());
    }
    return m;
  }

  private static Map<String, Object> comparable(Map<String, FieldDef> fields) {
    Map<String, Object> m = new TreeMap<>();
    fields.forEach((k, f) -> m.put(k, comparable(f)));
    return m;
  }

  private static Map<String, Object> comparable(FieldDef f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", f.type().label());
    m.put("required", f.required());
    m.put("nullable", f.nullable());
    if (f.type() == FieldType.ENUM) {
      m.put("values", f.values());
    }
    if (f.type() == FieldType.ARRAY) {
      m.put("items", f.items() == null ? Map.of("type", "json") : comparable(f.items()));
    }
    if (f.type() == FieldType.OBJECT) {
      m.put("fields", comparable(f.fields() == null ? Map.of() : f.fields()));
    }
    return m;
  }
}
