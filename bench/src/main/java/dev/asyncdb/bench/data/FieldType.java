package dev.asyncdb.bench.data;

import java.util.Locale;

/** A field type of Async DB's schema format, limited to the types the benchmark datasets use. */
public enum FieldType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  ENUM,
  DATETIME,
  DATE;

  /** The name used in schema files, e.g. {@code "datetime"}. */
  public String schemaName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a schema-file type name. */
  public static FieldType fromSchemaName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
