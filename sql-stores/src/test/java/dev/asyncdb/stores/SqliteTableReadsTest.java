package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.OpenOptions;
import dev.asyncdb.engine.runtime.DeferredRows;
import dev.asyncdb.engine.runtime.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the rows of a mapped SQLite table are read: not at open; a record by key and the count are
 * asked of the file; the whole table is read into memory once, by the first use that needs it
 * (a write, a scan, a query of the Java API). Rows changed in the file behind the project's back
 * show which of these happened when.
 */
class SqliteTableReadsTest {
  @TempDir
  Path tmp;

  private Path file;

  @BeforeEach
  void appDatabase() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/notes.json"), "[{\"id\":\"n1\",\"text\":\"hello\"}]");
    file = tmp.resolve("data/app.sqlite");
    // NOCASE: the file finds 'u_1' for 'U_1', the engine's ids compare exactly.
    sql("CREATE TABLE app_users (user_id TEXT PRIMARY KEY COLLATE NOCASE, full_name TEXT NOT NULL, score INTEGER)",
        "INSERT INTO app_users VALUES ('u_1', 'Ada', 10), ('u_2', 'Alan', 20)");
  }

  private void sql(String... statements) throws Exception {
    Files.createDirectories(file.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  private List<String> column(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  private AsyncDb open() {
    SqlStoreConfig store = SqlStoreConfig.sqlite("./data/app.sqlite")
        .table("users", SqlStoreConfig.table("app_users").column("id", "user_id").column("name", "full_name").primaryKey("id"));
    return AsyncDb.open(OpenOptions.builder(tmp).config(store.asConfig("app")).build());
  }

  /** Whether the engine holds the table's rows in memory (a write replaced the deferred rows, or they were read). */
  private static boolean inMemory(AsyncDb db) {
    DeferredRows rows = db.database().snapshot().deferred("users");
    return rows == null || rows.loaded();
  }

  @Test
  void openingReadsNoRowAndOneRecordOrTheCountIsAskedOfTheFile() throws Exception {
    try (AsyncDb db = open()) {
      sql("INSERT INTO app_users VALUES ('u_3', 'Grace', 30)");
      var users = db.collection("users");
      assertThat(users.get("u_3")).as("read from the file now, not at open").containsEntry("name", "Grace").containsEntry("score", 30L);
      assertThat(users.exists("u_1")).isTrue();
      assertThat(users.get("u_9")).isNull();
      assertThat(users.get("U_1")).as("ids compare as in memory: by their exact string").isNull();
      assertThat(users.count()).isEqualTo(3);
      assertThat(inMemory(db)).isFalse();
    }
  }

  @Test
  void theFirstUseThatNeedsTheRowsReadsThemOnce() throws Exception {
    try (AsyncDb db = open()) {
      sql("INSERT INTO app_users VALUES ('u_3', 'Grace', 30)");
      var users = db.collection("users");
      assertThat(users.all()).extracting(r -> r.get("id")).containsExactly("u_1", "u_2", "u_3");
      assertThat(inMemory(db)).isTrue();
      sql("INSERT INTO app_users VALUES ('u_4', 'Edsger', 40)");
      assertThat(users.all()).as("not read again").hasSize(3);
      assertThat(users.get("u_4")).as("the copy in memory answers from now on").isNull();
      assertThat(users.count()).isEqualTo(3);
    }
  }

  @Test
  void writesBeforeAndAfterTheReadAgreeWithTheFile() throws Exception {
    try (AsyncDb db = open()) {
      Snapshot before = db.database().snapshot();
      var users = db.collection("users");
      users.create(Map.of("id", "u_3", "name", "Grace", "score", 30));
      assertThat(inMemory(db)).as("a write needs the rows: it read them first").isTrue();
      assertThatThrownBy(() -> users.create(Map.of("id", "u_1", "name", "Ada again")))
          .isInstanceOfSatisfying(DbException.class, e -> assertThat(e.code()).isEqualTo("DB_CREATE_DUPLICATE_ID"));
      users.patch("u_1", Map.of("score", 11));
      users.delete("u_2");
      assertThat(before.rows("users").size()).as("a snapshot from before the read sees the rows as they were").isEqualTo(2);
      assertThat(before.rows("users").record(before.rows("users").find("u_1"))).containsEntry("score", 10L);
      assertThat(users.all()).extracting(r -> r.get("id") + "=" + r.get("score")).containsExactly("u_1=11", "u_3=30");
    }
    assertThat(column("SELECT user_id || '=' || score FROM app_users ORDER BY user_id")).containsExactly("u_1=11", "u_3=30");
    try (AsyncDb db = open()) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("id") + "=" + r.get("score")).containsExactly("u_1=11", "u_3=30");
    }
  }

  @Test
  void twoThreadsThatNeedTheRowsAtOnceShareOneRead() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (AsyncDb db = open()) {
      CyclicBarrier start = new CyclicBarrier(2);
      List<Future<Object>> reads = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        reads.add(threads.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return db.database().snapshot().rows("users");
        }));
      }
      assertThat(reads.get(0).get(30, TimeUnit.SECONDS)).isSameAs(reads.get(1).get(30, TimeUnit.SECONDS));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aTableThatIsGoneNamesStoreTableAndCauseAndTheRestKeepsWorking() throws Exception {
    try (AsyncDb db = open()) {
      sql("ALTER TABLE app_users RENAME TO app_users_old");
      assertThatThrownBy(() -> db.collection("users").all()).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_READ_FAILED");
        assertThat(e.getMessage()).contains("Store \"app\"", "\"app_users\"", "resource \"users\"", "app.sqlite", "no such table");
        assertThat(e.hint()).contains("next use of \"users\" tries again");
        assertThat(e.details()).containsEntry("store", "app").containsEntry("resource", "users").containsEntry("table", "\"app_users\"");
      });
      assertThatThrownBy(() -> db.collection("users").get("u_1")).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_READ_FAILED");
        assertThat(e.getMessage()).contains("could not read a row of table \"app_users\"");
      });
      assertThatThrownBy(() -> db.collection("users").count())
          .isInstanceOfSatisfying(DbException.class, e -> assertThat(e.getMessage()).contains("could not count the rows of table \"app_users\""));
      db.collection("notes").create(Map.of("id", "n2", "text", "still here"));
      assertThat(db.collection("notes").count()).isEqualTo(2);

      sql("ALTER TABLE app_users_old RENAME TO app_users");
      assertThat(db.collection("users").all()).hasSize(2);
    }
  }

  @Test
  void aDatabaseFileThatIsGoneNamesStoreTableAndCause() throws Exception {
    try (AsyncDb db = open()) {
      Path away = file.resolveSibling("moved.sqlite");
      Files.move(file, away);
      assertThatThrownBy(() -> db.collection("users").all()).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_SQLITE_FILE_NOT_FOUND");
        assertThat(e.getMessage()).contains("Store \"app\" could not read the rows of table \"app_users\" (resource \"users\")", "app.sqlite",
            "does not exist");
        assertThat(e.hint()).contains("stores.app.file").contains("next use of \"users\" tries again");
        assertThat(e.details()).containsEntry("store", "app").containsEntry("table", "\"app_users\"");
      });
      assertThat(db.collection("notes").get("n1")).containsEntry("text", "hello");
      Files.move(away, file);
      assertThat(db.collection("users").all()).hasSize(2);
    }
  }
}
