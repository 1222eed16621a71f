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
 * committed writes at once. Engines stay open until the JVM exits (a shutdown hook closes them);
 * an engine whose sources changed is replaced for new connections.
 */
final class EngineRegistry {
  private static final Map<String, AsyncDb> ENGINES = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(EngineRegistry::closeAll, "asyncdb-shutdown"));
  }

  private EngineRegistry() {}

  /** An open engine and the fingerprint of the sources it was opened from. */
  private record Entry(AsyncDb db, String fingerprint) {}

  private static final Map<Path, Entry> PROJECTS = new ConcurrentHashMap<>();

  /**
   * The engine of a project folder, shared by its connections. When the project's sources changed
   * since the engine was opened (a fixture edited, a file added, the folder recreated), the next
   * connection gets a freshly opened engine, so stale data is never served to it.
   */
  static AsyncDb embedded(Path project, boolean create) {
    if (create && !Files.exists(project)) {
      try {
        Files.createDirectories(project.resolve("db"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String fingerprint = fingerprint(project);
    return PROJECTS.compute(project, (p, current) -> {
      if (current != null && current.fingerprint().equals(fingerprint)) {
        return current;
      }
      return new Entry(AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).build()), fingerprint(project));
    }).db();
  }

  /** Paths, sizes and modification times of the config and every file under db/: cheap, and changes with any edit. */
  private static String fingerprint(Path project) {
    StringBuilder sb = new StringBuilder();
    for (Path root : new Path[] {project.resolve("db.config.json"), project.resolve("db")}) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          if (Files.isRegularFile(f)) {
            sb.append(project.relativize(f)).append(':').append(Files.size(f)).append(':').append(Files.getLastModifiedTime(f).toMillis()).append('\n');
          }
        }
      } catch (IOException e) {
        sb.append("unreadable:").append(root).append('\n');
      }
    }
    return sb.toString();
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
    PROJECTS.values().forEach(e -> ENGINES.putIfAbsent("dir:" + e.db().projectRoot(), e.db()));
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
