package dev.asyncdb.cli.schema;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.source.DataReader;
import dev.asyncdb.engine.source.SourceException;
import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.engine.table.TableVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Schema source files as JSON values: read from disk, derived from inference, with or without a seed. */
final class SchemaSources {
  private SchemaSources() {}

  /** A schema source for a resource whose fields were inferred: kind, idField (or identity) and the normalized fields. */
  static Map<String, Object> inferredSource(ResourceDefinition def) {
    ResourceSchema s = def.schema();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", s.kind().label());
    if (s.isCollection()) {
      if (s.identityFields() != null) {
        out.put("identity", Map.of("fields", s.identityFields()));
      } else {
        out.put("idField", s.idField());
      }
    }
    if (s.description() != null) {
      out.put("description", s.description());
    }
    out.put("fields", s.fieldsToMap());
    return out;
  }

  /** The resource's schema file as written (comments dropped), or its inferred source when it has none. */
  static Map<String, Object> source(Path root, ResourceDefinition def) {
    if (def.source().schemaPath() == null) {
      return inferredSource(def);
    }
    Path file = root.resolve(def.source().schemaPath());
    try {
      Object v = DataReader.readValue(file, Json.JSONC);
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) m);
        return map;
      }
      throw new DbException("SCHEMA_DEFINITION_INVALID", 400, def.source().schemaPath() + " must contain a JSON object.",
          "Write {\"kind\": \"collection\", \"fields\": {...}}.", Map.of("file", def.source().schemaPath()));
    } catch (SourceException e) {
      throw new DbException(e.code(), 400, def.source().schemaPath() + ":" + e.line() + ":" + e.column() + ": " + e.getMessage(), e.hint(),
          Map.of("file", def.source().schemaPath()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seed the project loaded for a resource: the data file's records (ids generated) or the embedded seed. */
  static Object seed(ResourceDefinition def) {
    if (!def.schema().isCollection()) {
      return def.seedDocument() == null ? Map.of() : def.seedDocument();
    }
    TableVersion rows = def.seedRows();
    List<Object> records = new ArrayList<>();
    if (rows != null) {
      for (int row : rows.liveRows()) {
        records.add(rows.record(row));
      }
    }
    return records;
  }

  static boolean isEmptySeed(Object seed) {
    return seed == null || seed instanceof List<?> l && l.isEmpty() || seed instanceof Map<?, ?> m && m.isEmpty();
  }
}
