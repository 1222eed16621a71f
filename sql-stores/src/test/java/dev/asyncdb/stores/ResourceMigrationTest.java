package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.migrate.MigrationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Moving resources between json, sqlite and postgres while open: copy, verify, switch the binding. */
class ResourceMigrationTest {
  @TempDir
  Path tmp;

  @BeforeEach
  void project() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/users.json"), "[{\"id\":\"u_1\",\"name\":\"Ada\",\"tags\":[\"x\"]},{\"id\":\"u_2\",\"name\":\"Alan\"}]");
    Files.writeString(tmp.resolve("db/settings.json"), "{\"theme\":\"dark\"}");
  }

  private void config(String json) throws Exception {
    Files.writeString(tmp.resolve("db.config.json"), json);
  }

  @Test
  void jsonToSqliteAndBackKeepsEveryRecordAndSwitchesTheBinding() throws Exception {
    config("{\"stores\": {\"local\": {\"driver\": \"sqlite\", \"file\": \"./data/app.sqlite\"}}}");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      db.collection("users").create(Map.of("id", "u_3", "name", "Grace"));
      MigrationReport report = db.migrateResource("users", "local");
      assertThat(report.count()).isEqualTo(3);
      assertThat(report.from()).isEqualTo("json");
      assertThat(report.bindingSaved()).isTrue();
      // Writes after the switch go to SQLite.
      db.collection("users").delete("u_2");
      db.migrateResource("settings", "local");
      db.document("settings").update(Map.of("theme", "light"));
    }
    assertThat(Files.readString(tmp.resolve("db.config.json"))).contains("\"users\": {\n      \"store\": \"local\"");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("data/app.sqlite")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM _db_resources")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactly("u_1", "u_3");
      assertThat(db.document("settings").get()).containsEntry("theme", "light");
      MigrationReport back = db.migrateResource("users", "json");
      assertThat(back.count()).isEqualTo(2);
    }
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").get("u_1")).containsEntry("tags", java.util.List.of("x"));
      assertThat(db.collection("users").count()).isEqualTo(2);
    }
  }

  @Test
  void aConfigWithCommentsIsNotRewrittenAndTheReportSaysWhatToAdd() throws Exception {
    config("{\n  // local storage\n  \"stores\": {\"local\": {\"driver\": \"sqlite\", \"file\": \"./data/app.sqlite\"}}\n}");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      MigrationReport report = db.migrateResource("users", "local");
      assertThat(report.bindingSaved()).isFalse();
      assertThat(report.note()).contains("\"resources\": {\"users\": {\"store\": \"local\"}}");
    }
    assertThat(Files.readString(tmp.resolve("db.config.json"))).contains("// local storage").doesNotContain("resources");
  }

  @Test
  void targetsThatCannotHoldTheResourceAreRefused() throws Exception {
    config("{\"stores\": {\"local\": {\"driver\": \"sqlite\", \"file\": \"./data/app.sqlite\"}}}");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThatThrownBy(() -> db.migrateResource("users", "memory")).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_MIGRATION_UNSUPPORTED");
        assertThat(e.hint()).contains("sqlite/postgres");
      });
      assertThatThrownBy(() -> db.migrateResource("users", "json"))
          .isInstanceOfSatisfying(DbException.class, e -> assertThat(e.code()).isEqualTo("STORE_MIGRATION_SAME_STORE"));
      assertThatThrownBy(() -> db.migrateResource("users", "nowhere"))
          .isInstanceOfSatisfying(DbException.class, e -> assertThat(e.code()).isEqualTo("STORE_NOT_FOUND"));
      assertThat(db.collection("users").count()).isEqualTo(2);
    }
  }

  @Test
  @ExtendWith(PostgresServer.class)
  void jsonToPostgres() throws Exception {
    String schema = PostgresServer.freshSchema("mig");
    config("{\"stores\": {\"pg\": {\"driver\": \"postgres\", \"url\": \"" + PostgresServer.url() + "\", \"schema\": \"" + schema + "\"}}}");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.migrateResource("users", "pg").count()).isEqualTo(2);
      db.collection("users").create(Map.of("id", "u_3", "name", "Grace"));
    }
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactly("u_1", "u_2", "u_3");
    }
  }
}
