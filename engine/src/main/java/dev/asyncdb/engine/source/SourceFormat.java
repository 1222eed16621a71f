package dev.asyncdb.engine.source;

import java.util.Locale;

/** Formats of files under {@code db/}, recognised by file-name suffix. */
public enum SourceFormat {
  SCHEMA_JSON(".schema.json", true),
  SCHEMA_JSONC(".schema.jsonc", true),
  JSON(".json", false),
  JSONC(".jsonc", false),
  JSONL(".jsonl", false),
  NDJSON(".ndjson", false),
  CSV(".csv", false);

  private final String suffix;
  private final boolean schema;

  SourceFormat(String suffix, boolean schema) {
    this.suffix = suffix;
    this.schema = schema;
  }

  public String suffix() {
    return suffix;
  }

  public boolean isSchema() {
    return schema;
  }

  /** The format name used in metadata ({@code json}, {@code jsonc}, {@code csv}, {@code jsonl}). */
  public String label() {
    return switch (this) {
      case SCHEMA_JSON, JSON -> "json";
      case SCHEMA_JSONC, JSONC -> "jsonc";
      case JSONL, NDJSON -> "jsonl";
      case CSV -> "csv";
    };
  }

  /** The format of a file name, or null for files the project does not read. Schema suffixes win. */
  public static SourceFormat of(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (SourceFormat f : values()) {
      if (lower.endsWith(f.suffix) && lower.length() > f.suffix.length()) {
        return f;
      }
    }
    return null;
  }

  /** File name without this format's suffix. */
  public String basename(String fileName) {
    return fileName.substring(0, fileName.length() - suffix.length());
  }
}
