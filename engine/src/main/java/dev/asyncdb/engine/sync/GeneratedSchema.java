package dev.asyncdb.engine.sync;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.store.StateFiles;
import dev.asyncdb.engine.table.TableVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .db/schema.generated.json}: the normalized schema of every resource with its source,
 * relations, REST routes, GraphQL SDL and the diagnostics of the last sync. Rewritten only when its
 * content changes ({@code generatedAt} is kept otherwise). Seeds of more than
 * {@link #MAX_EMBEDDED_SEED} records are summarized instead of embedded.
 */
public final class GeneratedSchema {
  static final int MAX_EMBEDDED_SEED = 1000;

  private GeneratedSchema() {}

  public static Map<String, Object> build(ProjectPaths paths, List<ResourceDefinition> resources, List<Diagnostic> diagnostics) {
    String root = paths.root().toString().replace('\\', '/');
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", 1);
    out.put("generatedAt", null);
    Map<String, Object> rs = new LinkedHashMap<>();
    List<Object> relations = new ArrayList<>();
    Map<String, Object> rest = new LinkedHashMap<>();
    for (ResourceDefinition r : resources) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", r.kind().label());
      m.put("typeName", r.typeName());
      m.put("routePath", r.routePath());
      if (r.schema().isCollection()) {
        m.put("idField", r.schema().idField());
        if (r.schema().identityFields() != null) {
          m.put("identity", Map.of("fields", r.schema().identityFields()));
        }
      }
      if (r.schema().description() != null) {
        m.put("description", r.schema().description());
      }
      if (r.schema().appendOnly()) {
        m.put("writePolicy", "append-only");
      }
      m.put("fields", r.schema().fieldsToMap());
      List<Object> rels = new ArrayList<>();
      for (FieldDef f : r.schema().fields().values()) {
        if (f.relation() != null) {
          Map<String, Object> rel = new LinkedHashMap<>();
          rel.put("from", r.name());
          rel.put("field", f.name());
          rel.putAll(f.relation().toMap());
          rels.add(rel);
          relations.add(rel);
        }
      }
      m.put("relations", rels);
      m.put("seed", seed(r));
      m.put("store", r.store());
      if (!r.indexes().isEmpty()) {
        List<Object> idx = new ArrayList<>();
        r.indexes().forEach(fs -> idx.add(Map.of("fields", fs)));
        m.put("indexes", idx);
      }
      m.put("source", r.source().toMap(root));
      rs.put(r.name(), m);
      rest.put(r.name(), routes(r));
    }
    out.put("resources", rs);
    out.put("relations", relations);
    out.put("rest", rest);
    out.put("graphql", sdl(resources));
    List<Object> diags = new ArrayList<>();
    diagnostics.forEach(d -> diags.add(d.toMap()));
    out.put("diagnostics", diags);
    return out;
  }

  private static Object seed(ResourceDefinition r) {
    if (!r.schema().isCollection()) {
      return r.seedDocument();
    }
    TableVersion v = r.seedRows();
    if (v.size() > MAX_EMBEDDED_SEED) {
      return Map.of("omitted", true, "records", v.size());
    }
    List<Object> records = new ArrayList<>();
    for (int row : v.liveRows()) {
      records.add(v.record(row));
    }
    return records;
  }

  private static List<String> routes(ResourceDefinition r) {
    String p = r.routePath();
    if (r.schema().isCollection()) {
      String id = ":" + r.schema().idField();
      return List.of("GET " + p, "GET " + p + "/" + id, "POST " + p, "PATCH " + p + "/" + id, "DELETE " + p + "/" + id);
    }
    return List.of("GET " + p, "PUT " + p, "PATCH " + p);
  }

  /** GraphQL SDL with the original's mapping (id → ID, string/datetime/enum → String, number → Float…). */
  public static String sdl(List<ResourceDefinition> resources) {
    StringBuilder sb = new StringBuilder("scalar JSON\n");
    for (ResourceDefinition r : resources) {
      sb.append('\n');
      if (r.schema().description() != null) {
        sb.append("\"\"\"").append(r.schema().description()).append("\"\"\"\n");
      }
      sb.append("type ").append(r.typeName()).append(" {\n");
      for (FieldDef f : r.schema().fields().values()) {
        if (!f.name().matches("[_A-Za-z][_0-9A-Za-z]*")) {
          continue;
        }
        if (f.description() != null) {
          sb.append("  \"\"\"").append(f.description()).append("\"\"\"\n");
        }
        boolean isId = r.schema().isCollection() && f.name().equals(r.schema().idField());
        sb.append("  ").append(f.name()).append(": ").append(isId ? "ID" : graphqlType(f)).append(f.required() ? "!" : "").append('\n');
      }
      sb.append("}\n");
    }
    return sb.toString();
  }

  private static String graphqlType(FieldDef f) {
    return switch (f.type()) {
      case STRING, DATETIME, DATE, ENUM, BYTES -> "String";
      case INTEGER -> "Int";
      case NUMBER -> f.integral() ? "Int" : "Float";
      case BOOLEAN -> "Boolean";
      case ARRAY -> "[JSON]";
      default -> "JSON";
    };
  }

  /** Writes the file unless only {@code generatedAt} would change; returns true when written. */
  public static boolean write(Path file, Map<String, Object> content) throws IOException {
    Map<String, Object> existing = null;
    if (Files.exists(file)) {
      try {
        Object parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (parsed instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, Object> cast = (Map<String, Object>) m;
          existing = cast;
        }
      } catch (RuntimeException unreadable) {
        existing = null;
      }
    }
    Map<String, Object> next = new LinkedHashMap<>(content);
    if (existing != null) {
      Map<String, Object> comparable = new LinkedHashMap<>(existing);
      comparable.put("generatedAt", null);
      if (Json.same(Json.parse(Json.write(comparable)), Json.parse(Json.write(next)))) {
        return false;
      }
    }
    next.put("generatedAt", Instant.now().toString());
    StateFiles.writeValue(file, next);
    return true;
  }
}
