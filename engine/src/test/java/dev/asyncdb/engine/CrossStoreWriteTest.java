package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.store.wal.WalReader;
import dev.asyncdb.engine.store.wal.WalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes spanning stores without a SQL database (those are tested in asyncdb-sql-stores): json with
 * memory commits in one phase as before; json with sourceFile is coordinated by the json log, whose
 * record decides the write before the source file is written.
 */
class CrossStoreWriteTest {
  @TempDir
  Path tmp;

  private List<WalRecord> logged() throws Exception {
    return WalReader.read(tmp.resolve(".db/wal")).writes();
  }

  @Test
  void jsonWithMemoryIsAOnePhaseWrite() throws Exception {
    TestProjects.project(tmp, "db/users.json", "[]", "db/scratch.json", "[]",
        "db.config.json", "{\"resources\":{\"scratch\":{\"store\":\"memory\"}}}");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      Transaction tx = Transaction.begin(db);
      tx.insert("users", Map.of("id", "u_1"));
      tx.insert("scratch", Map.of("id", "s_1"));
      tx.commit();
      assertThat(db.collection("users").exists("u_1")).isTrue();
      assertThat(db.collection("scratch").exists("s_1")).isTrue();
      assertThat(logged()).singleElement().satisfies(r -> {
        assertThat(r.commitId()).as("memory keeps nothing, so json alone persists: no commit id").isNull();
        assertThat(r.entries()).extracting(e -> e.resource()).containsExactly("users");
      });
    }
  }

  @Test
  void jsonWithSourceFileIsDecidedByTheLogRecord() throws Exception {
    TestProjects.project(tmp, "db/users.json", "[]", "db/notes.json", "[{\"id\":\"n_1\",\"text\":\"a\"}]",
        "db.config.json", "{\"resources\":{\"notes\":{\"store\":\"sourceFile\"}}}");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      Transaction tx = Transaction.begin(db);
      tx.insert("users", Map.of("id", "u_1"));
      tx.insert("notes", Map.of("id", "n_2", "text", "b"));
      tx.commit();
      assertThat(logged()).singleElement().satisfies(r -> {
        assertThat(r.commitId()).isNotBlank();
        assertThat(r.waitsFor()).as("no store marks commits: the record itself decides").isEmpty();
        assertThat(r.entries()).extracting(e -> e.resource()).containsExactly("users");
      });
      assertThat(Files.readString(tmp.resolve("db/notes.json"))).contains("n_2");
    }
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").exists("u_1")).isTrue();
      assertThat(db.collection("notes").exists("n_2")).isTrue();
    }
  }

  @Test
  void aSourceFileThatFailsAfterTheDecisionIsReportedAndStopsWrites() throws Exception {
    TestProjects.project(tmp, "db/users.json", "[]", "db/notes.json", "[{\"id\":\"n_1\",\"text\":\"a\"}]",
        "db.config.json", "{\"resources\":{\"notes\":{\"store\":\"sourceFile\"}}}");
    Path notes = tmp.resolve("db/notes.json");
    String original = Files.readString(notes);
    try (AsyncDb db = AsyncDb.open(tmp)) {
      // Sync hashes the sources in the background: it must be done with notes.json before the file goes.
      db.awaitSync();
      // A folder where the source file was: the atomic rename onto it fails (whoever runs the test).
      Files.delete(notes);
      Files.createDirectories(notes.resolve("blocker"));
      Transaction tx = Transaction.begin(db);
      tx.insert("users", Map.of("id", "u_1"));
      tx.insert("notes", Map.of("id", "n_2", "text", "b"));
      assertThatThrownBy(tx::commit).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_WRITE_INCOMPLETE");
        assertThat(e.getMessage()).contains("committed in json", "store \"sourceFile\" (sourceFile) (notes)", "refuses further writes");
        assertThat(e.hint()).contains("Reopen the project");
      });
      assertThat(db.collection("users").exists("u_1")).as("not shown until reopened").isFalse();
      assertThatThrownBy(() -> db.collection("users").create(Map.of("id", "u_2")))
          .satisfies(e -> assertThat(e.getMessage()).contains("refuses further writes"));
    }
    Files.delete(notes.resolve("blocker"));
    Files.delete(notes);
    Files.writeString(notes, original);
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").exists("u_1")).as("the log record decided the write").isTrue();
      assertThat(db.collection("notes").exists("n_2")).as("the source file never got its part").isFalse();
      assertThat(db.collection("users").exists("u_2")).isFalse();
    }
  }

  @Test
  void aSourceThatCannotBeWrittenBackRefusesTheWholeWriteBeforeAnythingIsLogged() throws Exception {
    // A restore writes every resource of the bundle in one write and, unlike the API, does not check the sources first.
    TestProjects.project(tmp, "db/users.json", "[]", "db/rows.csv", "id,v\n1,2\n");
    Path bundle = tmp.resolve("backup.json");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      db.collection("rows").create(Map.of("id", "2", "v", 3));
      db.backup(bundle);
    }
    Files.writeString(tmp.resolve("db.config.json"), "{\"resources\":{\"rows\":{\"store\":\"sourceFile\"}}}");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      db.collection("users").create(Map.of("id", "u_1"));
      db.checkpoint();
      assertThatThrownBy(() -> db.restore(bundle, false))
          .isInstanceOfSatisfying(DbException.class, e -> assertThat(e.code()).isEqualTo("STORE_SOURCE_NOT_WRITABLE"));
      assertThat(db.collection("users").exists("u_1")).as("the restore would have removed it").isTrue();
      assertThat(logged()).as("nothing was logged").isEmpty();
      db.collection("users").create(Map.of("id", "u_2"));
    }
  }
}
