package dev.asyncdb.engine.store;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.source.DataReader;
import dev.asyncdb.engine.source.SourceData;
import dev.asyncdb.engine.source.SourceException;
import dev.asyncdb.engine.source.SourceFormat;
import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.engine.sync.Seeds;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.RowRange;
import dev.asyncdb.engine.table.TableVersion;
import dev.asyncdb.engine.store.wal.Durability;
import dev.asyncdb.engine.store.wal.WalCodec;
import dev.asyncdb.engine.store.wal.WalEntry;
import dev.asyncdb.engine.store.wal.WalFrame;
import dev.asyncdb.engine.store.wal.WalReader;
import dev.asyncdb.engine.store.wal.WalRecord;
import dev.asyncdb.engine.store.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default store: runtime state in {@code .db/state/<resource>.json}, in the original's format.
 *
 * <p>State equal to the seed is not copied eagerly for large resources: when the seed is bigger
 * than {@link #EAGER_COPY_BYTES} the state file is written at the first change, and until then the
 * seed is the state (the recorded source hash says so). Small resources get their state file at
 * sync, as in the original.
 *
 * <p>Writes are record-level entries in the write-ahead log ({@code .db/wal/}); a write costs the
 * same in a 10-record resource as in a 1M-record one. A checkpoint, in the background once the log
 * passes {@code stores.json.checkpointBytes} and always on close, writes the changed resources'
 * state files atomically from one consistent point of the log and then deletes the log before it,
 * so checkpointed state files are exactly the original's format. On open the log left by an
 * earlier process is replayed ({@link #recover}).
 *
 * <p>The log also coordinates writes that span several stores ({@link CommitLog}): their record
 * carries the commit id and the stores that decide it, and no checkpoint trims the log while such
 * a write is between its record and its decision.
 */
public final class JsonStore implements Store, CommitLog {
  static final long EAGER_COPY_BYTES = 4L << 20;
  /** Default log size that triggers a checkpoint. */
  public static final long DEFAULT_CHECKPOINT_BYTES = 16L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(JsonStore.class);

  private final Path stateDir;
  private final Path projectRoot;
  private final SourceMetadata metadata;
  private final Durability durability;
  private final long checkpointBytes;
  private final Path walDir;
  private final VersionStore versions;

  // Guarded by this: the newest committed state of every resource written since open, and which of them the state files lag behind.
  private final Map<String, Object> latest = new HashMap<>();
  private final Map<String, ResourceDefinition> definitions = new HashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private final Map<String, Long> stateBytes = new HashMap<>();
  private long dirtyStateBytes;
  private WriteAheadLog wal;
  private boolean closed;
  /** The multi-store write between its log record and its decision; checkpoints wait for it. */
  private String inFlight;
  /** A multi-store write recovery must check again (outcome unknown, or stores disagree): the log stays as it is. */
  private String keptFor;
  /** Commit ids (by store alias) logged since the last rotation, and those whose segments were deleted. */
  private Map<String, List<String>> loggedCommits = new HashMap<>();
  private final Map<String, List<String>> trimmedCommits = new HashMap<>();

  private final Object checkpointLock = new Object();
  private ExecutorService checkpointer;
  private Future<?> scheduled;

  public JsonStore(Path projectRoot, Path stateDir, SourceMetadata metadata) {
    this(projectRoot, stateDir, metadata, Durability.FULL, DEFAULT_CHECKPOINT_BYTES);
  }

  public JsonStore(Path projectRoot, Path stateDir, SourceMetadata metadata, Durability durability, long checkpointBytes) {
    this.projectRoot = projectRoot;
    this.stateDir = stateDir;
    this.metadata = metadata;
    this.durability = durability;
    this.checkpointBytes = checkpointBytes;
    this.walDir = stateDir.resolveSibling("wal");
    this.versions = new VersionStore(stateDir);
  }

  public Durability durability() {
    return durability;
  }

  /** Version snapshots (kept with {@code durability: "versioned"}). */
  public VersionStore versions() {
    return versions;
  }

  @Override
  public String driver() {
    return "json";
  }

  @Override
  public boolean writable() {
    return true;
  }

  public Path stateFile(String resource) {
    return stateDir.resolve(resource + ".json");
  }

  @Override
  public String statePath(ResourceDefinition resource) {
    return stateFile(resource.name()).toString();
  }

  @Override
  public Hydrated hydrate(ResourceDefinition r, boolean mayWrite) throws IOException {
    Path file = stateFile(r.name());
    String recorded = metadata.hash(r.name());
    boolean exists = Files.exists(file);
    // The seed's hash is only awaited when there is persisted state to compare it with.
    boolean fresh = exists && recorded != null && r.source().seedHash() != null && recorded.equals(r.source().seedHash().get());
    if (fresh) {
      try {
        return fromState(r, file);
      } catch (SourceException | RuntimeException corrupt) {
        // A state file that no longer parses is replaced by the seed below; the seed is the fallback truth.
      }
    }
    Hydrated seed = new Hydrated(r.seedRows(), r.seedDocument() == null ? null : Json.deepCopy(r.seedDocument()), false);
    if (!mayWrite) {
      return seed;
    }
    if (seedIsSmall(r)) {
      writeState(r, seed.rows(), seed.document());
    } else {
      Files.deleteIfExists(file);
    }
    return seed;
  }

  private boolean seedIsSmall(ResourceDefinition r) throws IOException {
    String path = r.source().dataPath();
    return path == null || Files.size(projectRoot.resolve(path)) <= EAGER_COPY_BYTES;
  }

  private Hydrated fromState(ResourceDefinition r, Path file) throws IOException, SourceException {
    SourceData data = DataReader.read(file, SourceFormat.JSON, false);
    Map<String, FieldDef> fields = r.schema().fields();
    if (r.schema().isCollection()) {
      if (!(data instanceof SourceData.Rows rows)) {
        throw new SourceException("STORE_INVALID_RESOURCE_ENVELOPE", "state of a collection is not an array", null, null, null);
      }
      RecordTable table = rows.table();
      if (Seeds.rowsLackDefaults(table, fields)) {
        table = Seeds.rebuild(table, null, fields);
      }
      KeySpec key = new KeySpec(r.schema().keyFields());
      TableVersion version = table.publishLoaded(key);
      return new Hydrated(version, null, true);
    }
    if (!(data instanceof SourceData.Document doc) || !doc.wasObject()) {
      throw new SourceException("STORE_INVALID_RESOURCE_ENVELOPE", "state of a document is not an object", null, null, null);
    }
    Map<String, Object> value = doc.value();
    Seeds.applyDefaults(fields, value);
    return new Hydrated(null, value, true);
  }

  /**
   * The changes logged by earlier processes that apply to the resources as hydrated: records of a
   * resource whose seed has changed since (it was rebuilt from the new seed) or that is no longer
   * in this store are left out and reported. With {@code writable}, the caller applies the returned
   * writes and then calls {@link #startLog}; read-only opens only apply them.
   */
  public Recovery recover(Map<String, ResourceDefinition> resources) throws IOException {
    WalReader.Recovered read = WalReader.read(walDir);
    List<String> notes = new ArrayList<>(read.problems());
    List<WalRecord> apply = new ArrayList<>();
    Map<String, Integer> skipped = new LinkedHashMap<>();
    for (WalRecord write : read.writes()) {
      List<WalEntry> kept = new ArrayList<>(write.entries().size());
      Map<String, String> hashes = new HashMap<>();
      for (WalEntry e : write.entries()) {
        if (e.seedHash() != null) {
          hashes.putIfAbsent(e.resource(), e.seedHash());
        }
        ResourceDefinition def = resources.get(e.resource());
        String current = def == null ? null : seedHash(def);
        if (def != null && java.util.Objects.equals(current, hashes.get(e.resource()))) {
          kept.add(e);
        } else {
          skipped.merge(e.resource(), 1, Integer::sum);
        }
      }
      // A multi-store write is kept even without json changes: recovery checks the other stores' markers.
      if (!kept.isEmpty() || write.commitId() != null) {
        apply.add(new WalRecord(kept, write.commitId(), write.waitsFor()));
      }
    }
    skipped.forEach((name, n) -> notes.add(n + " logged change(s) of \"" + name + "\" were not replayed: "
        + (resources.containsKey(name) ? "its seed file changed since, so its state was rebuilt from the new seed" : "it is no longer a resource of the json store")));
    return new Recovery(apply, read.nextSegment(), notes, !read.problems().isEmpty());
  }

  /**
   * What {@link #recover} found.
   *
   * @param writes the logged writes to apply, in order; those with a commit id apply only when
   *     their deciding store has the marker
   * @param nextSegment where the new log starts
   * @param notes diagnostics: discarded tails, skipped changes
   * @param discardedTail whether a torn or corrupt record was found
   */
  public record Recovery(List<WalRecord> writes, long nextSegment, List<String> notes, boolean discardedTail) {}

  /**
   * After the recovered writes are applied: checkpoints the resources they touched (given with
   * their recovered state), sets aside log segments that held a discarded tail, deletes the rest,
   * and starts this process's log.
   */
  public void startLog(Recovery recovery, Map<String, ResourceDefinition> touched, Map<String, Object> recoveredState) throws IOException {
    for (Map.Entry<String, ResourceDefinition> e : touched.entrySet()) {
      writeState(e.getValue(), recoveredState.get(e.getKey()));
      metadata.record(e.getValue(), projectRoot);
    }
    if (!touched.isEmpty()) {
      metadata.save();
    }
    if (recovery.discardedTail()) {
      // Kept for inspection: the bytes recovery could not use are not silently deleted.
      for (Path f : WalReader.segments(walDir)) {
        Files.move(f, f.resolveSibling(f.getFileName() + ".discarded"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.createDirectories(walDir);
    synchronized (this) {
      wal = WriteAheadLog.open(walDir, recovery.nextSegment(), durability);
    }
    wal.deleteBefore(recovery.nextSegment());
  }

  @Override
  public Durable commit(List<ResourceChange> changes) throws IOException {
    WalFrame frame = WalCodec.encodeFrame(WalRecord.of(entries(changes)));
    long position;
    WriteAheadLog log;
    synchronized (this) {
      log = runningLog();
      position = wal.append(frame);
      publish(changes);
    }
    return () -> log.sync(position);
  }

  @Override
  public Prepared logCommit(List<ResourceChange> changes, String commitId, List<String> waitsFor) throws IOException {
    WalFrame frame = WalCodec.encodeFrame(new WalRecord(entries(changes), commitId, waitsFor));
    long position;
    WriteAheadLog log;
    synchronized (this) {
      log = runningLog();
      position = wal.append(frame);
      inFlight = commitId;
      for (String alias : waitsFor) {
        loggedCommits.computeIfAbsent(alias, a -> new ArrayList<>()).add(commitId);
      }
    }
    try {
      // The other stores commit only once this record is on disk: after a crash, recovery must find it.
      log.sync(position, durability != Durability.OFF);
    } catch (IOException e) {
      keepForRecovery(commitId);
      throw e;
    }
    return new Prepared() {
      @Override
      public void commit() {
        synchronized (JsonStore.this) {
          publish(changes);
          inFlight = null;
          JsonStore.this.notifyAll();
        }
      }

      @Override
      public void rollback() {
        keepForRecovery(commitId);
      }
    };
  }

  @Override
  public synchronized void keepForRecovery(String commitId) {
    keptFor = commitId;
    inFlight = null;
    notifyAll();
  }

  private WriteAheadLog runningLog() throws IOException {
    if (wal == null) {
      throw new IOException(closed ? "this engine was closed (the project was closed or reopened, e.g. by DDL); nothing was written"
          : "the json store was opened read-only; its write-ahead log is not running");
    }
    if (keptFor != null) {
      throw new IOException("write " + keptFor + " is checked again by recovery when the project is reopened; until then nothing is written");
    }
    return wal;
  }

  private static List<WalEntry> entries(List<ResourceChange> changes) {
    List<WalEntry> entries = new ArrayList<>();
    for (ResourceChange c : changes) {
      String name = c.resource().name();
      boolean first = true;
      // A bulk insert's rows stay one entry, written row by row from the table by WalCodec.
      List<?> parts = c.records() instanceof RecordChanges run ? run.parts() : c.records();
      for (Object part : parts) {
        String hash = first ? seedHash(c.resource()) : null;
        if (part instanceof RowRange rows) {
          entries.add(new WalEntry(name, op(ResourceChange.Op.INSERT), null, rows, hash));
        } else {
          ResourceChange.RecordChange rc = (ResourceChange.RecordChange) part;
          entries.add(new WalEntry(name, op(rc.op()), rc.key(), rc.after(), hash));
        }
        first = false;
      }
    }
    return entries;
  }

  /** Makes logged changes the newest state for checkpoints, and schedules one when due. Guarded by this. */
  private void publish(List<ResourceChange> changes) {
    for (ResourceChange c : changes) {
      String name = c.resource().name();
      latest.put(name, c.rows() != null ? c.rows() : c.document());
      definitions.put(name, c.resource());
      if (dirty.add(name)) {
        dirtyStateBytes += stateBytes.computeIfAbsent(name, n -> estimateStateBytes(c.resource()));
      }
    }
    // Versioned durability snapshots every write batch: whatever accumulated until the checkpoint runs.
    // A checkpoint rewrites whole state files, so it waits until the log is at least half their size:
    // the bytes written per logged byte stay bounded however large the resources are.
    boolean due = wal != null && (durability == Durability.VERSIONED || wal.segmentBytes() >= Math.max(checkpointBytes, dirtyStateBytes / 2))
        && (scheduled == null || scheduled.isDone());
    if (due) {
      if (checkpointer == null) {
        checkpointer = Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "asyncdb-checkpoint");
          t.setDaemon(true);
          return t;
        });
      }
      scheduled = checkpointer.submit(this::checkpointInBackground);
    }
  }

  @Override
  public synchronized List<String> takeTrimmedCommits(String alias) {
    List<String> ids = trimmedCommits.remove(alias);
    return ids == null ? List.of() : ids;
  }

  @Override
  public synchronized Map<String, List<String>> takeTrimmedCommits() {
    Map<String, List<String>> all = new HashMap<>(trimmedCommits);
    trimmedCommits.clear();
    return all;
  }

  /** Ids handed back after a failed checkpoint: their records are still in the log. */
  private synchronized void stillLogged(Map<String, List<String>> ids) {
    ids.forEach((alias, list) -> loggedCommits.computeIfAbsent(alias, a -> new ArrayList<>()).addAll(0, list));
  }

  private synchronized void trimmed(Map<String, List<String>> ids) {
    ids.forEach((alias, list) -> trimmedCommits.computeIfAbsent(alias, a -> new ArrayList<>()).addAll(list));
  }

  @Override
  public boolean acceptsImport(ResourceDefinition resource) {
    return true;
  }

  /** Writes the state file and records the seed hash it belongs to. */
  @Override
  public void importState(ResourceDefinition r, TableVersion rows, Map<String, Object> document) throws IOException {
    synchronized (checkpointLock) {
      writeState(r, rows, document);
      metadata.record(r, projectRoot);
      metadata.save();
    }
  }

  /** Size of a resource's state file, or of its seed while it has none. */
  private long estimateStateBytes(ResourceDefinition r) {
    try {
      Path file = stateFile(r.name());
      if (Files.exists(file)) {
        return Files.size(file);
      }
      String seed = r.source().dataPath();
      return seed == null ? 0 : Files.size(projectRoot.resolve(seed));
    } catch (IOException e) {
      return 0;
    }
  }

  private static char op(ResourceChange.Op op) {
    return switch (op) {
      case INSERT -> 'i';
      case UPDATE -> 'u';
      case DELETE -> 'd';
      case PUT -> 'p';
    };
  }

  private static String seedHash(ResourceDefinition r) {
    return r.source().seedHash() == null ? "" : r.source().seedHash().get();
  }

  private void checkpointInBackground() {
    try {
      checkpoint();
    } catch (IOException | RuntimeException e) {
      // The log still holds every change, so nothing is lost; the next checkpoint retries.
      LOG.warn("Checkpoint of {} failed, the write-ahead log keeps the changes: {}", stateDir, e.toString());
    }
  }

  /**
   * Writes the state files of every resource changed since the last checkpoint, as of one point of
   * the log, then deletes the log before that point. Writers continue into the next log segment
   * meanwhile, and readers are never involved.
   */
  public void checkpoint() throws IOException {
    synchronized (checkpointLock) {
      Map<String, Object> captured = new LinkedHashMap<>();
      Map<String, ResourceDefinition> defs = new HashMap<>();
      long segment;
      WriteAheadLog log;
      Map<String, List<String>> commits;
      synchronized (this) {
        while (inFlight != null) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        log = wal;
        if (wal == null || keptFor != null || (dirty.isEmpty() && wal.segmentBytes() == 0)) {
          return;
        }
        segment = wal.rotate();
        commits = loggedCommits;
        loggedCommits = new HashMap<>();
        for (String name : dirty) {
          captured.put(name, latest.get(name));
          defs.put(name, definitions.get(name));
        }
        dirty.clear();
        dirtyStateBytes = 0;
      }
      try {
        for (Map.Entry<String, Object> e : captured.entrySet()) {
          writeState(defs.get(e.getKey()), e.getValue());
          metadata.record(defs.get(e.getKey()), projectRoot);
          if (durability == Durability.VERSIONED) {
            versions.record(e.getKey(), e.getValue());
          }
        }
        metadata.save();
      } catch (IOException | RuntimeException e) {
        synchronized (this) {
          for (String name : captured.keySet()) {
            if (dirty.add(name)) {
              dirtyStateBytes += stateBytes.getOrDefault(name, 0L);
            }
          }
        }
        stillLogged(commits);
        throw e;
      }
      try {
        log.deleteBefore(segment);
      } catch (IOException | RuntimeException e) {
        stillLogged(commits);
        throw e;
      }
      trimmed(commits);
    }
  }

  @SuppressWarnings("unchecked")
  private void writeState(ResourceDefinition r, Object state) throws IOException {
    if (state instanceof TableVersion rows) {
      StateFiles.writeRows(stateFile(r.name()), rows);
    } else {
      StateFiles.writeValue(stateFile(r.name()), (Map<String, Object>) state);
    }
  }

  private void writeState(ResourceDefinition r, TableVersion rows, Map<String, Object> document) throws IOException {
    writeState(r, rows != null ? rows : document);
  }

  /** Waits for a running checkpoint, checkpoints what is left and closes the log. */
  @Override
  public void close() throws IOException {
    ExecutorService exec;
    synchronized (this) {
      exec = checkpointer;
    }
    if (exec != null) {
      exec.shutdown();
      try {
        exec.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (wal != null) {
      checkpoint();
      WriteAheadLog log;
      String keepLogFor;
      synchronized (this) {
        log = wal;
        wal = null;
        closed = true;
        keepLogFor = keptFor;
      }
      log.close();
      if (keepLogFor != null) {
        // As after a crash: the next open replays the log and checks the write's markers again.
        LOG.warn("Closing {} without a checkpoint: the write-ahead log is kept so that recovery checks write {} at the next open", stateDir, keepLogFor);
        return;
      }
      log.deleteBefore(Long.MAX_VALUE);
      synchronized (this) {
        trimmed(loggedCommits);
        loggedCommits = new HashMap<>();
      }
    }
  }
}
