package dev.asyncdb.engine.migrate;

import dev.asyncdb.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code resources.<name>.store} into db.config.json. A file with comments is left alone
 * (rewriting it would drop them); the caller reports the line to add instead.
 */
final class ConfigBinding {
  private ConfigBinding() {}

  /** Returns null when saved, else what the user should add by hand. */
  @SuppressWarnings("unchecked")
  static String save(Path configFile, String resource, String store) throws IOException {
    String wanted = "\"resources\": {\"" + resource + "\": {\"store\": \"" + store + "\"}}";
    Map<String, Object> config;
    if (Files.exists(configFile)) {
      String text = Files.readString(configFile, StandardCharsets.UTF_8);
      Object parsed;
      try {
        parsed = Json.parse(text);
      } catch (RuntimeException withComments) {
        parsed = null;
      }
      if (!(parsed instanceof Map<?, ?>)) {
        return configFile.getFileName() + " has comments or is not plain JSON, so it was not rewritten: add " + wanted
            + " to it, or the next open uses the old store again.";
      }
      config = (Map<String, Object>) parsed;
    } else {
      config = new LinkedHashMap<>();
    }
    Object resources = config.computeIfAbsent("resources", k -> new LinkedHashMap<String, Object>());
    if (!(resources instanceof Map<?, ?>)) {
      return "\"resources\" in " + configFile.getFileName() + " is not an object; set " + wanted + " by hand.";
    }
    Object entry = ((Map<String, Object>) resources).computeIfAbsent(resource, k -> new LinkedHashMap<String, Object>());
    if (!(entry instanceof Map<?, ?>)) {
      return "\"resources." + resource + "\" in " + configFile.getFileName() + " is not an object; set " + wanted + " by hand.";
    }
    ((Map<String, Object>) entry).put("store", store);
    Path tmp = configFile.resolveSibling(configFile.getFileName() + ".tmp");
    Files.writeString(tmp, Json.pretty(config) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return null;
  }
}
