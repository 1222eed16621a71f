package dev.asyncdb.engine.schema;

import java.util.Locale;

/** Field types of the schema language; {@code JSON} is the original's {@code unknown} (any value). */
public enum FieldType {
  STRING, INTEGER, NUMBER, BOOLEAN, ENUM, DATETIME, DATE, BYTES, OBJECT, ARRAY, JSON;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a schema type name; {@code unknown} is accepted as the original's name for json. */
  public static FieldType parse(String name) {
    if (name == null) {
      return null;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("unknown") || n.equals("any")) {
      return JSON;
    }
    for (FieldType t : values()) {
      if (t.label().equals(n)) {
        return t;
      }
    }
    return null;
  }

  public boolean isScalar() {
    return this != OBJECT && this != ARRAY && this != JSON;
  }
}
