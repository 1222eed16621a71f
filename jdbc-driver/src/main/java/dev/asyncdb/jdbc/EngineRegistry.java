package dev.asyncdb.jdbc;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.OpenOptions;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One engine per project per JVM, shared by every connection to it, so a second connection sees
 * committed writes at once. Connections hold a {@link Lease}; when the last one closes, the engine
 * closes: it checkpoints, finishes its background work and releases the project's write lock, so
 * the folder may be copied, deleted or opened by another process (or by {@code AsyncDb.open}) as
 * soon as {@code Connection.close()} returns. A connection opened after the project's sources
 * changed gets a freshly opened engine when the old one can be replaced; while connections still
 * hold the old engine (it owns the write lock), new connections share it.
 */
final class EngineRegistry {
  private static final Map<String, AsyncDb> ENGINES = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(EngineRegistry::closeAll, "asyncdb-shutdown"));
  }

  private EngineRegistry() {}

  /** An open engine, the fingerprint of the sources it was opened from and how many connections use it. */
  private static final class Entry {
    final AsyncDb db;
    final String fingerprint;
    final AtomicInteger users = new AtomicInteger();
    /** Opened without the write lock because another process owns the project. */
    final boolean readOnly;

    Entry(AsyncDb db, String fingerprint) {
      this(db, fingerprint, false);
    }

    Entry(AsyncDb db, String fingerprint, boolean readOnly) {
      this.db = db;
      this.fingerprint = fingerprint;
      this.readOnly = readOnly;
    }
  }

  /** A connection's hold on an engine; {@link #release()} is idempotent. */
  static final class Lease {
    private final Path project;
    private final Entry entry;
    private final String memoryName;
    private boolean released;

    private Lease(Path project, Entry entry) {
      this(project, entry, null);
    }

    private Lease(Path project, Entry entry, String memoryName) {
      this.project = project;
      this.entry = entry;
      this.memoryName = memoryName;
    }

    AsyncDb db() {
      return entry.db;
    }

    /** Whether this lease's engine is still the one new connections get (DDL on any connection replaces it). */
    boolean isCurrent() {
      return project != null ? PROJECTS.get(project) == entry : ENGINES.get("mem:" + memoryName) == entry.db;
    }

    /** Whether the project's files changed since its current engine opened them (an in-memory database: never). */
    boolean sourcesChanged() {
      if (project == null) {
        return false;
      }
      Entry current = PROJECTS.get(project);
      return current == null || !current.fingerprint.equals(fingerprint(project));
    }

    /** A lease on the project's current engine, releasing this one; this lease itself when it is current. */
    Lease refresh() {
      if (isCurrent()) {
        return this;
      }
      Lease next = project != null ? embedded(project, false, null) : new Lease(null, new Entry(ENGINES.get("mem:" + memoryName), "memory"), memoryName);
      release();
      return next;
    }

    /**
     * Opens the project again after its files changed (DDL), makes that engine the current one and
     * moves this lease to it. An in-memory database keeps its data: it is written into the
     * private folder's schema files as seeds first.
     */
    Lease reopen() {
      Lease next;
      if (project != null) {
        next = reopenEmbedded(project);
      } else {
        AsyncDb reopened = reopenMemory(entry.db);
        ENGINES.put("mem:" + memoryName, reopened);
        next = new Lease(null, new Entry(reopened, "memory"), memoryName);
      }
      release();
      return next;
    }

    void release() {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      if (project != null) {
        EngineRegistry.release(project, entry);
      }
    }
  }

  private static final Map<Path, Entry> PROJECTS = new ConcurrentHashMap<>();

  /**
   * The engine of a project folder, shared by its connections. When the project's sources changed
   * since the engine was opened (a fixture edited, a file added, the folder recreated), the next
   * connection gets a freshly opened engine, so stale data is never served to it.
   */
  static Lease embedded(Path project, boolean create, String durability) {
    return embedded(project, create, durability, false);
  }

  /**
   * As above; {@code readOnly} connections take a read-only engine when another process owns the
   * project for writing (they read its last checkpoint plus its log), and share the writable one
   * otherwise. A writable connection never gets a read-only engine: it opens a writable one (the
   * owner may have gone) or fails with the owner's name.
   */
  static Lease embedded(Path project, boolean create, String durability, boolean readOnly) {
    if (create && !Files.exists(project)) {
      try {
        Files.createDirectories(project.resolve("db"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String fingerprint = fingerprint(project);
    // Opening and closing happen inside compute, so a project is never opened while its previous
    // engine of this JVM still holds the write lock.
    Entry entry = PROJECTS.compute(project, (p, current) -> {
      Entry e = current;
      if (e == null || !e.fingerprint.equals(fingerprint) || (e.readOnly && !readOnly)) {
        OpenOptions.Builder options = OpenOptions.builder(project).allowSourceErrors(true);
        if (durability != null) {
          options.config(Map.of("stores", Map.of("json", Map.of("durability", durability))));
        }
        try {
          e = new Entry(AsyncDb.open(options.build()), fingerprint(project));
        } catch (DbException locked) {
          if (!"DB_LOCKED".equals(locked.code())) {
            throw locked;
          }
          if (current != null && !current.readOnly) {
            // The old engine (same folder, edited sources) still serves open connections and owns the lock.
            e = current;
          } else if (readOnly) {
            e = new Entry(AsyncDb.open(options.readOnly(true).build()), fingerprint(project), true);
          } else {
            throw locked;
          }
        }
      }
      if (durability != null && !e.db.durability().label().equalsIgnoreCase(durability.trim())) {
        throw new DbException("DB_DURABILITY_CONFLICT", 409, "Project " + project + " is already open in this JVM with durability "
            + e.db.durability().label() + "; this connection asks for " + durability + ".",
            "Connections of one JVM share the project's engine: use the same durability property everywhere (or none), or close the other connections first.",
            Map.of("project", project.toString(), "running", e.db.durability().label(), "requested", durability));
      }
      e.users.incrementAndGet();
      return e;
    });
    return new Lease(project, entry);
  }

  private static Lease reopenEmbedded(Path project) {
    Entry entry = PROJECTS.compute(project, (p, current) -> {
      if (current != null) {
        // One writer per project: the old engine checkpoints and lets go of the write lock before the
        // new one opens. Its connections move over at their next statement (a transaction still on
        // it gets 40001 at commit); closing again when its last lease goes is a no-op.
        closeQuietly(current.db);
      }
      Entry e = new Entry(AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).build()), fingerprint(project));
      e.users.incrementAndGet();
      return e;
    });
    return new Lease(project, entry);
  }

  private static void release(Path project, Entry entry) {
    PROJECTS.compute(project, (p, current) -> {
      if (entry.users.decrementAndGet() > 0) {
        return current;
      }
      closeQuietly(entry.db);
      return current == entry ? null : current;
    });
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
  static Lease memory(String name) {
    return new Lease(null, new Entry(memoryEngine(name), "memory"), name);
  }

  private static AsyncDb memoryEngine(String name) {
    return ENGINES.computeIfAbsent("mem:" + name, k -> {
      try {
        Path dir = Files.createTempDirectory("asyncdb-mem-");
        Files.createDirectories(dir.resolve("db"));
        // Hooks run concurrently: this one closes the engine before deleting its folder.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          AsyncDb current = ENGINES.get(k);
          if (current != null) {
            closeQuietly(current);
          }
          deleteTree(dir);
        }, "asyncdb-mem-cleanup"));
        return openMemory(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static AsyncDb openMemory(Path dir) {
    return AsyncDb.open(OpenOptions.builder(dir).config(Map.of("stores", Map.of("default", "memory"))).writeGeneratedFiles(false).build());
  }

  /**
   * Reopens an in-memory database after DDL changed its (private) files. Its data lives only in
   * the memory store, so each table's current rows first become the seed of its schema file.
   */
  private static AsyncDb reopenMemory(AsyncDb old) {
    Path root = old.projectRoot();
    for (ResourceDefinition d : old.definitions()) {
      Path schemaFile = d.source().schemaPath() == null ? null : root.resolve(d.source().schemaPath());
      if (schemaFile == null || !Files.exists(schemaFile)) {
        continue;
      }
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = new LinkedHashMap<>((Map<String, Object>) Json.parse(Files.readString(schemaFile)));
        schema.put("seed", d.schema().isCollection() ? old.collection(d.name()).all() : old.document(d.name()).get());
        Files.writeString(schemaFile, Json.pretty(schema) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // The seeds now hold the data; the old engine lets go of the folder's write lock first.
    closeQuietly(old);
    return openMemory(root);
  }

  private static void closeAll() {
    // In-memory engines are closed by their own cleanup hooks.
    PROJECTS.values().forEach(e -> closeQuietly(e.db));
  }

  private static void closeQuietly(AsyncDb db) {
    try {
      db.close();
    } catch (RuntimeException e) {
      System.err.println("async-db: closing " + db.projectRoot() + " failed: " + e.getMessage());
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Best effort: a leftover temp folder is harmless.
    }
  }
}
