package dev.asyncdb.bench.data;

import java.util.List;
import java.util.Objects;

/**
 * One field of a collection: its name, type, enum values (enum only) and the collection it
 * refers to (null when it is no relation).
 */
public record FieldSpec(String name, FieldType type, List<String> values, String relationTo) {

  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    values = List.copyOf(values);
  }

  /** A plain field. */
  public static FieldSpec of(String name, FieldType type) {
    return new FieldSpec(name, type, List.of(), null);
  }

  /** An enum field with its allowed values. */
  public static FieldSpec enumOf(String name, String... values) {
    return new FieldSpec(name, FieldType.ENUM, List.of(values), null);
  }

  /** A string field that holds the id of a record in {@code collection}. */
  public static FieldSpec relation(String name, String collection) {
    return new FieldSpec(name, FieldType.STRING, List.of(), collection);
  }
}
