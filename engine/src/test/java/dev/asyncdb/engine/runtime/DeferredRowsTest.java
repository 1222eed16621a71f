package dev.asyncdb.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.OpenOptions;
import dev.asyncdb.engine.store.Durable;
import dev.asyncdb.engine.store.Hydrated;
import dev.asyncdb.engine.store.ResourceChange;
import dev.asyncdb.engine.store.RowSource;
import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows a store leaves in its database until first use ({@link DeferredRows}): read once, shared by
 * snapshots published before the read, read once by concurrent first uses, and a failed read keeps
 * nothing and harms nothing else. The rows come from a {@link RowSource} over a list of records
 * that counts its calls (the real ones, SQLite and PostgreSQL tables, are tested in sql-stores).
 */
class DeferredRowsTest {
  @TempDir
  Path tmp;

  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private ResourceDefinition notes;
  private ResourceDefinition tags;

  /** The table of a database: records, and counters of how it was read. */
  private static final class TableInDatabase implements RowSource {
    final List<Map<String, Object>> records = new ArrayList<>();
    final AtomicInteger readAll = new AtomicInteger();
    final AtomicInteger finds = new AtomicInteger();
    final AtomicInteger counts = new AtomicInteger();
    volatile RuntimeException failure;
    volatile CountDownLatch reading;
    volatile CountDownLatch release;

    TableInDatabase(String... ids) {
      for (String id : ids) {
        records.add(new LinkedHashMap<>(Map.of("id", id, "text", "note " + id)));
      }
    }

    @Override
    public TableVersion readAll() {
      readAll.incrementAndGet();
      if (reading != null) {
        reading.countDown();
        await(release);
      }
      if (failure != null) {
        throw failure;
      }
      RecordTable table = new RecordTable();
      for (Map<String, Object> r : records) {
        table.appendRecord(new LinkedHashMap<>(r), -1, table.physicalRows());
      }
      return table.publishLoaded(KeySpec.single("id"));
    }

    @Override
    public Map<String, Object> find(String key) {
      finds.incrementAndGet();
      // As a database with a case-insensitive collation would: "N1" finds n1.
      return records.stream().filter(r -> ((String) r.get("id")).equalsIgnoreCase(key)).findFirst().map(LinkedHashMap::new).orElse(null);
    }

    @Override
    public long count() {
      counts.incrementAndGet();
      return records.size();
    }
  }

  /** Keeps committed changes nowhere: the tests are about what is read. */
  private static final class Accepting implements Store {
    @Override
    public String driver() {
      return "test";
    }

    @Override
    public boolean writable() {
      return true;
    }

    @Override
    public Hydrated hydrate(ResourceDefinition resource, boolean mayWrite) {
      return new Hydrated(resource.seedRows(), null, false);
    }

    @Override
    public Durable commit(List<ResourceChange> changes) {
      return Durable.DONE;
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void definitions() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/notes.json"), "[{\"id\":\"n0\",\"text\":\"x\"}]");
    Files.writeString(tmp.resolve("db/tags.json"), "[{\"id\":\"t1\"}]");
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(tmp).readOnly(true).build())) {
      notes = db.definitions().stream().filter(d -> d.name().equals("notes")).findFirst().orElseThrow();
      tags = db.definitions().stream().filter(d -> d.name().equals("tags")).findFirst().orElseThrow();
    }
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** A database whose notes are still in {@code table}; tags are in memory. */
  private Database database(TableInDatabase table) {
    Store store = new Accepting();
    DeferredRows deferred = new DeferredRows("notes", KeySpec.single("id"), table);
    return new Database(List.of(new Resource(notes, store), new Resource(tags, store)),
        new Snapshot(0, Map.of("tags", tags.seedRows()), Map.of(), Map.of("notes", deferred)));
  }

  private static void insert(Database db, String resource, String id) {
    db.write(tx -> tx.insert(db.resolve(resource), new LinkedHashMap<>(Map.of("id", id))));
  }

  @Test
  void recordsAndTheCountAreAskedOfTheDatabaseUntilTheRowsAreNeeded() {
    TableInDatabase table = new TableInDatabase("n1", "n2");
    Database db = database(table);
    DeferredRows deferred = db.snapshot().deferred("notes");
    assertThat(deferred.find("n1")).containsEntry("text", "note n1");
    assertThat(deferred.find("N1")).as("a row found under another spelling of the key is not that key's record").isNull();
    assertThat(deferred.find("n9")).isNull();
    assertThat(deferred.count()).isEqualTo(2);
    assertThat(table.readAll).hasValue(0);
    assertThat(deferred.loaded()).isFalse();

    assertThat(db.snapshot().rows("notes").size()).isEqualTo(2);
    int finds = table.finds.get();
    assertThat(deferred.find("n2")).containsEntry("text", "note n2");
    assertThat(deferred.count()).isEqualTo(2);
    assertThat(table.finds).as("read once, the rows in memory answer").hasValue(finds);
    assertThat(table.counts).hasValue(1);
    assertThat(table.readAll).hasValue(1);
  }

  @Test
  void aWriteReadsTheRowsOnceAndSnapshotsFromBeforeSeeTheSameRows() {
    TableInDatabase table = new TableInDatabase("n1", "n2");
    Database db = database(table);
    Snapshot before = db.snapshot();
    insert(db, "notes", "n3");
    assertThat(table.readAll).hasValue(1);
    Snapshot after = db.snapshot();
    assertThat(after.deferred("notes")).as("the write replaced the rows").isNull();
    assertThat(after.rows("notes").size()).isEqualTo(3);
    // Changed behind the engine's back after the read: no snapshot reads again.
    table.records.clear();
    assertThat(before.rows("notes").size()).isEqualTo(2);
    assertThat(before.rows("notes").find("n3")).isNegative();
    assertThat(before.deferred("notes").find("n1")).as("from memory now").containsEntry("text", "note n1");
    insert(db, "notes", "n4");
    assertThat(db.snapshot().rows("notes").size()).isEqualTo(4);
    assertThat(table.readAll).hasValue(1);
  }

  @Test
  void concurrentFirstUsesReadOnce() throws Exception {
    TableInDatabase table = new TableInDatabase("n1", "n2");
    table.reading = new CountDownLatch(1);
    table.release = new CountDownLatch(1);
    Database db = database(table);
    Snapshot s = db.snapshot();
    Future<TableVersion> first = threads.submit(() -> s.rows("notes"));
    await(table.reading);
    CompletableFuture<Thread> secondThread = new CompletableFuture<>();
    Future<TableVersion> second = threads.submit(() -> {
      secondThread.complete(Thread.currentThread());
      return db.snapshot().rows("notes");
    });
    Thread waiting = secondThread.get(30, TimeUnit.SECONDS);
    // Until the second use waits for the first one's read (or, wrongly, reads itself and is done).
    while (!second.isDone() && waiting.getState() != Thread.State.BLOCKED && waiting.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    table.release.countDown();
    assertThat(second.get(30, TimeUnit.SECONDS)).isSameAs(first.get(30, TimeUnit.SECONDS));
    assertThat(table.readAll).hasValue(1);
  }

  @Test
  void aFailedReadKeepsNothingHarmsNothingElseAndTheNextUseTriesAgain() {
    TableInDatabase table = new TableInDatabase("n1");
    DbException gone = new DbException("STORE_CONNECTION_FAILED", 503, "Store \"app\" could not read the rows of table notes: connection refused",
        "Start the server.", Map.of("store", "app", "table", "notes"));
    table.failure = gone;
    Database db = database(table);
    assertThatThrownBy(() -> insert(db, "notes", "n2")).isSameAs(gone);
    assertThatThrownBy(() -> db.snapshot().rows("notes")).isSameAs(gone);
    assertThat(db.snapshot().deferred("notes").loaded()).isFalse();
    insert(db, "tags", "t2");
    assertThat(db.snapshot().rows("tags").size()).isEqualTo(2);

    table.failure = null;
    insert(db, "notes", "n2");
    assertThat(db.snapshot().rows("notes").size()).isEqualTo(2);
    assertThat(table.readAll).hasValue(3);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other thread never got there");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
