package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.store.wal.WalReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The json store's write-ahead log: writes are logged record by record, recovery replays them after
 * a crash (simulated by copying the project's files while the writer is still running, which is
 * what a killed process leaves on disk), torn or corrupt tails are discarded with a diagnostic,
 * checkpoints keep state files in the original's format, and one process owns a project.
 * The real kill -9 test with a child JVM lives in integration-tests.
 */
class WriteAheadLogTest {
  @TempDir
  Path tmp;

  private Path project() {
    return TestProjects.project(tmp.resolve("p"), "db/users.json", "[{\"id\":\"u_1\",\"name\":\"Ada\"}]",
        "db/settings.json", "{\"theme\":\"light\"}", "db/orders.json", "[]");
  }

  /**
   * What a crash leaves: the project's files as they are on disk right now. The background sync
   * may rename a temporary file away while it is being copied; the copy is then taken again.
   */
  private Path crashImage(Path project) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return copyOnce(project);
      } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException vanished) {
        if (attempt == 5) {
          throw vanished;
        }
      }
    }
  }

  private Path copyOnce(Path project) throws IOException {
    Path image = tmp.resolve("image-" + System.nanoTime());
    try (Stream<Path> files = Files.walk(project)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = image.resolve(project.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!f.getFileName().toString().equals("lock")) {
          Files.copy(f, target);
        }
      }
    }
    return image;
  }

  /** Where the records of a (zero-preallocated) segment end. */
  private static long logEnd(Path segment) throws IOException {
    java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(Files.readAllBytes(segment));
    int pos = 0;
    while (pos + 8 <= data.limit() && data.getInt(pos) > 0) {
      pos += 8 + data.getInt(pos);
    }
    return pos;
  }

  private static List<Path> segments(Path project) throws IOException {
    return WalReader.segments(project.resolve(".db/wal"));
  }

  @Test
  void writesAreLoggedNotRewrittenAndSurviveACrash() throws Exception {
    Path p = project();
    Path image;
    try (AsyncDb db = AsyncDb.open(p)) {
      db.awaitSync();
      String stateBefore = Files.readString(p.resolve(".db/state/users.json"));
      for (int i = 2; i <= 50; i++) {
        db.collection("users").create(Map.of("id", "u_" + i, "name", "N" + i));
      }
      db.collection("users").update("u_1", Map.of("name", "Ada L."));
      db.collection("users").delete("u_2");
      db.document("settings").set("theme", "dark");
      // The state file is untouched until a checkpoint; the log carries the writes.
      assertThat(Files.readString(p.resolve(".db/state/users.json"))).isEqualTo(stateBefore);
      assertThat(segments(p)).hasSize(1);
      assertThat(WalReader.read(p.resolve(".db/wal")).writes()).hasSize(52);
      image = crashImage(p);
    }
    try (AsyncDb db = AsyncDb.open(image)) {
      assertThat(db.collection("users").count()).isEqualTo(49);
      assertThat(db.collection("users").get("u_1")).containsEntry("name", "Ada L.");
      assertThat(db.collection("users").get("u_2")).isNull();
      assertThat(db.collection("users").get("u_50")).containsEntry("name", "N50");
      assertThat(db.document("settings").get()).containsEntry("theme", "dark");
      assertThat(db.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo("WAL_REPLAYED"));
      // Recovery checkpointed: the state files hold the replayed writes in the original's format.
      Object state = Json.parse(Files.readString(image.resolve(".db/state/users.json")));
      assertThat((List<?>) state).hasSize(49);
      assertThat(Files.readString(image.resolve(".db/state/settings.json"))).isEqualTo("{\n  \"theme\": \"dark\"\n}\n");
    }
  }

  @Test
  void rowsInsertedColumnWiseAreOneLogRecordThatSurvivesACrash() throws Exception {
    Path p = project();
    Path image;
    try (AsyncDb db = AsyncDb.open(p)) {
      db.awaitSync();
      List<Object[]> rows = new java.util.ArrayList<>();
      for (int i = 2; i <= 5_001; i++) {
        rows.add(new Object[] {"u_" + i, i == 5_001 ? "Quote \" back\\slash \n é 漢 😀" : "N" + i});
      }
      Transaction tx = Transaction.begin(db);
      // Staged column by column (the records are views of the staging table's rows), logged from the columns.
      assertThat(tx.insertRows("users", List.of("id", "name"), rows)).allMatch(dev.asyncdb.engine.table.RowRecord.class::isInstance);
      tx.commit();
      assertThat(WalReader.read(p.resolve(".db/wal")).writes()).singleElement()
          .satisfies(w -> assertThat(w.entries()).hasSize(5_000).first().satisfies(e -> {
            assertThat(e.key()).isEqualTo("u_2");
            assertThat(e.value()).isEqualTo(Map.of("id", "u_2", "name", "N2"));
          }));
      image = crashImage(p);
    }
    try (AsyncDb db = AsyncDb.open(image)) {
      assertThat(db.collection("users").count()).isEqualTo(5_001);
      assertThat(db.collection("users").get("u_5001")).containsEntry("name", "Quote \" back\\slash \n é 漢 😀");
      assertThat(db.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo("WAL_REPLAYED"));
    }
  }

  @Test
  void aLargeLoadIntoAnEmptyTableIsLoggedFromItsRowsAndReplayedAfterACrash() throws Exception {
    // The staged table becomes the table and its rows go to the log as one run (split into slices
    // encoded in parallel): the record reads back as one entry per row, and a crash keeps them all.
    Path p = TestProjects.project(tmp.resolve("q"), "db/events.schema.json", """
        {"kind": "collection", "fields": {"id": {"type": "string", "required": true}, "n": {"type": "integer"}, "at": {"type": "datetime"}}}
        """, "db/events.json", "[]");
    int n = 30_000;
    long start = java.time.Instant.parse("2023-11-14T22:13:20Z").toEpochMilli();
    Path image;
    try (AsyncDb db = AsyncDb.open(p)) {
      db.awaitSync();
      Object[][] columns = new Object[3][n];
      for (int i = 0; i < n; i++) {
        columns[0][i] = "e" + i;
        columns[1][i] = i % 5 == 0 ? null : (long) i;
        columns[2][i] = new dev.asyncdb.engine.json.EpochMillis(start + i * 250L);
      }
      Transaction tx = Transaction.begin(db);
      tx.insertColumns("events", List.of("id", "n", "at"), columns, n);
      tx.commit();
      assertThat(WalReader.read(p.resolve(".db/wal")).writes()).singleElement().satisfies(w -> {
        assertThat(w.entries()).hasSize(n);
        assertThat(w.entries().get(0).seedHash()).isNotNull();
        assertThat(w.entries().subList(1, n)).allMatch(e -> e.seedHash() == null);
        assertThat(w.entries().get(n - 1)).satisfies(e -> {
          assertThat(e.key()).isEqualTo("e" + (n - 1));
          assertThat(e.value()).isEqualTo(Map.of("id", "e" + (n - 1), "n", (long) n - 1, "at", "2023-11-15T00:18:19.750Z"));
        });
        assertThat(w.entries().get(5).value()).isEqualTo(Map.of("id", "e5", "at", "2023-11-14T22:13:21.250Z"));
      });
      image = crashImage(p);
    }
    try (AsyncDb db = AsyncDb.open(image)) {
      assertThat(db.collection("events").count()).isEqualTo(n);
      assertThat(db.collection("events").get("e29999")).containsEntry("at", "2023-11-15T00:18:19.750Z").containsEntry("n", 29_999L);
      assertThat(db.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo("WAL_REPLAYED"));
    }
  }

  @Test
  void aCleanCloseCheckpointsAndLeavesNoLog() throws Exception {
    Path p = project();
    try (AsyncDb db = AsyncDb.open(p)) {
      db.collection("users").create(Map.of("id", "u_2", "name", "Grace"));
    }
    assertThat(segments(p)).isEmpty();
    assertThat(Files.readString(p.resolve(".db/state/users.json"))).contains("\"name\": \"Grace\"");
  }

  @Test
  void aTornTailIsDiscardedWithADiagnosticAndEarlierWritesStay() throws Exception {
    Path p = project();
    Path image;
    try (AsyncDb db = AsyncDb.open(p)) {
      db.collection("users").create(Map.of("id", "u_2", "name", "N2"));
      db.collection("users").create(Map.of("id", "u_3", "name", "N3"));
      image = crashImage(p);
    }
    Path segment = segments(image).get(0);
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.setLength(logEnd(segment) - 3);
    }
    try (AsyncDb db = AsyncDb.open(image)) {
      assertThat(db.collection("users").get("u_2")).isNotNull();
      assertThat(db.collection("users").get("u_3")).isNull();
      assertThat(db.diagnostics()).anySatisfy(d -> {
        assertThat(d.code()).isEqualTo("WAL_RECOVERY");
        assertThat(d.message()).contains(segment.getFileName().toString(), "torn record at byte");
      });
    }
    assertThat(image.resolve(".db/wal/" + segment.getFileName() + ".discarded")).exists();
    // The recovered state is durable: a second open needs no log at all.
    try (AsyncDb db = AsyncDb.open(image)) {
      assertThat(db.collection("users").get("u_2")).isNotNull();
      assertThat(db.diagnostics()).noneSatisfy(d -> assertThat(d.code()).startsWith("WAL_"));
    }
  }

  @Test
  void aFlippedByteStopsReplayAtThatRecord() throws Exception {
    Path p = project();
    Path image;
    long firstRecordEnd;
    try (AsyncDb db = AsyncDb.open(p)) {
      db.collection("users").create(Map.of("id", "u_2", "name", "N2"));
      firstRecordEnd = logEnd(segments(p).get(0));
      db.collection("users").create(Map.of("id", "u_3", "name", "N3"));
      db.collection("users").create(Map.of("id", "u_4", "name", "N4"));
      image = crashImage(p);
    }
    try (RandomAccessFile f = new RandomAccessFile(segments(image).get(0).toFile(), "rw")) {
      long pos = firstRecordEnd + 12;
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 0x20);
    }
    try (AsyncDb db = AsyncDb.open(image)) {
      assertThat(db.collection("users").get("u_2")).isNotNull();
      assertThat(db.collection("users").get("u_3")).isNull();
      assertThat(db.collection("users").get("u_4")).isNull();
      assertThat(db.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("checksum mismatch in the record at byte " + firstRecordEnd));
    }
  }

  @Test
  void aWriteSpanningTwoResourcesIsReplayedWholeOrNotAtAll() throws Exception {
    Path p = project();
    Path whole;
    Path torn;
    try (AsyncDb db = AsyncDb.open(p)) {
      db.database().write(tx -> {
        tx.insert(db.database().resolve("orders"), Map.of("id", "o_1", "total", 10));
        tx.putDocument(db.database().resolve("settings"), new java.util.LinkedHashMap<>(Map.of("theme", "order-placed")));
        return null;
      });
      whole = crashImage(p);
      torn = crashImage(p);
    }
    try (RandomAccessFile f = new RandomAccessFile(segments(torn).get(0).toFile(), "rw")) {
      f.setLength(logEnd(segments(torn).get(0)) - 1);
    }
    try (AsyncDb db = AsyncDb.open(whole)) {
      assertThat(db.collection("orders").get("o_1")).isNotNull();
      assertThat(db.document("settings").get()).containsEntry("theme", "order-placed");
    }
    try (AsyncDb db = AsyncDb.open(torn)) {
      assertThat(db.collection("orders").get("o_1")).isNull();
      assertThat(db.document("settings").get()).containsEntry("theme", "light");
    }
  }

  @Test
  void loggedChangesOfAnEditedSeedAreNotReplayedOntoTheNewSeed() throws Exception {
    Path p = project();
    Path image;
    try (AsyncDb db = AsyncDb.open(p)) {
      db.awaitSync();
      db.collection("users").create(Map.of("id", "u_2", "name", "N2"));
      db.collection("orders").create(Map.of("id", "o_1"));
      image = crashImage(p);
    }
    Files.writeString(image.resolve("db/users.json"), "[{\"id\":\"u_9\"}]");
    try (AsyncDb db = AsyncDb.open(image)) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactly("u_9");
      assertThat(db.collection("orders").get("o_1")).isNotNull();
      assertThat(db.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("\"users\"", "seed file changed"));
    }
  }

  @Test
  void checkpointsTrimTheLogWhileWritesContinue() throws Exception {
    Path p = project();
    TestProjects.project(p, "db.config.json", "{\"stores\":{\"json\":{\"checkpointBytes\":2048}}}");
    try (AsyncDb db = AsyncDb.open(p)) {
      for (int i = 0; i < 400; i++) {
        db.collection("orders").create(Map.of("id", "o_" + i, "note", "x".repeat(40)));
      }
      db.checkpoint();
      assertThat(segments(p)).hasSize(1);
      assertThat(WalReader.read(p.resolve(".db/wal")).writes()).isEmpty();
      assertThat((List<?>) Json.parse(Files.readString(p.resolve(".db/state/orders.json")))).hasSize(400);
    }
    try (AsyncDb db = AsyncDb.open(p)) {
      assertThat(db.collection("orders").count()).isEqualTo(400);
    }
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    Path p = project();
    Path image;
    try (AsyncDb db = AsyncDb.open(p)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            db.collection("orders").create(Map.of("id", "o_" + thread + "_" + i));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertThat(db.collection("orders").count()).isEqualTo(800);
      image = crashImage(p);
    }
    try (AsyncDb db = AsyncDb.open(image)) {
      assertThat(db.collection("orders").count()).isEqualTo(800);
    }
  }

  @Test
  void aSecondWriterIsRefusedWithTheOwnerNamedAndReadersAreWelcome() throws Exception {
    Path p = project();
    try (AsyncDb db = AsyncDb.open(p)) {
      db.collection("users").create(Map.of("id", "u_2", "name", "N2"));
      db.advertise("http://127.0.0.1:8765");
      assertThatThrownBy(() -> AsyncDb.open(p)).satisfies(e -> {
        DbException d = (DbException) e;
        assertThat(d.code()).isEqualTo("DB_LOCKED");
        assertThat(d.getMessage()).contains("open for writing by this process (pid " + ProcessHandle.current().pid() + ")", "http://127.0.0.1:8765");
        assertThat(d.hint()).contains("jdbc:asyncdb:remote:http://127.0.0.1:8765");
      });
      try (AsyncDb reader = AsyncDb.open(OpenOptions.builder(p).readOnly(true).build())) {
        // The last checkpoint plus the log: the logged write is visible without a checkpoint.
        assertThat(reader.collection("users").get("u_2")).isNotNull();
        assertThat(segments(p)).hasSize(1);
      }
    }
    try (AsyncDb again = AsyncDb.open(p)) {
      assertThat(again.collection("users").count()).isEqualTo(2);
    }
  }

  @Test
  void anUnknownDurabilityModeIsAClearError() {
    Path p = project();
    TestProjects.project(p, "db.config.json", "{\"stores\":{\"json\":{\"durability\":\"sometimes\"}}}");
    assertThatThrownBy(() -> AsyncDb.open(p)).satisfies(e -> {
      DbException d = (DbException) e;
      assertThat(d.code()).isEqualTo("CONFIG_INVALID");
      assertThat(d.getMessage()).contains("stores.json.durability", "sometimes");
      assertThat(d.hint()).contains("full", "normal", "off", "versioned");
    });
    // The failed open released the lock.
    TestProjects.project(p, "db.config.json", "{\"stores\":{\"json\":{\"durability\":\"normal\"}}}");
    try (AsyncDb db = AsyncDb.open(p)) {
      db.collection("users").create(Map.of("id", "u_2", "name", "N2"));
    }
  }
}
