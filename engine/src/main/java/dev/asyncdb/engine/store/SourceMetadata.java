package dev.asyncdb.engine.store;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code .db/state/.sources.json}: for each resource the path, format and content hash its state
 * was built from. An unchanged hash keeps runtime edits; a changed one rebuilds from the seed.
 * {@code updatedAt} only moves when path, format or hash change.
 */
public final class SourceMetadata {
  private final Path file;
  private final Map<String, Map<String, Object>> entries = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  public SourceMetadata(Path stateDir) throws IOException {
    this.file = stateDir.resolve(".sources.json");
    if (Files.exists(file)) {
      try {
        Object parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (parsed instanceof Map<?, ?> m && m.get("resources") instanceof Map<?, ?> rs) {
          rs.forEach((k, v) -> {
            if (v instanceof Map<?, ?> e) {
              entries.put((String) k, new LinkedHashMap<>((Map<String, Object>) e));
            }
          });
        }
      } catch (RuntimeException corrupt) {
        // An unreadable metadata file only costs a rebuild of runtime state from the seeds.
        entries.clear();
      }
    }
  }

  public synchronized String hash(String resource) {
    Map<String, Object> e = entries.get(resource);
    return e == null ? null : (String) e.get("hash");
  }

  public synchronized void record(ResourceDefinition r) {
    String path = r.source().dataPath() != null ? r.source().dataPath() : r.source().schemaPath();
    String format = r.source().dataFormat() != null ? r.source().dataFormat() : "schema";
    String hash = r.source().seedHash();
    if (hash == null) {
      return;
    }
    Map<String, Object> old = entries.get(r.name());
    if (old != null && path.equals(old.get("path")) && format.equals(old.get("format")) && hash.equals(old.get("hash"))) {
      return;
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("path", path);
    e.put("format", format);
    e.put("hash", hash);
    e.put("updatedAt", Instant.now().toString());
    entries.put(r.name(), e);
  }

  public synchronized void save() throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("resources", new LinkedHashMap<>(entries));
    StateFiles.writeIfChanged(file, Json.pretty(root) + "\n");
  }
}
