package dev.asyncdb.jdbc;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.OpenOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One engine per project per JVM, shared by every connection to it, so a second connection sees
 * committed writes at once. Engines stay open until the JVM exits (a shutdown hook closes them).
 */
final class EngineRegistry {
  private static final Map<String, AsyncDb> ENGINES = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(EngineRegistry::closeAll, "asyncdb-shutdown"));
  }

  private EngineRegistry() {}

  static AsyncDb embedded(Path project, boolean create) {
    String key = "dir:" + project;
    return ENGINES.computeIfAbsent(key, k -> {
      if (create && !Files.exists(project)) {
        try {
          Files.createDirectories(project.resolve("db"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).build());
    });
  }

  /** An in-memory database shared by name inside this JVM; nothing touches the disk except a private temp folder. */
  static AsyncDb memory(String name) {
    return ENGINES.computeIfAbsent("mem:" + name, k -> {
      try {
        Path dir = Files.createTempDirectory("asyncdb-mem-");
        Files.createDirectories(dir.resolve("db"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        return AsyncDb.open(OpenOptions.builder(dir).config(Map.of("stores", Map.of("default", "memory")))
            .writeGeneratedFiles(false).build());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static void closeAll() {
    ENGINES.values().forEach(db -> {
      try {
        db.close();
      } catch (RuntimeException e) {
        System.err.println("async-db: closing " + db.projectRoot() + " failed: " + e.getMessage());
      }
    });
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Best effort: a leftover temp folder is harmless.
    }
  }
}
