package dev.asyncdb.bench.data;

import java.util.List;
import java.util.Objects;

/** The shape of one collection: its name, its fields in file order and its key fields. */
public record TableSpec(String name, List<FieldSpec> fields, List<String> keyFields) {

  public TableSpec {
    Objects.requireNonNull(name, "name");
    fields = List.copyOf(fields);
    keyFields = List.copyOf(keyFields);
    for (String key : keyFields) {
      if (fields.stream().noneMatch(f -> f.name().equals(key))) {
        throw new IllegalArgumentException("key field " + key + " is not a field of " + name);
      }
    }
  }

  /** The field names in file order. */
  public List<String> fieldNames() {
    return fields.stream().map(FieldSpec::name).toList();
  }
}
