package dev.asyncdb.engine.config;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration: built-in defaults, then {@code db.config.json}, then options given
 * in code, deep-merged (objects merge, arrays replace). Typed accessors cover what the engine reads;
 * the whole tree stays available for the server and CLI.
 */
public final class DbConfig {
  private final Map<String, Object> tree;

  private DbConfig(Map<String, Object> tree) {
    this.tree = tree;
  }

  /** The original's defaults (PRODUCT.md §2), minus JavaScript-only keys. */
  public static Map<String, Object> defaults() {
    return castMap(Json.parse("""
        {
          "dbDir": "./db",
          "outputs": {"stateDir": "./.db"},
          "server": {"apiBase": "/__db", "dataPath": "/db", "host": "127.0.0.1", "port": 7331, "maxBodyBytes": 1048576},
          "rest": {"enabled": true},
          "graphql": {"enabled": true, "path": "/graphql"},
          "stores": {"default": "json"},
          "schema": {"source": "auto", "allowJsonc": true, "unknownFields": "warn"},
          "defaults": {"applyOnCreate": true, "applyOnSafeMigration": true},
          "seed": {"generateFromSchema": false, "generatedCount": 5},
          "resources": {"naming": "basename"},
          "collections": {},
          "operations": {"enabled": false, "sourceDir": "./db/operations"}
        }
        """));
  }

  /** Merges layers over the defaults and rejects the legacy runtime keys the original rejects. */
  public static DbConfig of(List<Map<String, Object>> layers) {
    Map<String, Object> tree = defaults();
    for (Map<String, Object> layer : layers) {
      if (layer != null) {
        rejectLegacy(layer);
        deepMerge(tree, Json.deepCopy(layer));
      }
    }
    // Legacy aliases: sourceDir wins over dbDir when given; stateDir mirrors outputs.stateDir.
    for (Map<String, Object> layer : layers) {
      if (layer != null && layer.get("sourceDir") instanceof String s) {
        tree.put("dbDir", s);
      }
      if (layer != null && layer.get("stateDir") instanceof String s
          && !(layer.get("outputs") instanceof Map<?, ?> o && o.containsKey("stateDir"))) {
        section(tree, "outputs").put("stateDir", s);
      }
    }
    return new DbConfig(tree);
  }

  private static void rejectLegacy(Map<String, Object> layer) {
    List<String> found = new ArrayList<>();
    if (layer.containsKey("mode")) {
      found.add("mode");
    }
    if (layer.containsKey("runtime")) {
      found.add("runtime");
    }
    if (layer.get("resources") instanceof Map<?, ?> rs) {
      rs.forEach((k, v) -> {
        if (v instanceof Map<?, ?> m && m.containsKey("runtime")) {
          found.add("resources." + k + ".runtime");
        }
      });
    }
    if (!found.isEmpty()) {
      throw new DbException("CONFIG_UNSUPPORTED_RUNTIME_BOUNDARY", 400,
          "Configuration uses unsupported runtime keys: " + String.join(", ", found) + ".",
          "Bind resources to stores instead: \"stores\": {\"default\": \"json\"} and \"resources\": {\"<name>\": {\"store\": \"...\"}}.",
          Map.of("keys", found));
    }
  }

  @SuppressWarnings("unchecked")
  private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
    for (Map.Entry<String, Object> e : from.entrySet()) {
      Object existing = into.get(e.getKey());
      if (existing instanceof Map && e.getValue() instanceof Map) {
        deepMerge((Map<String, Object>) existing, (Map<String, Object>) e.getValue());
      } else if (e.getValue() != null) {
        into.put(e.getKey(), e.getValue());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> tree, String key) {
    return (Map<String, Object>) tree.computeIfAbsent(key, k -> new LinkedHashMap<>());
  }

  public Map<String, Object> tree() {
    return tree;
  }

  /** Value at a dotted path ({@code schema.unknownFields}), or null. */
  public Object get(String path) {
    Object cur = tree;
    for (String part : path.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(part);
    }
    return cur;
  }

  public String string(String path, String fallback) {
    return get(path) instanceof String s ? s : fallback;
  }

  public boolean bool(String path, boolean fallback) {
    return get(path) instanceof Boolean b ? b : fallback;
  }

  public int integer(String path, int fallback) {
    return get(path) instanceof Number n ? n.intValue() : fallback;
  }

  public String dbDir() {
    return string("dbDir", "./db");
  }

  public String stateDir() {
    return string("outputs.stateDir", "./.db");
  }

  public String unknownFields() {
    return string("schema.unknownFields", "warn");
  }

  public String schemaSource() {
    return string("schema.source", "auto");
  }

  public String naming() {
    return string("resources.naming", "basename");
  }

  public String operationsDir() {
    return string("operations.sourceDir", "./db/operations");
  }

  /** Per-resource settings ({@code resources.<name>}), resolved through the name's aliases. */
  public Map<String, Object> resource(String name) {
    return lookup("resources", name);
  }

  /** Per-collection settings ({@code collections.<name>}), e.g. {@code idField}. */
  public Map<String, Object> collection(String name) {
    return lookup("collections", name);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> lookup(String section, String name) {
    if (!(tree.get(section) instanceof Map<?, ?> all)) {
      return Map.of();
    }
    for (String alias : dev.asyncdb.engine.source.Names.aliases(name)) {
      if (all.get(alias) instanceof Map<?, ?> m) {
        return (Map<String, Object>) m;
      }
    }
    return Map.of();
  }
}
