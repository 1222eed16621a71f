package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.OpenOptions;
import dev.asyncdb.engine.schema.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Existing PostgreSQL tables mapped through the Java API: catalog types, compound keys, read-only. */
@ExtendWith(PostgresServer.class)
class PostgresTableStoreTest {
  @TempDir
  Path tmp;

  private String schema;

  @BeforeEach
  void appTables() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    schema = PostgresServer.freshSchema("tbl");
    PostgresServer.exec("SET search_path TO " + schema,
        "CREATE TABLE " + schema + ".app_users (user_id BIGINT PRIMARY KEY, full_name TEXT NOT NULL, balance NUMERIC(10,2), "
            + "active BOOLEAN NOT NULL DEFAULT true, profile JSONB, joined TIMESTAMPTZ, born DATE)",
        "INSERT INTO " + schema + ".app_users VALUES (1, 'Ada', 10.50, true, '{\"langs\":[\"en\"]}', '2024-01-02T03:04:05Z', '1815-12-10')",
        "CREATE TABLE " + schema + ".package_versions (name TEXT, version TEXT, downloads INT NOT NULL, PRIMARY KEY (name, version))",
        "INSERT INTO " + schema + ".package_versions VALUES ('@async/db', '0.5.1', 25)");
  }

  private AsyncDb open() {
    SqlStoreConfig config = SqlStoreConfig.postgres(PostgresServer.url()).schema(schema)
        .table("users", SqlStoreConfig.table("app_users").column("id", "user_id").column("name", "full_name").primaryKey("id"))
        .table("packageVersions", SqlStoreConfig.table("package_versions").primaryKey("name", "version").readOnly());
    return AsyncDb.open(OpenOptions.builder(tmp).config(config.asConfig("pg")).build());
  }

  private String scalar(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(PostgresServer.url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void catalogTypesBecomeFieldTypesAndValuesRoundTrip() throws Exception {
    try (AsyncDb db = open()) {
      var fields = db.definitions().stream().filter(d -> d.name().equals("users")).findFirst().orElseThrow().schema().fields();
      assertThat(fields).extractingFromEntries(e -> e.getKey() + ":" + e.getValue().type()).containsExactly(
          "id:" + FieldType.INTEGER, "name:" + FieldType.STRING, "balance:" + FieldType.NUMBER, "active:" + FieldType.BOOLEAN,
          "profile:" + FieldType.JSON, "joined:" + FieldType.DATETIME, "born:" + FieldType.DATE);
      assertThat(db.collection("users").get("1")).containsEntry("name", "Ada").containsEntry("balance", 10.5)
          .containsEntry("profile", Map.of("langs", List.of("en"))).containsEntry("joined", "2024-01-02T03:04:05Z").containsEntry("born", "1815-12-10");
      db.collection("users").create(Map.of("id", 2, "name", "Grace", "profile", Map.of("navy", true), "joined", "2024-05-06T07:08:09Z"));
      db.collection("users").patch("1", Map.of("balance", 11.25));
    }
    assertThat(scalar("SELECT profile->>'navy' FROM " + schema + ".app_users WHERE user_id = 2")).isEqualTo("true");
    assertThat(scalar("SELECT active FROM " + schema + ".app_users WHERE user_id = 2")).as("the column default applies").isEqualTo("t");
    assertThat(scalar("SELECT balance FROM " + schema + ".app_users WHERE user_id = 1")).isEqualTo("11.25");
    try (AsyncDb db = open()) {
      assertThat(db.collection("users").get("2")).containsEntry("joined", "2024-05-06T07:08:09Z");
    }
  }

  @Test
  void readOnlyCompoundKeyTablesAreReadableButRefuseWrites() {
    try (AsyncDb db = open()) {
      var versions = db.collection("packageVersions");
      assertThat(versions.get(Map.of("name", "@async/db", "version", "0.5.1"))).containsEntry("downloads", 25L);
      assertThatThrownBy(() -> versions.delete(Map.of("name", "@async/db", "version", "0.5.1")))
          .isInstanceOfSatisfying(DbException.class, e -> assertThat(e.code()).isEqualTo("STORE_RESOURCE_READ_ONLY"));
    }
  }

  @Test
  void aDuplicateKeyInsertedBehindTheStoresBackFailsTheWrite() {
    try (AsyncDb db = open()) {
      assertThat(db.collection("users").all()).as("the rows are in memory now").hasSize(1);
      PostgresServer.exec("INSERT INTO " + schema + ".app_users (user_id, full_name) VALUES (3, 'Edsger')");
      assertThatThrownBy(() -> db.collection("users").create(Map.of("id", 3, "name", "Someone else")))
          .isInstanceOfSatisfying(DbException.class, e -> {
            assertThat(e.code()).isEqualTo("STORE_WRITE_FAILED");
            assertThat(e.getMessage()).contains("app_users");
          });
      assertThat(db.collection("users").exists("3")).isFalse();
    }
  }
}
