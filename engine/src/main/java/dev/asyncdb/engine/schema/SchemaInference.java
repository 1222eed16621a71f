package dev.asyncdb.engine.schema;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.TableVersion;
import dev.asyncdb.engine.table.TypeCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Data-first inference with the original's rules: fields are the sorted union of record keys, a
 * field is required when every record has a non-null value, one common JSON type wins and
 * differing types become {@code json}. Numbers whose values are all integral are marked integral
 * (SQL {@code BIGINT}); strings such as {@code "02139"} stay strings.
 */
public final class SchemaInference {
  private static final List<String> TAG_KEYS = List.of("type", "kind", "blockType");

  private SchemaInference() {}

  /** Fields of a loaded collection, inferred from its column statistics (nested values are sampled). */
  public static Map<String, FieldDef> inferCollection(String resource, TableVersion version, List<Diagnostic> out) {
    Map<String, FieldDef> fields = new TreeMap<>();
    int live = version.size();
    long[] present = version.table().presentCounts(version);
    for (Column c : version.table().columns()) {
      TypeCounts n = c.counts();
      boolean required = live > 0 && n.nonNull() >= live && present[c.ordinal()] == live;
      int kinds = (n.strings() > 0 ? 1 : 0) + (n.numbers() > 0 ? 1 : 0) + (n.booleans() > 0 ? 1 : 0)
          + (n.objects() > 0 ? 1 : 0) + (n.arrays() > 0 ? 1 : 0);
      FieldDef def;
      if (kinds > 1) {
        def = FieldDef.of(c.name(), FieldType.JSON, required);
        out.add(Diagnostic.warn("SCHEMA_INFERRED_MIXED_TYPES", resource, c.name(),
            "Field \"" + c.name() + "\" of \"" + resource + "\" holds values of several types ("
                + describeCounts(n) + "); it is typed json.",
            "Make the values one type, or declare the field in a schema file.")
            .withDetails(Map.of("types", describeCounts(n))));
      } else if (n.strings() > 0) {
        def = FieldDef.of(c.name(), FieldType.STRING, required);
      } else if (n.numbers() > 0) {
        def = FieldDef.of(c.name(), FieldType.NUMBER, required).withIntegral(n.fractions() == 0);
      } else if (n.booleans() > 0) {
        def = FieldDef.of(c.name(), FieldType.BOOLEAN, required);
      } else if (n.objects() > 0 || n.arrays() > 0) {
        List<Object> samples = new ArrayList<>();
        for (int row : version.liveRows()) {
          Object v = c.get(row);
          if (v != null) {
            samples.add(v);
          }
        }
        def = fromSamples(c.name(), samples, required);
      } else {
        def = FieldDef.of(c.name(), FieldType.JSON, false);
      }
      fields.put(c.name(), def);
    }
    return new LinkedHashMap<>(fields);
  }

  /** Fields of a document: its keys, sorted, never required. */
  public static Map<String, FieldDef> inferDocument(Map<String, Object> doc) {
    Map<String, FieldDef> fields = new LinkedHashMap<>();
    for (String key : new TreeSet<>(doc.keySet())) {
      Object v = doc.get(key);
      fields.put(key, fromSamples(key, v == null ? List.of() : List.of(v), false));
    }
    return fields;
  }

  /** Fields of a collection given as a list of records (small inputs such as CSV or tests). */
  public static Map<String, FieldDef> inferRecords(List<?> records) {
    Set<String> keys = new TreeSet<>();
    List<Map<?, ?>> objects = new ArrayList<>();
    for (Object r : records) {
      if (r instanceof Map<?, ?> m) {
        objects.add(m);
        for (Object k : m.keySet()) {
          keys.add((String) k);
        }
      }
    }
    Map<String, FieldDef> fields = new LinkedHashMap<>();
    for (String key : keys) {
      List<Object> samples = new ArrayList<>();
      for (Map<?, ?> m : objects) {
        Object v = m.get(key);
        if (v != null) {
          samples.add(v);
        }
      }
      fields.put(key, fromSamples(key, samples, !objects.isEmpty() && samples.size() == objects.size()));
    }
    return fields;
  }

  /** Merges sample values of one field into a definition. */
  @SuppressWarnings("unchecked")
  public static FieldDef fromSamples(String name, List<Object> samples, boolean required) {
    Set<String> types = new LinkedHashSet<>();
    boolean integral = true;
    for (Object s : samples) {
      types.add(Json.typeName(s));
      if (s instanceof Number && !(s instanceof Long || s instanceof Integer || s instanceof java.math.BigInteger)) {
        integral = false;
      }
    }
    if (types.size() != 1) {
      return FieldDef.of(name, FieldType.JSON, required && !types.isEmpty());
    }
    switch (types.iterator().next()) {
      case "string":
        return FieldDef.of(name, FieldType.STRING, required);
      case "number":
        return FieldDef.of(name, FieldType.NUMBER, required).withIntegral(integral);
      case "boolean":
        return FieldDef.of(name, FieldType.BOOLEAN, required);
      case "array": {
        List<Object> items = new ArrayList<>();
        for (Object s : samples) {
          for (Object item : (List<Object>) s) {
            if (item != null) {
              items.add(item);
            }
          }
        }
        return FieldDef.of(name, FieldType.ARRAY, required).withItems(itemsOf(name, items));
      }
      case "object": {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object s : samples) {
          objects.add((Map<String, Object>) s);
        }
        return FieldDef.of(name, FieldType.OBJECT, required).withFields(mergeObjects(objects));
      }
      default:
        return FieldDef.of(name, FieldType.JSON, required);
    }
  }

  @SuppressWarnings("unchecked")
  private static FieldDef itemsOf(String name, List<Object> items) {
    if (!items.isEmpty() && items.stream().allMatch(i -> i instanceof Map)) {
      List<Map<String, Object>> objects = new ArrayList<>();
      items.forEach(i -> objects.add((Map<String, Object>) i));
      FieldDef variants = variantsOf(name, objects);
      if (variants != null) {
        return variants;
      }
    }
    return fromSamples(name, items, false);
  }

  /** Tagged union detection: every element tagged by type/kind/blockType, at least two tags and two key sets. */
  private static FieldDef variantsOf(String name, List<Map<String, Object>> objects) {
    for (String tagKey : TAG_KEYS) {
      boolean allTagged = objects.stream().allMatch(o -> o.get(tagKey) instanceof String s && !s.isEmpty());
      if (!allTagged) {
        continue;
      }
      Map<String, List<Map<String, Object>>> byTag = new TreeMap<>();
      Set<Set<String>> signatures = new LinkedHashSet<>();
      for (Map<String, Object> o : objects) {
        byTag.computeIfAbsent((String) o.get(tagKey), t -> new ArrayList<>()).add(o);
        signatures.add(new TreeSet<>(o.keySet()));
      }
      if (byTag.size() < 2 || signatures.size() < 2) {
        return null;
      }
      Map<String, Map<String, FieldDef>> variants = new LinkedHashMap<>();
      byTag.forEach((tag, members) -> {
        Map<String, FieldDef> fields = new LinkedHashMap<>();
        fields.put(tagKey, new FieldDef(tagKey, FieldType.ENUM, true, false, false, null, List.of(tag), false, null,
            null, null, null, null, false, null, null, null, null, null, false, null, null, null, false));
        mergeObjects(members).forEach((k, v) -> {
          if (!k.equals(tagKey)) {
            fields.put(k, v);
          }
        });
        variants.put(tag, fields);
      });
      return FieldDef.of(name, FieldType.OBJECT, false).withVariants(tagKey, variants);
    }
    return null;
  }

  private static Map<String, FieldDef> mergeObjects(List<Map<String, Object>> objects) {
    Set<String> keys = new TreeSet<>(Comparator.naturalOrder());
    objects.forEach(o -> keys.addAll(o.keySet()));
    Map<String, FieldDef> fields = new LinkedHashMap<>();
    for (String key : keys) {
      List<Object> samples = new ArrayList<>();
      for (Map<String, Object> o : objects) {
        Object v = o.get(key);
        if (v != null) {
          samples.add(v);
        }
      }
      fields.put(key, fromSamples(key, samples, samples.size() == objects.size()));
    }
    return fields;
  }

  private static String describeCounts(TypeCounts n) {
    List<String> parts = new ArrayList<>();
    if (n.strings() > 0) {
      parts.add(n.strings() + " string");
    }
    if (n.numbers() > 0) {
      parts.add(n.numbers() + " number");
    }
    if (n.booleans() > 0) {
      parts.add(n.booleans() + " boolean");
    }
    if (n.objects() > 0) {
      parts.add(n.objects() + " object");
    }
    if (n.arrays() > 0) {
      parts.add(n.arrays() + " array");
    }
    return String.join(", ", parts);
  }
}
