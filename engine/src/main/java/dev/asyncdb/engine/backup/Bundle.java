package dev.asyncdb.engine.backup;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backup bundle read back and checked: its kind, and every resource's hash against its value.
 * A bundle that is not one, or whose content does not match its hashes, is refused before
 * anything is restored.
 */
public record Bundle(Path file, String createdAt, Map<String, Item> resources) {
  /** One resource of the bundle. */
  public record Item(String kind, Object value) {}

  @SuppressWarnings("unchecked")
  public static Bundle read(Path file) {
    Object parsed;
    try (InputStream in = Files.newInputStream(file); var p = Json.STRICT.createParser(in)) {
      p.nextToken();
      parsed = Json.read(p);
    } catch (NoSuchFileException e) {
      throw invalid(file, "the file does not exist", "Pass the bundle written by async-db backup --out FILE.");
    } catch (IOException | RuntimeException e) {
      throw invalid(file, "it is not valid JSON (" + e.getMessage() + ")", "The file is damaged or not a backup bundle; use another copy.");
    }
    if (!(parsed instanceof Map<?, ?> root) || !"db.backup".equals(root.get("kind")) || !(root.get("resources") instanceof Map<?, ?> rs)) {
      throw invalid(file, "it has no \"kind\": \"db.backup\" and \"resources\" object", "Pass a bundle written by async-db backup.");
    }
    Map<String, Item> items = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : rs.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof Map<?, ?> entry) || !(entry.get("kind") instanceof String kind) || !entry.containsKey("value")) {
        throw invalid(file, "resource \"" + name + "\" has no kind and value", "The bundle is damaged; use another copy.");
      }
      Object value = entry.get("value");
      boolean shapeOk = kind.equals("collection") ? value instanceof List : kind.equals("document") && value instanceof Map;
      if (!shapeOk) {
        throw invalid(file, "resource \"" + name + "\" is a " + kind + " but its value is " + Json.typeName(value), "The bundle is damaged; use another copy.");
      }
      String expected = entry.get("hash") instanceof String h ? h : null;
      try {
        String actual = BundleWriter.hashOf(value);
        if (expected == null || !expected.equals(actual)) {
          throw new DbException("DB_BACKUP_CORRUPT", 400, "Backup bundle " + file + ": the content of \"" + name + "\" does not match its hash (recorded "
              + expected + ", computed " + actual + ").", "The bundle was changed or damaged after it was written; nothing was restored. Use another copy.",
              Map.of("file", file.toString(), "resource", name, "expected", String.valueOf(expected), "actual", actual));
        }
      } catch (IOException io) {
        throw invalid(file, io.getMessage(), "The bundle is damaged; use another copy.");
      }
      items.put(name, new Item(kind, value));
    }
    return new Bundle(file, String.valueOf(root.get("createdAt")), items);
  }

  private static DbException invalid(Path file, String why, String hint) {
    return new DbException("DB_BACKUP_INVALID", 400, "Cannot restore from " + file + ": " + why + ".", hint, Map.of("file", file.toString()));
  }
}
