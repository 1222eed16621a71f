package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.Transaction;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.store.wal.WalReader;
import dev.asyncdb.engine.store.wal.WalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction writing the json collection {@code notes} and the mapped table {@code orders} of a
 * SQL database ({@link OrdersDatabase}) is all or nothing: committed in both, refused by the
 * database with nothing changed anywhere, and after a crash (a child JVM killed with SIGKILL)
 * before the database committed, in neither store. Commit markers are deleted once the log no
 * longer refers to them.
 */
abstract class CrossStoreCommitContract {
  @TempDir
  Path project;

  OrdersDatabase orders;

  /** The application database of the test, created in {@link #project}. */
  abstract OrdersDatabase database() throws Exception;

  @BeforeEach
  void projectWithJsonNotesAndMappedOrders() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/notes.json"), "[]");
    orders = database();
    writeConfig(Map.of("stores", Map.of("app", orders.store())));
  }

  void writeConfig(Map<String, Object> config) throws Exception {
    Files.writeString(project.resolve("db.config.json"), Json.write(config));
  }

  AsyncDb open() {
    return AsyncDb.open(project);
  }

  List<WalRecord> logged() throws Exception {
    return WalReader.read(project.resolve(".db/wal")).writes();
  }

  static List<String> notes(AsyncDb db) {
    List<String> ids = new ArrayList<>();
    db.collection("notes").all().forEach(r -> ids.add((String) r.get("id")));
    return ids;
  }

  static List<String> recoveryNotes(AsyncDb db) {
    return db.diagnostics().stream().filter(d -> d.code().equals("WAL_RECOVERY")).map(Diagnostic::message).toList();
  }

  @Test
  void aTransactionOverBothStoresCommitsInBoth() throws Exception {
    try (AsyncDb db = open()) {
      CrossStoreWriter.order(db, "1", 2);
      assertThat(notes(db)).containsExactly("n_1");
      assertThat(db.collection("orders").get("o_1")).containsEntry("qty", 2L);
      assertThat(orders.orderIds()).containsExactly("o_1");
      assertThat(logged()).singleElement().satisfies(r -> {
        assertThat(r.commitId()).isNotBlank();
        assertThat(r.waitsFor()).containsExactly("app");
        assertThat(r.entries()).extracting(e -> e.resource()).containsExactly("notes");
      });
      assertThat(orders.markers()).as("the marker recovery would check").isEqualTo(1);
      // A write to one store stays one-phase: no marker, nothing logged for the database.
      db.collection("orders").create(Map.of("id", "o_2", "item", "pen", "qty", 1));
      assertThat(orders.markers()).isEqualTo(1);
    }
    assertThat(orders.markers()).as("the log is checkpointed on close: its markers are gone").isZero();
    try (AsyncDb db = open()) {
      assertThat(notes(db)).containsExactly("n_1");
      assertThat(db.collection("orders").get("o_1")).containsEntry("item", "book");
    }
  }

  @Test
  void aStatementTheDatabaseRefusesChangesNothingInEitherStore() throws Exception {
    try (AsyncDb db = open()) {
      CrossStoreWriter.order(db, "1", 1);
      // qty > 0 is a CHECK of the table that the engine's schema does not know: the database refuses at prepare.
      assertThatThrownBy(() -> CrossStoreWriter.order(db, "2", -1)).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_WRITE_FAILED");
        assertThat(e.getMessage()).contains("orders", "store \"app\"", orders.checkViolation(), "nothing of it was applied");
        assertThat(e.details()).containsEntry("store", "app");
      });
      assertThat(notes(db)).containsExactly("n_1");
      assertThat(db.collection("orders").exists("o_2")).isFalse();
      assertThat(orders.orderIds()).containsExactly("o_1");
      assertThat(orders.markers()).isEqualTo(1);
      assertThat(logged()).as("only the first write reached the log").hasSize(1);
      CrossStoreWriter.order(db, "3", 3);
    }
    try (AsyncDb db = open()) {
      assertThat(notes(db)).containsExactly("n_1", "n_3");
      assertThat(orders.orderIds()).containsExactly("o_1", "o_3");
    }
  }

  @Test
  void aTableDroppedBehindTheProjectsBackChangesNothingInEitherStore() throws Exception {
    try (AsyncDb db = open()) {
      assertThat(db.collection("orders").all()).isEmpty();
      orders.exec("DROP TABLE " + orders.qualified("app_orders"));
      assertThatThrownBy(() -> CrossStoreWriter.order(db, "1", 1)).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_WRITE_FAILED");
        assertThat(e.getMessage()).contains("store \"app\"", "app_orders");
      });
      assertThat(notes(db)).isEmpty();
      assertThat(logged()).isEmpty();
      db.collection("notes").create(Map.of("id", "n_json_only"));
    }
    assertThat(orders.markers()).isZero();
  }

  @Test
  void aMappedTableAndAnEnvelopeOfTheSameStoreCommitInOneTransaction() throws Exception {
    Files.writeString(project.resolve("db/tags.json"), "[]");
    writeConfig(Map.of("stores", Map.of("app", orders.store()), "resources", Map.of("tags", Map.of("store", "app"))));
    try (AsyncDb db = open()) {
      Transaction tx = Transaction.begin(db);
      tx.insert("notes", Map.of("id", "n_1"));
      tx.insert("tags", Map.of("id", "t_1"));
      tx.insert("orders", Map.of("id", "o_1", "item", "book", "qty", 1));
      tx.commit();
      Transaction refused = Transaction.begin(db);
      refused.insert("notes", Map.of("id", "n_2"));
      refused.insert("tags", Map.of("id", "t_2"));
      refused.insert("orders", Map.of("id", "o_2", "item", "book", "qty", -1));
      assertThatThrownBy(refused::commit).isInstanceOfSatisfying(DbException.class, e -> assertThat(e.getMessage()).contains("tags, orders", "store \"app\""));
      assertThat(db.collection("tags").exists("t_2")).isFalse();
    }
    try (AsyncDb db = open()) {
      assertThat(notes(db)).containsExactly("n_1");
      assertThat(db.collection("tags").all()).extracting(r -> r.get("id")).containsExactly("t_1");
      assertThat(orders.orderIds()).containsExactly("o_1");
    }
  }

  @Test
  void markersAreDeletedOnceTheLogNoLongerRefersToThem() throws Exception {
    try (AsyncDb db = open()) {
      CrossStoreWriter.order(db, "1", 1);
      CrossStoreWriter.order(db, "2", 1);
      assertThat(orders.markers()).isEqualTo(2);
      db.checkpoint();
      assertThat(logged()).as("checkpointed").isEmpty();
      assertThat(orders.markers()).as("deleted by the next write to that database").isEqualTo(2);
      db.collection("orders").update("o_1", Map.of("qty", 5));
      assertThat(orders.markers()).isZero();
      CrossStoreWriter.order(db, "3", 1);
      assertThat(orders.markers()).isEqualTo(1);
    }
    assertThat(orders.markers()).isZero();
    assertThat(orders.orderIds()).containsExactly("o_1", "o_2", "o_3");
  }

  @Test
  void aCrashBeforeTheDatabaseCommittedLeavesTheWriteInNeitherStore() throws Exception {
    try (AsyncDb db = open()) {
      CrossStoreWriter.order(db, "before", 1);
    }
    crashChild(true);
    List<WalRecord> records = logged();
    assertThat(records).as("the child logged the write durably before it was killed").singleElement()
        .satisfies(r -> assertThat(r.waitsFor()).containsExactly("app"));
    String commitId = records.get(0).commitId();
    assertThat(orders.orderIds()).containsExactly("o_before");
    try (AsyncDb db = open()) {
      assertThat(notes(db)).containsExactly("n_before");
      assertThat(db.collection("orders").exists("o_crash")).isFalse();
      assertThat(recoveryNotes(db)).singleElement().asString()
          .contains("Write " + commitId, "notes", "was not replayed", "never committed in store \"app\"");
      CrossStoreWriter.order(db, "after", 1);
    }
    assertThat(orders.orderIds()).containsExactly("o_after", "o_before");
    assertThat(orders.markers()).isZero();
    try (AsyncDb db = open()) {
      assertThat(notes(db)).containsExactly("n_before", "n_after");
      assertThat(recoveryNotes(db)).isEmpty();
    }
  }

  @Test
  void aCrashAfterTheDatabaseCommittedReplaysTheJsonSide() throws Exception {
    crashChild(false);
    assertThat(logged()).singleElement().satisfies(r -> assertThat(r.entries()).isNotEmpty());
    assertThat(orders.orderIds()).containsExactly("o_crash");
    assertThat(orders.markers()).isEqualTo(1);
    try (AsyncDb db = open()) {
      assertThat(notes(db)).containsExactly("n_crash");
      assertThat(recoveryNotes(db)).isEmpty();
      assertThat(db.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo("WAL_REPLAYED"));
      assertThat(orders.markers()).as("the recovered log was checkpointed: its markers are deleted at open").isZero();
    }
  }

  /**
   * Runs {@link CrossStoreWriter} in a child JVM and kills it with SIGKILL once it signals:
   * {@code beforeDecision} stops it at the engine's hook between the log record and the SQL
   * commit, else it signals after its commit returned.
   */
  void crashChild(boolean beforeDecision) throws Exception {
    Path signal = project.resolve("child.signal");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1"));
    if (beforeDecision) {
      command.add("-Dasyncdb.test.pauseBeforeDecision=" + signal);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrossStoreWriter.class.getName(), project.toString(), signal.toString()));
    Path log = project.resolve("child.log");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(signal) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.exists(signal)).as("the child reached the point to kill it at; its output:%n%s", Files.readString(log)).isTrue();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      Files.deleteIfExists(signal);
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
  }
}
