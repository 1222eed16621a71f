package dev.asyncdb.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.OpenOptions;
import dev.asyncdb.engine.store.CommitLog;
import dev.asyncdb.engine.store.Durable;
import dev.asyncdb.engine.store.Hydrated;
import dev.asyncdb.engine.store.Prepared;
import dev.asyncdb.engine.store.ResourceChange;
import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the write path does when a store fails, with a store whose disk is "full" on demand (the
 * real disk cannot be filled here): a failed append changes nothing and later writes work; a failed
 * durability wait is never acknowledged, never shown to readers, and stops further writes until the
 * project is reopened (the log may hold the write, so building on it would be a guess). The same
 * holds for the log record of a write spanning several stores: the stores that prepared their part
 * roll it back.
 */
class DatabaseWriteFailureTest {
  @TempDir
  Path tmp;

  /** A store that fails when told to, either when the change is handed over or while waiting for durability. */
  private static final class FailingStore implements Store {
    volatile boolean failCommit;
    volatile boolean failDurable;

    @Override
    public String driver() {
      return "failing";
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
    public Durable commit(List<ResourceChange> changes) throws IOException {
      if (failCommit) {
        throw new IOException("No space left on device");
      }
      return () -> {
        if (failDurable) {
          throw new IOException("fsync: Input/output error");
        }
      };
    }

    @Override
    public void close() {}
  }

  /** A store that marks commits and records what the write path asked of it. */
  private static final class RecordingStore implements Store {
    final String alias;
    final List<String> calls = new ArrayList<>();

    RecordingStore(String alias) {
      this.alias = alias;
    }

    @Override
    public String driver() {
      return "recording";
    }

    @Override
    public String alias() {
      return alias;
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
      calls.add("commit");
      return Durable.DONE;
    }

    @Override
    public boolean marksCommits() {
      return true;
    }

    @Override
    public Prepared prepare(List<ResourceChange> changes, String commitId) {
      calls.add("prepare");
      return new Prepared() {
        @Override
        public void commit() {
          calls.add("commit");
        }

        @Override
        public void rollback() {
          calls.add("rollback");
        }
      };
    }

    @Override
    public void close() {}
  }

  /** A log whose disk is full. */
  private static final class FullLog implements CommitLog {
    @Override
    public Prepared logCommit(List<ResourceChange> changes, String commitId, List<String> waitsFor) throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public void keepForRecovery(String commitId) {
      throw new AssertionError("a write whose log record failed is not logged, so there is nothing to keep");
    }

    @Override
    public List<String> takeTrimmedCommits(String alias) {
      return List.of();
    }

    @Override
    public Map<String, List<String>> takeTrimmedCommits() {
      return Map.of();
    }
  }

  private Database database(FailingStore store) throws Exception {
    return database(store, "[{\"id\":\"n1\"}]");
  }

  private Database database(FailingStore store, String notes) throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/notes.json"), notes);
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(tmp).readOnly(true).build())) {
      ResourceDefinition def = db.definitions().get(0);
      return new Database(List.of(new Resource(def, store)), db.database().snapshot());
    }
  }

  private static Object load(WriteTransaction tx, Database db, dev.asyncdb.engine.table.TableVersion staged) {
    tx.insertAll(db.resolve("notes"), staged);
    return null;
  }

  private static void insert(Database db, String id) {
    db.write(tx -> tx.insert(db.resolve("notes"), Map.of("id", id)));
  }

  @Test
  void aFailedHandOverChangesNothingAndTheNextWriteWorks() throws Exception {
    FailingStore store = new FailingStore();
    Database db = database(store);
    store.failCommit = true;
    assertThatThrownBy(() -> insert(db, "n2")).satisfies(e -> {
      assertThat(((DbException) e).code()).isEqualTo("STORE_WRITE_FAILED");
      assertThat(e.getMessage()).contains("notes", "No space left on device");
      assertThat(((DbException) e).hint()).contains("the write was not applied");
    });
    assertThat(db.snapshot().rows("notes").find("n2")).isNegative();
    store.failCommit = false;
    insert(db, "n2");
    assertThat(db.snapshot().rows("notes").find("n2")).isNotNegative();
  }

  @Test
  void aFailedHandOverOfALoadIntoAnEmptyCollectionLeavesItEmpty() throws Exception {
    FailingStore store = new FailingStore();
    Database db = database(store, "[]");
    dev.asyncdb.engine.table.TableVersion empty = db.snapshot().rows("notes");
    // A staged load the empty table can adopt as it is (see RecordTable.canAdopt).
    dev.asyncdb.engine.table.RecordTable staging = new dev.asyncdb.engine.table.RecordTable(empty.table().keySpec());
    dev.asyncdb.engine.table.TableVersion staged = staging.emptyVersion();
    for (int i = 1; i <= dev.asyncdb.engine.table.RecordTable.ADOPT_MIN_ROWS; i++) {
      staged = staging.insert(staged, Map.of("id", "n" + i));
    }
    dev.asyncdb.engine.table.TableVersion load = staged;
    assertThat(empty.table().canAdopt(empty, load)).isTrue();
    store.failCommit = true;
    assertThatThrownBy(() -> db.write(tx -> load(tx, db, load)))
        .satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("STORE_WRITE_FAILED"));
    assertThat(db.snapshot().rows("notes")).isSameAs(empty);
    assertThat(db.snapshot().rows("notes").size()).isZero();
    store.failCommit = false;
    db.write(tx -> load(tx, db, load));
    assertThat(db.snapshot().rows("notes").table()).isSameAs(staging);
    assertThat(db.snapshot().rows("notes").find("n3")).isNotNegative();
    insert(db, "n0");
    assertThat(db.snapshot().rows("notes").size()).isEqualTo(dev.asyncdb.engine.table.RecordTable.ADOPT_MIN_ROWS + 1);
  }

  @Test
  void aFailedDurabilityWaitIsNeverVisibleAndStopsFurtherWrites() throws Exception {
    FailingStore store = new FailingStore();
    Database db = database(store);
    store.failDurable = true;
    assertThatThrownBy(() -> insert(db, "n2")).satisfies(e -> {
      assertThat(((DbException) e).code()).isEqualTo("STORE_WRITE_FAILED");
      assertThat(e.getMessage()).contains("Input/output error", "refuses further writes");
      assertThat(((DbException) e).hint()).contains("reopen the project");
    });
    assertThat(db.snapshot().rows("notes").find("n2")).as("readers never see an unacknowledged write").isNegative();
    store.failDurable = false;
    assertThatThrownBy(() -> insert(db, "n3")).satisfies(e -> assertThat(e.getMessage()).contains("refuses further writes"));
    assertThat(db.snapshot().rows("notes").find("n3")).isNegative();
  }

  @Test
  void aFailedLogRecordRollsBackEveryPreparedStoreAndStopsFurtherWrites() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/notes.json"), "[{\"id\":\"n1\"}]");
    Files.writeString(tmp.resolve("db/tags.json"), "[{\"id\":\"t1\"}]");
    RecordingStore a = new RecordingStore("a");
    RecordingStore b = new RecordingStore("b");
    Database db;
    try (AsyncDb open = AsyncDb.open(OpenOptions.builder(tmp).readOnly(true).build())) {
      List<Resource> resources = new ArrayList<>();
      for (ResourceDefinition def : open.definitions()) {
        resources.add(new Resource(def, def.name().equals("notes") ? a : b));
      }
      db = new Database(resources, open.database().snapshot(), new FullLog());
    }
    Database database = db;
    assertThatThrownBy(() -> database.write(tx -> {
      tx.insert(database.resolve("notes"), Map.of("id", "n2"));
      tx.insert(database.resolve("tags"), Map.of("id", "t2"));
      return null;
    })).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_WRITE_FAILED");
      assertThat(e.getMessage()).contains("Could not log write", "No space left on device", "rolled back their part", "refuses further writes");
    });
    assertThat(a.calls).containsExactly("prepare", "rollback");
    assertThat(b.calls).containsExactly("prepare", "rollback");
    assertThat(db.snapshot().rows("notes").find("n2")).isNegative();
    assertThat(db.snapshot().rows("tags").find("t2")).isNegative();
    assertThatThrownBy(() -> database.write(tx -> tx.insert(database.resolve("notes"), Map.of("id", "n3"))))
        .satisfies(e -> assertThat(e.getMessage()).contains("refuses further writes"));
    assertThat(a.calls).hasSize(2);
  }
}
