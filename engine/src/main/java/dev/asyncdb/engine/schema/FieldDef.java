package dev.asyncdb.engine.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of a resource schema with its type and constraints. Nested object fields and array
 * items are FieldDefs too. Immutable.
 */
public record FieldDef(
    String name,
    FieldType type,
    boolean required,
    boolean nullable,
    boolean hasDefault,
    Object defaultValue,
    List<Object> values,
    boolean unique,
    Double min,
    Double max,
    Integer minLength,
    Integer maxLength,
    String pattern,
    boolean readOnly,
    Map<String, Object> derived,
    Relation relation,
    String description,
    FieldDef items,
    Map<String, FieldDef> fields,
    boolean additionalProperties,
    String discriminator,
    Map<String, Map<String, FieldDef>> variants,
    String encoding,
    boolean integral) {

  public FieldDef {
    values = values == null ? null : List.copyOf(values);
    fields = fields == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A plain field of a type with no constraints. */
  public static FieldDef of(String name, FieldType type, boolean required) {
    return new FieldDef(name, type, required, false, false, null, null, false, null, null, null, null,
        null, false, null, null, null, null, null, false, null, null, null, false);
  }

  public FieldDef withRequired(boolean r) {
    return new FieldDef(name, type, r, nullable, hasDefault, defaultValue, values, unique, min, max, minLength,
        maxLength, pattern, readOnly, derived, relation, description, items, fields, additionalProperties,
        discriminator, variants, encoding, integral);
  }

  public FieldDef withDescription(String d) {
    return new FieldDef(name, type, required, nullable, hasDefault, defaultValue, values, unique, min, max,
        minLength, maxLength, pattern, readOnly, derived, relation, d, items, fields, additionalProperties,
        discriminator, variants, encoding, integral);
  }

  public FieldDef withFields(Map<String, FieldDef> f) {
    return new FieldDef(name, type, required, nullable, hasDefault, defaultValue, values, unique, min, max,
        minLength, maxLength, pattern, readOnly, derived, relation, description, items, f, additionalProperties,
        discriminator, variants, encoding, integral);
  }

  public FieldDef withItems(FieldDef i) {
    return new FieldDef(name, type, required, nullable, hasDefault, defaultValue, values, unique, min, max,
        minLength, maxLength, pattern, readOnly, derived, relation, description, i, fields, additionalProperties,
        discriminator, variants, encoding, integral);
  }

  public FieldDef withIntegral(boolean i) {
    return new FieldDef(name, type, required, nullable, hasDefault, defaultValue, values, unique, min, max,
        minLength, maxLength, pattern, readOnly, derived, relation, description, items, fields,
        additionalProperties, discriminator, variants, encoding, i);
  }

  public FieldDef withVariants(String disc, Map<String, Map<String, FieldDef>> v) {
    return new FieldDef(name, type, required, nullable, hasDefault, defaultValue, values, unique, min, max,
        minLength, maxLength, pattern, readOnly, derived, relation, description, items, fields,
        additionalProperties, disc, v, encoding, integral);
  }

  /** Normalized schema form, as written to {@code .db/schema.generated.json}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type.label());
    m.put("required", required);
    m.put("nullable", nullable);
    if (description != null) {
      m.put("description", description);
    }
    if (hasDefault) {
      m.put("default", defaultValue);
    }
    if (values != null) {
      m.put("values", values);
    }
    if (unique) {
      m.put("unique", true);
    }
    if (min != null) {
      m.put("min", min);
    }
    if (max != null) {
      m.put("max", max);
    }
    if (minLength != null) {
      m.put("minLength", minLength);
    }
    if (maxLength != null) {
      m.put("maxLength", maxLength);
    }
    if (pattern != null) {
      m.put("pattern", pattern);
    }
    if (readOnly) {
      m.put("readOnly", true);
    }
    if (derived != null) {
      m.put("derived", derived);
    }
    if (relation != null) {
      m.put("relation", relation.toMap());
    }
    if (encoding != null) {
      m.put("encoding", encoding);
    }
    if (items != null) {
      m.put("items", items.toMap());
    }
    if (fields != null) {
      Map<String, Object> nested = new LinkedHashMap<>();
      fields.forEach((k, f) -> nested.put(k, f.toMap()));
      m.put("fields", nested);
    }
    if (additionalProperties) {
      m.put("additionalProperties", true);
    }
    if (discriminator != null) {
      m.put("discriminator", discriminator);
      Map<String, Object> vs = new LinkedHashMap<>();
      variants.forEach((tag, fs) -> {
        Map<String, Object> vf = new LinkedHashMap<>();
        fs.forEach((k, f) -> vf.put(k, f.toMap()));
        vs.put(tag, Map.of("fields", vf));
      });
      m.put("variants", vs);
    }
    return m;
  }
}
