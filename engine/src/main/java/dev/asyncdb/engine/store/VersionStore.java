package dev.asyncdb.engine.store;

import dev.asyncdb.engine.json.Json;
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
 * Version snapshots of {@code durability: "versioned"}: {@code .db/versions/<resource>/<n>.json} in
 * the state file format plus a {@code manifest.json} listing version, time and record count. A
 * version is written at each checkpoint, which in versioned mode follows every write batch; the
 * newest {@link #KEEP} versions are kept.
 */
public final class VersionStore {
  static final int KEEP = 50;

  private final Path root;

  public VersionStore(Path stateDir) {
    this.root = stateDir.resolveSibling("versions");
  }

  @SuppressWarnings("unchecked")
  void record(String resource, Object state) throws IOException {
    Path dir = root.resolve(resource);
    List<Map<String, Object>> versions = new ArrayList<>(list(resource));
    long n = versions.isEmpty() ? 1 : ((Number) versions.get(versions.size() - 1).get("version")).longValue() + 1;
    Path file = dir.resolve(n + ".json");
    long records;
    if (state instanceof TableVersion rows) {
      StateFiles.writeRows(file, rows);
      records = rows.size();
    } else {
      StateFiles.writeValue(file, (Map<String, Object>) state);
      records = 1;
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("version", n);
    entry.put("createdAt", Instant.now().toString());
    entry.put("records", records);
    versions.add(entry);
    while (versions.size() > KEEP) {
      Map<String, Object> old = versions.remove(0);
      Files.deleteIfExists(dir.resolve(old.get("version") + ".json"));
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("resource", resource);
    manifest.put("versions", versions);
    StateFiles.writeIfChanged(dir.resolve("manifest.json"), Json.pretty(manifest) + "\n");
  }

  /** The versions of a resource, oldest first (empty when none were kept). */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> list(String resource) throws IOException {
    Path manifest = root.resolve(resource).resolve("manifest.json");
    if (!Files.exists(manifest)) {
      return List.of();
    }
    Object parsed = Json.parse(Files.readString(manifest, StandardCharsets.UTF_8));
    if (parsed instanceof Map<?, ?> m && m.get("versions") instanceof List<?> l) {
      return (List<Map<String, Object>>) l;
    }
    return List.of();
  }

  /** A version's contents: the records of a collection or a document's object. */
  public Object read(String resource, long version) throws IOException {
    return Json.parse(Files.readString(root.resolve(resource).resolve(version + ".json"), StandardCharsets.UTF_8));
  }
}
