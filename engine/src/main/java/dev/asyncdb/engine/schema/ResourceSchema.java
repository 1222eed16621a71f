package dev.asyncdb.engine.schema;

import dev.asyncdb.engine.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract of one resource: its kind, identity, fields and write policy.
 *
 * @param typeSource {@code "schema"} when a schema file defines the fields (authoritative),
 *     {@code "data"} when they were inferred from data
 */
public record ResourceSchema(
    String name,
    ResourceKind kind,
    String idField,
    List<String> identityFields,
    String description,
    Map<String, FieldDef> fields,
    String typeSource,
    boolean appendOnly) {

  public ResourceSchema {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    identityFields = identityFields == null ? null : List.copyOf(identityFields);
  }

  /** Key fields: the compound identity fields when declared, else the id field. */
  public List<String> keyFields() {
    return identityFields != null && !identityFields.isEmpty() ? identityFields : List.of(idField);
  }

  public boolean hasCompoundKey() {
    return identityFields != null && identityFields.size() > 1;
  }

  public boolean isCollection() {
    return kind == ResourceKind.COLLECTION;
  }

  public boolean fieldsFromSchema() {
    return "schema".equals(typeSource);
  }

  public FieldDef field(String name) {
    return fields.get(name);
  }

  public ResourceSchema withFields(Map<String, FieldDef> f) {
    return new ResourceSchema(name, kind, idField, identityFields, description, f, typeSource, appendOnly);
  }

  public Map<String, Object> fieldsToMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    fields.forEach((k, f) -> m.put(k, f.toMap()));
    return m;
  }
}
