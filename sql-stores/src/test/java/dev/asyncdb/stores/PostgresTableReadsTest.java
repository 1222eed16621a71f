package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.OpenOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the rows of a mapped PostgreSQL table are read (not at open; one record and the count are
 * asked of the server; the whole table once, on first need), and what a read says when the server
 * dropped the store's connections or the database is gone.
 */
@ExtendWith(PostgresServer.class)
class PostgresTableReadsTest {
  @TempDir
  Path tmp;

  private String schema;

  @BeforeEach
  void appTable() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/notes.json"), "[{\"id\":\"n1\",\"text\":\"hello\"}]");
    schema = PostgresServer.freshSchema("reads");
    PostgresServer.exec("CREATE TABLE " + schema + ".app_users (user_id BIGINT PRIMARY KEY, full_name TEXT NOT NULL)",
        "INSERT INTO " + schema + ".app_users VALUES (1, 'Ada'), (2, 'Alan')");
  }

  private AsyncDb open(String url, String schema) {
    SqlStoreConfig store = SqlStoreConfig.postgres(url).schema(schema)
        .table("users", SqlStoreConfig.table("app_users").column("id", "user_id").column("name", "full_name").primaryKey("id"));
    return AsyncDb.open(OpenOptions.builder(tmp).config(store.asConfig("pg")).build());
  }

  @Test
  void openingReadsNoRowAndTheFirstUseThatNeedsThemReadsThemOnce() {
    try (AsyncDb db = open(PostgresServer.url(), schema)) {
      PostgresServer.exec("INSERT INTO " + schema + ".app_users VALUES (3, 'Grace')");
      var users = db.collection("users");
      assertThat(users.get(3)).as("asked of the server").containsEntry("name", "Grace").containsEntry("id", 3L);
      assertThat(users.get("x")).as("not a value of the BIGINT key: no row").isNull();
      assertThat(users.count()).isEqualTo(3);
      assertThat(db.database().snapshot().deferred("users").loaded()).isFalse();
      assertThat(users.all()).extracting(r -> r.get("name")).containsExactly("Ada", "Alan", "Grace");
      PostgresServer.exec("INSERT INTO " + schema + ".app_users VALUES (4, 'Edsger')");
      assertThat(users.count()).as("read once: the copy in memory answers now").isEqualTo(3);
      users.create(Map.of("id", 5, "name", "Barbara"));
    }
    try (AsyncDb db = open(PostgresServer.url(), schema)) {
      assertThat(db.collection("users").count()).isEqualTo(5);
    }
  }

  @Test
  void connectionsTheServerDroppedAreReopenedByTheNextUse() {
    try (AsyncDb db = open(PostgresServer.url(), schema)) {
      assertThat(db.collection("users").get(1)).containsEntry("name", "Ada");
      assertThat(db.collection("users").count()).as("counted through the read pool, whose connection then idles").isEqualTo(2);
      // As a server restart would: every connection of the store ends (the read connections are idle in their pools).
      PostgresServer.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'async-db' AND pid <> pg_backend_pid()");
      assertThatThrownBy(() -> db.collection("users").all()).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_CONNECTION_FAILED");
        assertThat(e.getMessage()).contains("Store \"pg\" could not read the rows of table \"" + schema + "\".\"app_users\" (resource \"users\")");
        assertThat(e.hint()).contains("database server is running", "next use of \"users\" tries again");
        assertThat(e.details()).containsEntry("store", "pg").containsEntry("resource", "users");
      });
      assertThat(db.collection("users").all()).hasSize(2);
      assertThat(db.collection("notes").get("n1")).containsEntry("text", "hello");
    }
  }

  @Test
  void aLookupOnADroppedConnectionFailsOnceAndTheNextOneReconnects() {
    try (AsyncDb db = open(PostgresServer.url(), schema)) {
      assertThat(db.collection("users").get(1)).containsEntry("name", "Ada");
      PostgresServer.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'async-db' AND pid <> pg_backend_pid()");
      assertThatThrownBy(() -> db.collection("users").get(2)).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_CONNECTION_FAILED");
        assertThat(e.getMessage()).contains("Store \"pg\" could not read a row of table");
      });
      assertThat(db.collection("users").get(2)).containsEntry("name", "Alan");
    }
  }

  @Test
  void aDatabaseThatIsGoneNamesStoreTableAndCauseAndTheRestKeepsWorking() {
    String name = "reads_gone_" + ProcessHandle.current().pid();
    PostgresServer.exec("DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name);
    String url = PostgresServer.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    PostgresServer.execAt(url, "CREATE TABLE app_users (user_id BIGINT PRIMARY KEY, full_name TEXT NOT NULL)", "INSERT INTO app_users VALUES (1, 'Ada')");
    try (AsyncDb db = open(url, "public")) {
      PostgresServer.exec("DROP DATABASE " + name + " WITH (FORCE)");
      assertThatThrownBy(() -> db.collection("users").all()).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_CONNECTION_FAILED");
        assertThat(e.getMessage()).contains("Store \"pg\" could not read the rows of table \"public\".\"app_users\" (resource \"users\")", name,
            "does not exist");
        assertThat(e.hint()).contains("stores.pg.url", "next use of \"users\" tries again");
        assertThat(e.details()).containsEntry("store", "pg").containsEntry("table", "\"public\".\"app_users\"");
      });
      db.collection("notes").create(Map.of("id", "n2", "text", "still here"));
      assertThat(db.collection("notes").count()).isEqualTo(2);
    }
  }
}
