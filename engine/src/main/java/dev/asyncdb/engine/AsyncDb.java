package dev.asyncdb.engine;

import dev.asyncdb.engine.backup.Bundle;
import dev.asyncdb.engine.backup.BundleWriter;
import dev.asyncdb.engine.backup.RestoreReport;
import dev.asyncdb.engine.backup.Restorer;
import dev.asyncdb.engine.config.DbConfig;
import dev.asyncdb.engine.json.Etags;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.Database;
import dev.asyncdb.engine.runtime.DeferredRows;
import dev.asyncdb.engine.runtime.LogReplay;
import dev.asyncdb.engine.runtime.Resource;
import dev.asyncdb.engine.runtime.Snapshot;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.snapshot.CheckResults;
import dev.asyncdb.engine.snapshot.LoadSnapshots;
import dev.asyncdb.engine.source.DataReader;
import dev.asyncdb.engine.source.SourceException;
import dev.asyncdb.engine.store.Hydrated;
import dev.asyncdb.engine.store.ProjectLock;
import dev.asyncdb.engine.store.RowSource;
import dev.asyncdb.engine.store.SourceMetadata;
import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.store.StoreRegistry;
import dev.asyncdb.engine.sync.GeneratedSchema;
import dev.asyncdb.engine.sync.ProjectLoader;
import dev.asyncdb.engine.sync.ProjectPaths;
import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.engine.table.TableVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An open Async DB project: its resources as {@link Collection}s and {@link Document}s.
 *
 * <p>{@code open} runs a full sync: it reads {@code db/}, builds or infers every resource's
 * schema, validates seeds, hydrates runtime stores and writes {@code .db/schema.generated.json}.
 * Thread-safe: any number of threads may read and write; readers never block and never see a
 * half-applied write.
 */
public final class AsyncDb implements AutoCloseable {
  private final ProjectPaths paths;
  private final DbConfig config;
  private final Database database;
  private final Writes writes;
  private final StoreRegistry stores;
  private final List<ResourceDefinition> definitions;
  private final List<Diagnostic> diagnostics;
  private final CompletableFuture<List<String>> finishing;
  private final ProjectLock lock;
  private volatile boolean closed;

  private AsyncDb(ProjectPaths paths, DbConfig config, Database database, StoreRegistry stores, List<ResourceDefinition> definitions,
      List<Diagnostic> diagnostics, CompletableFuture<List<String>> finishing, boolean readOnly, ProjectLock lock) {
    this.lock = lock;
    this.paths = paths;
    this.config = config;
    this.database = database;
    this.stores = stores;
    this.definitions = definitions;
    this.diagnostics = diagnostics;
    this.finishing = finishing;
    this.writes = new Writes(database, config, readOnly);
  }

  public static AsyncDb open(Path project) {
    return open(OpenOptions.builder(project).build());
  }

  public static AsyncDb open(OpenOptions options) {
    try {
      return doOpen(options);
    } catch (IOException e) {
      throw new DbException("DB_OPEN_FAILED", 500, "Could not open project " + options.project() + ": " + e.getMessage(),
          "Check that the folder exists and is readable and writable.", Map.of("project", options.project().toString()), e);
    }
  }

  private static AsyncDb doOpen(OpenOptions options) throws IOException {
    Path root = options.project().toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new DbException("DB_PROJECT_NOT_FOUND", 404, "Project folder " + root + " does not exist.",
          "Create it (async-db init) or pass the folder that holds db/.", Map.of("project", root.toString()));
    }
    DbConfig config = DbConfig.of(List.of(readConfig(root, options.configFile()), options.config()));
    ProjectPaths paths = ProjectPaths.of(root, config);
    // Taken before anything is read, so two writers never hydrate or replay the same state.
    ProjectLock lock = options.readOnly() ? null : ProjectLock.acquire(paths.stateDir());
    try {
      return doOpen(options, root, config, paths, lock);
    } catch (IOException | RuntimeException | Error e) {
      if (lock != null) {
        lock.close();
      }
      throw e;
    }
  }

  private static AsyncDb doOpen(OpenOptions options, Path root, DbConfig config, ProjectPaths paths, ProjectLock lock) throws IOException {
    List<String> log = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
      Thread t = new Thread(r, "asyncdb-load");
      t.setDaemon(true);
      return t;
    });
    SourceMetadata metadata = new SourceMetadata(paths.statePath());
    LoadSnapshots snapshots = new LoadSnapshots(root, paths.stateDir());
    CheckResults checks = new CheckResults(root, paths.stateDir(), build(), CheckResults.configHash(config.tree()));
    ProjectLoader.Loaded loaded;
    try {
      loaded = new ProjectLoader(paths, config, pool, metadata::unchangedHash, options.progress(), snapshots, checks).load();
    } finally {
      pool.shutdown();
    }
    List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
    log.add("Loaded " + loaded.resources().size() + " resource(s) from " + SourceScannerPaths.relative(root, paths.dbDir()));
    log.addAll(snapshots.notes());
    log.addAll(checks.notes());
    boolean fatal = diagnostics.stream().anyMatch(d -> d.code().equals("RESOURCE_ALIAS_COLLISION"));
    List<Diagnostic> errors = diagnostics.stream().filter(Diagnostic::isError).toList();
    if (fatal || (!errors.isEmpty() && !options.allowSourceErrors())) {
      throw syncFailed(errors);
    }
    boolean writeFiles = options.writeGeneratedFiles() && !options.readOnly();
    if (writeFiles) {
      for (String dir : List.of("", "state", "wal", "migrations", "types")) {
        Files.createDirectories(paths.stateDir().resolve(dir));
      }
    }
    StoreRegistry stores = new StoreRegistry(config, root, paths.statePath(), metadata);
    try {
      return hydrate(options, paths, config, metadata, loaded, diagnostics, log, writeFiles, stores, lock, snapshots, checks);
    } catch (IOException | RuntimeException | Error e) {
      // Stores may hold connections (SQLite files, PostgreSQL servers): a failed open releases them.
      try {
        stores.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static AsyncDb hydrate(OpenOptions options, ProjectPaths paths, DbConfig config, SourceMetadata metadata, ProjectLoader.Loaded loaded,
      List<Diagnostic> diagnostics, List<String> log, boolean writeFiles, StoreRegistry stores, ProjectLock lock, LoadSnapshots snapshots,
      CheckResults checks) throws IOException {
    Map<String, ResourceDefinition> logged = new LinkedHashMap<>();
    List<Resource> resources = new ArrayList<>();
    List<ResourceDefinition> definitions = new ArrayList<>();
    Map<String, TableVersion> rows = new HashMap<>();
    Map<String, Map<String, Object>> documents = new HashMap<>();
    Map<String, DeferredRows> deferred = new HashMap<>();
    for (ResourceDefinition def : withDeclared(loaded.resources(), stores)) {
      Store store;
      try {
        store = stores.resolve(def.store());
      } catch (DbException e) {
        diagnostics.add(Diagnostic.error(e.code(), def.name(), null, e.getMessage(), e.hint()));
        if (!options.allowSourceErrors()) {
          throw e;
        }
        continue;
      }
      resources.add(new Resource(def, store));
      definitions.add(def);
      // Tables of a SQL database stay there until something needs them in memory (DeferredRows).
      RowSource inDatabase = def.schema().isCollection() ? store.deferredRows(def) : null;
      if (inDatabase != null) {
        deferred.put(def.name(), new DeferredRows(def.name(), def.seedRows().table().keySpec(), inDatabase));
        continue;
      }
      Hydrated h = store.hydrate(def, writeFiles);
      if (store == stores.json()) {
        logged.put(def.name(), def);
      }
      if (def.schema().isCollection()) {
        rows.put(def.name(), h.rows());
      } else {
        documents.put(def.name(), h.document() == null ? new LinkedHashMap<>() : h.document());
      }
    }
    CompletableFuture<List<String>> finishing = writeFiles
        ? finishSync(paths, metadata, List.copyOf(definitions), List.copyOf(diagnostics), log, snapshots, loaded.snapshots(), checks,
            loaded.checks())
        : CompletableFuture.completedFuture(List.copyOf(log));
    Database db = new Database(resources, new Snapshot(0, Map.copyOf(rows), Map.copyOf(documents), Map.copyOf(deferred)), stores.json());
    try {
      LogReplay.replay(db, stores.json(), logged, !options.readOnly(), diagnostics, stores::configured);
    } catch (IOException | RuntimeException e) {
      finishing.exceptionally(t -> null).join();
      throw e;
    }
    return new AsyncDb(paths, config, db, stores, List.copyOf(definitions), List.copyOf(diagnostics), finishing, options.readOnly(), lock);
  }

  /**
   * The resources from {@code db/} plus those stores declare (mapped tables). A declared resource
   * may not share a name with a file under {@code db/}: which one would be meant is not clear.
   */
  private static List<ResourceDefinition> withDeclared(List<ResourceDefinition> fromFiles, StoreRegistry stores) {
    List<ResourceDefinition> all = new ArrayList<>(fromFiles);
    for (Store store : stores.declaring()) {
      for (ResourceDefinition declared : store.declaredResources()) {
        for (ResourceDefinition other : all) {
          if (other.name().equalsIgnoreCase(declared.name())) {
            throw new DbException("STORE_TABLE_RESOURCE_CONFLICT", 500,
                "Resource \"" + declared.name() + "\" is mapped to a table by store \"" + declared.store() + "\" and also defined "
                    + (other.source().dataPath() != null ? "by " + other.source().dataPath() : other.source().schemaPath() != null ? "by " + other.source().schemaPath() : "by another store") + ".",
                "Rename one of them: the key under stores." + declared.store() + ".tables, or the file under db/.",
                Map.of("resource", declared.name(), "store", declared.store()));
          }
        }
        all.add(declared);
      }
    }
    return all;
  }

  /**
   * Records source hashes and writes the generated schema once every hash is known. Runs in the
   * background so the database is usable while large sources are still being hashed;
   * {@link #awaitSync()} and {@link #close()} wait for it.
   */
  private static CompletableFuture<List<String>> finishSync(ProjectPaths paths, SourceMetadata metadata, List<ResourceDefinition> definitions,
      List<Diagnostic> diagnostics, List<String> logSoFar, LoadSnapshots writer, List<LoadSnapshots.Pending> snapshots,
      CheckResults checkWriter, List<CheckResults.Pending> checks) {
    return CompletableFuture.supplyAsync(() -> {
      List<String> log = new ArrayList<>(logSoFar);
      try {
        for (ResourceDefinition def : definitions) {
          metadata.record(def, paths.root());
        }
        metadata.save();
        if (GeneratedSchema.write(paths.generatedSchema(), GeneratedSchema.build(paths, definitions, diagnostics))) {
          log.add("Generated " + SourceScannerPaths.relative(paths.root(), paths.generatedSchema()));
        }
        // Last, once every hash is known: the next open reads these columns instead of parsing the sources.
        int before = writer.notes().size();
        for (LoadSnapshots.Pending pending : snapshots) {
          for (ResourceDefinition def : definitions) {
            if (def.name().equals(pending.resource()) && def.source().seedHash() != null) {
              writer.write(pending, paths.root().resolve(pending.stamp().path()), def.source().seedHash().get());
            }
          }
        }
        List<String> notes = writer.notes();
        log.addAll(notes.subList(before, notes.size()));
        int checksBefore = checkWriter.notes().size();
        for (CheckResults.Pending pending : checks) {
          checkWriter.write(pending);
        }
        List<String> checkNotes = checkWriter.notes();
        log.addAll(checkNotes.subList(checksBefore, checkNotes.size()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      log.add("Synced runtime store");
      return List.copyOf(log);
    }, task -> {
      Thread t = new Thread(task, "asyncdb-sync");
      t.setDaemon(true);
      t.start();
    });
  }

  private static DbException syncFailed(List<Diagnostic> errors) {
    Diagnostic first = errors.isEmpty() ? null : errors.get(0);
    List<Object> all = new ArrayList<>();
    errors.forEach(d -> all.add(d.toMap()));
    String message = errors.size() + " error(s) in the project sources" + (first == null ? "." : "; first: " + first.format());
    return new DbException("DB_SYNC_FAILED", 400, message,
        first != null && first.hint() != null ? first.hint() : "Fix the errors listed in details.diagnostics (async-db doctor shows them all).",
        Map.of("diagnostics", all));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readConfig(Path root, Path configFile) throws IOException {
    Path file = configFile != null ? root.resolve(configFile) : root.resolve("db.config.json");
    if (!Files.exists(file)) {
      if (configFile != null) {
        throw new DbException("CONFIG_NOT_FOUND", 404, "Config file " + file + " does not exist.", "Pass an existing file to --config.",
            Map.of("file", file.toString()));
      }
      return Map.of();
    }
    try {
      Object v = DataReader.readValue(file, Json.JSONC);
      if (!(v instanceof Map)) {
        throw new DbException("CONFIG_INVALID", 400, file.getFileName() + " must contain a JSON object.", "Write {\"dbDir\": \"./db\"} or {}.",
            Map.of("file", file.toString()));
      }
      return (Map<String, Object>) v;
    } catch (SourceException e) {
      throw new DbException("CONFIG_INVALID", 400, file.getFileName() + ":" + e.line() + ":" + e.column() + ": " + e.getMessage(), e.hint(),
          Map.of("file", file.toString()));
    }
  }

  public Collection collection(String name) {
    checkOpen();
    return new Collection(database, database.resolve(name, ResourceKind.COLLECTION), writes);
  }

  public Document document(String name) {
    checkOpen();
    return new Document(database, database.resolve(name, ResourceKind.DOCUMENT), writes);
  }

  /** Resource names in sorted order. */
  public List<String> resourceNames() {
    return database.names();
  }

  public ResourceSchema schema(String name) {
    return database.resolve(name).definition().schema();
  }

  /**
   * Moves a resource to another store ({@code stores.<alias>} or a driver name): copies its
   * current state, verifies the copy by count and checksum, then binds the resource to the new
   * store here and in db.config.json. Queries keep working unchanged; writes wait while it runs.
   */
  public dev.asyncdb.engine.migrate.MigrationReport migrateResource(String resource, String toStore) {
    writes.checkWritable(database.resolve(resource));
    return dev.asyncdb.engine.migrate.ResourceMigration.run(database, stores, paths.root().resolve("db.config.json"), resource, toStore);
  }

  public List<ResourceDefinition> definitions() {
    return definitions;
  }

  /** Everything sync found: errors (when opened with allowSourceErrors), warnings and infos. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * Waits until sync has recorded source hashes and written {@code .db/schema.generated.json};
   * returns its log lines ("Loaded …", "Generated …", "Synced runtime store").
   */
  public List<String> awaitSync() {
    try {
      return finishing.join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
      throw new DbException("DB_SYNC_WRITE_FAILED", 500, "Could not write the generated files under " + paths.stateDir() + ": " + cause.getMessage(),
          "Check free disk space and permissions of the .db folder.", Map.of("stateDir", paths.stateDir().toString()), cause);
    }
  }

  public DbConfig config() {
    return config;
  }

  public Path projectRoot() {
    return paths.root();
  }

  public ProjectPaths paths() {
    return paths;
  }

  /** Internals for the SQL adapter: the running database with its snapshots. */
  public Database database() {
    return database;
  }

  /** The strong ETag of any JSON value, as used by {@code ifMatch}. */
  public static String recordEtag(Object value) {
    return Etags.of(value);
  }

  /** The product version. */
  public static String version() {
    return versionProperties().getProperty("version", "unknown");
  }

  /**
   * The engine build: the version and when it was built. Results an engine keeps between opens
   * (the seed and relation checks) are trusted only by the build that made them.
   */
  public static String build() {
    Properties p = versionProperties();
    return p.getProperty("version", "unknown") + "+" + p.getProperty("build", "unknown");
  }

  private static Properties versionProperties() {
    Properties p = new Properties();
    try (InputStream in = AsyncDb.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private void checkOpen() {
    if (closed) {
      throw new DbException("DB_CLOSED", 400, "This database has been closed.", "Open the project again.", Map.of());
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      awaitSync();
      stores.close();
    } catch (IOException e) {
      throw new DbException("STORE_CLOSE_FAILED", 500, "Could not checkpoint " + paths.stateDir() + " on close: " + e.getMessage(),
          "Nothing is lost: the write-ahead log keeps every change and the next open replays it. Check free disk space.",
          Map.of("stateDir", paths.stateDir().toString()), e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * Records a server's address in the project's lock file, so a second process that tries to open
   * the project for writing is told to connect through that server. No-op for read-only opens.
   */
  public void advertise(String address) {
    if (lock != null) {
      lock.advertise(address);
    }
  }

  /**
   * Writes one bundle file with every resource's contents and content hashes, all from one point
   * in time (writes may continue meanwhile), and records the backup in {@code .db/backup.json}.
   */
  public List<BundleWriter.Entry> backup(Path out) {
    checkOpen();
    try {
      List<BundleWriter.Entry> entries = BundleWriter.write(out, paths.root().toString(), database.snapshot(), database.names());
      if (!readOnlyOpen()) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("lastBackupAt", java.time.Instant.now().toString());
        record.put("file", out.toAbsolutePath().toString());
        record.put("resources", entries.size());
        dev.asyncdb.engine.store.StateFiles.writeIfChanged(paths.stateDir().resolve("backup.json"), Json.pretty(record) + "\n");
      }
      return entries;
    } catch (IOException e) {
      throw new DbException("DB_BACKUP_FAILED", 500, "Could not write the backup " + out + ": " + e.getMessage(),
          "Check that the folder exists, is writable and has free space.", Map.of("file", out.toString()), e);
    }
  }

  /**
   * Restores resources from a bundle written by {@link #backup}. The bundle is checked against its
   * hashes first; with {@code dryRun} only the differences are reported. Otherwise the current
   * contents are saved to {@code .db/backups/} first (the report names the file, which is itself a
   * bundle to restore from to undo), then all restored resources change in one write.
   */
  public RestoreReport restore(Path bundle, boolean dryRun) {
    checkOpen();
    requireWritable(dryRun);
    Bundle b = Bundle.read(bundle);
    return Restorer.restore(database, b.resources(), dryRun, this::undoSnapshot);
  }

  /** The version snapshots of a resource ({@code durability: "versioned"}), oldest first: version, createdAt, records. */
  public List<Map<String, Object>> versions(String resource) {
    String name = database.resolve(resource).name();
    try {
      return stores.json().versions().list(name);
    } catch (IOException | RuntimeException e) {
      throw new DbException("DB_VERSIONS_UNREADABLE", 500, "Could not read the versions of " + name + ": " + e.getMessage(),
          "Check .db/versions/" + name + "/manifest.json.", Map.of("resource", name), e);
    }
  }

  /**
   * Rolls a resource back to a version snapshot: {@code "latest"} is the newest version whose
   * contents differ from the current ones (the state before the last change), or a version number.
   * The current contents are saved first, as for {@link #restore}.
   */
  public RestoreReport restoreVersion(String resource, String version, boolean dryRun) {
    checkOpen();
    requireWritable(dryRun);
    String name = database.resolve(resource).name();
    List<Map<String, Object>> list = versions(name);
    if (list.isEmpty()) {
      throw new DbException("DB_NO_VERSIONS", 404, "Resource \"" + name + "\" has no version snapshots.",
          "Version history needs \"stores\": {\"json\": {\"durability\": \"versioned\"}} in db.config.json; a backup bundle can be restored with restore --from.",
          Map.of("resource", name));
    }
    boolean collection = database.resolve(name).definition().schema().isCollection();
    try {
      Object chosen = null;
      if (version.equals("latest")) {
        Object current = currentValue(name, collection);
        for (int i = list.size() - 1; i >= 0 && chosen == null; i--) {
          Object v = stores.json().versions().read(name, ((Number) list.get(i).get("version")).longValue());
          if (!Json.same(v, current)) {
            chosen = v;
          }
        }
        if (chosen == null) {
          return new RestoreReport(dryRun, List.of(new RestoreReport.ResourceDiff(name, collection ? "collection" : "document", 0, 0, 0, 0)), List.of(), null);
        }
      } else {
        long n;
        try {
          n = Long.parseLong(version);
        } catch (NumberFormatException e) {
          n = -1;
        }
        long wanted = n;
        if (list.stream().noneMatch(v -> ((Number) v.get("version")).longValue() == wanted)) {
          throw new DbException("DB_VERSION_NOT_FOUND", 404, "Resource \"" + name + "\" has no version \"" + version + "\".",
              "Use \"latest\" or one of: " + list.stream().map(v -> String.valueOf(v.get("version"))).toList() + " (restore " + name + " --list).",
              Map.of("resource", name, "version", version));
        }
        chosen = stores.json().versions().read(name, n);
      }
      Map<String, Bundle.Item> items = Map.of(name, new Bundle.Item(collection ? "collection" : "document", chosen));
      return Restorer.restore(database, items, dryRun, this::undoSnapshot);
    } catch (IOException e) {
      throw new DbException("DB_VERSIONS_UNREADABLE", 500, "Could not read a version of " + name + ": " + e.getMessage(),
          "Check the files under .db/versions/" + name + "/.", Map.of("resource", name), e);
    }
  }

  private Object currentValue(String name, boolean collection) {
    Snapshot s = database.snapshot();
    if (!collection) {
      return s.document(name);
    }
    List<Object> records = new ArrayList<>();
    TableVersion rows = s.rows(name);
    for (int row : rows.liveRows()) {
      records.add(rows.record(row));
    }
    return records;
  }

  private void requireWritable(boolean dryRun) {
    if (!dryRun && readOnlyOpen()) {
      throw new DbException("DB_READ_ONLY", 405, "The database was opened read-only; cannot restore into " + paths.root() + ".",
          "Open it without the read-only option, or pass --dry-run to only see the differences.", Map.of("project", paths.root().toString()));
    }
  }

  private Path undoSnapshot() {
    Path file = paths.stateDir().resolve("backups").resolve("before-restore-" + java.time.Instant.now().toString().replace(':', '-') + ".json");
    backupTo(file);
    return file;
  }

  private void backupTo(Path file) {
    try {
      BundleWriter.write(file, paths.root().toString(), database.snapshot(), database.names());
    } catch (IOException e) {
      throw new DbException("DB_BACKUP_FAILED", 500, "Could not save the current contents to " + file + " before restoring: " + e.getMessage(),
          "Nothing was restored. Check free disk space and permissions of the .db folder.", Map.of("file", file.toString()), e);
    }
  }

  private boolean readOnlyOpen() {
    return lock == null;
  }

  /** When json-store writes are acknowledged ({@code stores.json.durability}). */
  public dev.asyncdb.engine.store.wal.Durability durability() {
    return stores.json().durability();
  }

  /** Forces a checkpoint of the json store: changed resources' state files are written and the log trimmed. */
  public void checkpoint() {
    try {
      stores.json().checkpoint();
    } catch (IOException e) {
      throw new DbException("STORE_WRITE_FAILED", 500, "Checkpoint of " + paths.stateDir() + " failed: " + e.getMessage(),
          "Nothing is lost: the write-ahead log keeps every change. Check free disk space and permissions.",
          Map.of("stateDir", paths.stateDir().toString()), e);
    }
  }

  /** Path display helper kept next to its only callers. */
  private static final class SourceScannerPaths {
    static String relative(Path root, Path p) {
      String r = dev.asyncdb.engine.source.SourceScanner.relative(root, p);
      return r.isEmpty() ? "." : r;
    }
  }
}
