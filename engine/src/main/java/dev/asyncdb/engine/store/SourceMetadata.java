package dev.asyncdb.engine.store;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.source.SourceFile;
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
  /** A file modified this close to its hashing may have changed within the clock's resolution. */
  private static final long RACY_MILLIS = 2000;

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

  /**
   * Hash recorded for a data file that is unchanged since it was hashed (same path, size and
   * modification time, and modified well before it was hashed), or null. Like git's index, this
   * skips rehashing large unchanged sources on every open.
   */
  public synchronized String unchangedHash(SourceFile file) {
    for (Map<String, Object> e : entries.values()) {
      if (file.relativePath().equals(e.get("path")) && e.get("hash") instanceof String h && e.get("size") instanceof Number size
          && e.get("mtime") instanceof Number mtime && e.get("hashedAt") instanceof Number hashedAt) {
        try {
          long actualSize = Files.size(file.path());
          long actualMtime = Files.getLastModifiedTime(file.path()).toMillis();
          if (actualSize == size.longValue() && actualMtime == mtime.longValue() && hashedAt.longValue() - actualMtime > RACY_MILLIS) {
            return h;
          }
        } catch (IOException gone) {
          return null;
        }
      }
    }
    return null;
  }

  public void record(ResourceDefinition r, Path projectRoot) {
    String path = r.source().dataPath() != null ? r.source().dataPath() : r.source().schemaPath();
    String format = r.source().dataFormat() != null ? r.source().dataFormat() : "schema";
    if (r.source().seedHash() == null) {
      return;
    }
    String hash = r.source().seedHash().get();
    Long size = null;
    Long mtime = null;
    if (r.source().dataPath() != null) {
      try {
        Path file = projectRoot.resolve(r.source().dataPath());
        size = Files.size(file);
        mtime = Files.getLastModifiedTime(file).toMillis();
      } catch (IOException gone) {
        size = null;
      }
    }
    synchronized (this) {
      Map<String, Object> old = entries.get(r.name());
      if (old != null && path.equals(old.get("path")) && format.equals(old.get("format")) && hash.equals(old.get("hash"))
          && java.util.Objects.equals(size, asLong(old.get("size"))) && java.util.Objects.equals(mtime, asLong(old.get("mtime")))) {
        return;
      }
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("path", path);
      e.put("format", format);
      e.put("hash", hash);
      boolean same = old != null && path.equals(old.get("path")) && format.equals(old.get("format")) && hash.equals(old.get("hash"));
      e.put("updatedAt", same && old.get("updatedAt") != null ? old.get("updatedAt") : Instant.now().toString());
      if (size != null) {
        e.put("size", size);
        e.put("mtime", mtime);
        e.put("hashedAt", System.currentTimeMillis());
      }
      entries.put(r.name(), e);
    }
  }

  private static Long asLong(Object o) {
    return o instanceof Number n ? n.longValue() : null;
  }

  public synchronized void save() throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("resources", new LinkedHashMap<>(entries));
    StateFiles.writeIfChanged(file, Json.pretty(root) + "\n");
  }
}
