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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Existing SQLite tables mapped to resources: renames, compound keys, read-only tables, catalog types, errors. */
class SqliteTableStoreTest {
  @TempDir
  Path tmp;

  @BeforeEach
  void appDatabase() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    sql("CREATE TABLE app_users (user_id TEXT PRIMARY KEY, full_name TEXT NOT NULL, score REAL, active BOOLEAN, created TEXT DEFAULT 'now')",
        "INSERT INTO app_users VALUES ('u_1', 'Ada', 9.5, 1, '2024-01-01'), ('u_2', 'Alan', NULL, 0, '2024-02-01')",
        "CREATE TABLE package_versions (name TEXT NOT NULL, version TEXT NOT NULL, downloads INTEGER NOT NULL, PRIMARY KEY (name, version))",
        "INSERT INTO package_versions VALUES ('@async/db', '0.4.0', 10), ('@async/db', '0.5.1', 25)",
        "CREATE TABLE audit (at TEXT, what TEXT)");
  }

  private void sql(String... statements) throws Exception {
    Files.createDirectories(tmp.resolve("data"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("data/app.sqlite")); Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  private List<String> column(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("data/app.sqlite")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  private AsyncDb open(Map<String, Object> tables) {
    return open(tables, "./data/app.sqlite");
  }

  private AsyncDb open(Map<String, Object> tables, String file) {
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("driver", "sqlite");
    store.put("file", file);
    store.put("tables", tables);
    return AsyncDb.open(OpenOptions.builder(tmp).config(Map.of("stores", Map.of("app", store))).build());
  }

  private static final Map<String, Object> USERS = Map.of("users",
      Map.of("table", "app_users", "columns", Map.of("id", "user_id", "name", "full_name"), "primaryKey", "id"));

  @Test
  void columnsAreRenamedAndTypedFromTheCatalog() throws Exception {
    try (AsyncDb db = open(USERS)) {
      assertThat(db.collection("users").get("u_1")).containsEntry("name", "Ada").containsEntry("score", 9.5).containsEntry("active", true);
      // NULL columns are left out of the record, as the original's table adapter does.
      assertThat(db.collection("users").get("u_2")).doesNotContainKey("score").containsEntry("active", false);
      var fields = db.definitions().stream().filter(d -> d.name().equals("users")).findFirst().orElseThrow().schema().fields();
      assertThat(fields.get("score").type()).isEqualTo(FieldType.NUMBER);
      assertThat(fields.get("active").type()).isEqualTo(FieldType.BOOLEAN);
      assertThat(fields.get("name").required()).isTrue();
      assertThat(fields.get("created").required()).as("a column with a default may be omitted").isFalse();
      db.collection("users").create(Map.of("id", "u_3", "name", "Grace", "active", true));
      db.collection("users").update("u_1", Map.of("name", "Ada L.", "active", true));
    }
    assertThat(column("SELECT user_id || ':' || full_name || ':' || active FROM app_users ORDER BY user_id"))
        .containsExactly("u_1:Ada L.:1", "u_2:Alan:0", "u_3:Grace:1");
  }

  @Test
  void compoundKeysAddressRowsByAllTheirFields() throws Exception {
    try (AsyncDb db = open(Map.of("packageVersions", Map.of("table", "package_versions", "primaryKey", List.of("name", "version"))))) {
      var versions = db.collection("packageVersions");
      assertThat(versions.get(Map.of("name", "@async/db", "version", "0.5.1"))).containsEntry("downloads", 25L);
      versions.patch(Map.of("name", "@async/db", "version", "0.4.0"), Map.of("downloads", 11));
      versions.delete(Map.of("name", "@async/db", "version", "0.5.1"));
    }
    assertThat(column("SELECT version || '=' || downloads FROM package_versions")).containsExactly("0.4.0=11");
  }

  @Test
  void theTablesPrimaryKeyIsUsedWhenNoneIsConfigured() throws Exception {
    try (AsyncDb db = open(Map.of("packageVersions", Map.of("table", "package_versions")))) {
      assertThat(db.collection("packageVersions").exists(Map.of("name", "@async/db", "version", "0.4.0"))).isTrue();
    }
  }

  @Test
  void readOnlyTablesRefuseWritesAndStayUntouched() throws Exception {
    Map<String, Object> users = Map.of("users", Map.of("table", "app_users", "columns", Map.of("id", "user_id", "name", "full_name"), "readOnly", true));
    try (AsyncDb db = open(users)) {
      assertThatThrownBy(() -> db.collection("users").delete("u_1"))
          .isInstanceOfSatisfying(DbException.class, e -> assertThat(e.code()).isEqualTo("STORE_RESOURCE_READ_ONLY"));
    }
    assertThat(column("SELECT count(*) FROM app_users")).containsExactly("2");
  }

  @Test
  void aRowChangedBehindTheStoresBackFailsTheWriteInsteadOfLosingIt() throws Exception {
    try (AsyncDb db = open(USERS)) {
      assertThat(db.collection("users").all()).as("the rows are in memory now").hasSize(2);
      sql("DELETE FROM app_users WHERE user_id = 'u_2'");
      assertThatThrownBy(() -> db.collection("users").update("u_2", Map.of("name", "Alan T.")))
          .isInstanceOfSatisfying(DbException.class, e -> {
            assertThat(e.code()).isEqualTo("STORE_WRITE_FAILED");
            assertThat(e.getMessage()).contains("u_2").contains("changed outside Async DB");
          });
      assertThat(db.collection("users").get("u_2")).containsEntry("name", "Alan");
    }
  }

  @Test
  void otherResourcesOfTheSameStoreAreKeptAsEnvelopesInTheSameFile() throws Exception {
    Files.writeString(tmp.resolve("db/settings.json"), "{\"theme\":\"dark\"}");
    Map<String, Object> store = new LinkedHashMap<>(Map.of("driver", "sqlite", "file", "./data/app.sqlite", "tables", USERS));
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(tmp).config(Map.of("stores", Map.of("default", "app", "app", store))).build())) {
      db.document("settings").update(Map.of("theme", "light"));
    }
    assertThat(column("SELECT value FROM _db_resources WHERE name = 'settings'")).containsExactly("{\"theme\":\"light\"}");
  }

  @Test
  void aMissingTableListsTheTablesThere() {
    assertThatThrownBy(() -> open(Map.of("users", Map.of("table", "users_v2")))).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_TABLE_NOT_FOUND");
      assertThat(e.getMessage()).contains("users_v2").contains("app.sqlite");
      assertThat(e.hint()).contains("stores.app.tables.users.table").contains("app_users").contains("never created");
    });
  }

  @Test
  void aMissingColumnListsTheColumns() {
    assertThatThrownBy(() -> open(Map.of("users", Map.of("table", "app_users", "columns", Map.of("name", "fullname")))))
        .isInstanceOfSatisfying(DbException.class, e -> {
          assertThat(e.code()).isEqualTo("STORE_TABLE_COLUMN_NOT_FOUND");
          assertThat(e.getMessage()).contains("fullname");
          assertThat(e.hint()).contains("full_name");
        });
  }

  @Test
  void aTableWithoutPrimaryKeyNeedsOneConfigured() {
    assertThatThrownBy(() -> open(Map.of("audit", Map.of("table", "audit")))).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_TABLE_PRIMARY_KEY_MISSING");
      assertThat(e.hint()).contains("stores.app.tables.audit.primaryKey");
    });
  }

  @Test
  void migrateTrueIsRefusedBecauseMappedTablesAreNeverAltered() {
    assertThatThrownBy(() -> open(Map.of("users", Map.of("table", "app_users", "migrate", true)))).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_OPTION_INVALID");
      assertThat(e.getMessage()).contains("stores.app.tables.users.migrate");
    });
  }

  @Test
  void unknownMappingOptionsAreNamed() {
    assertThatThrownBy(() -> open(Map.of("users", Map.of("table", "app_users", "primarykey", "id")))).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_OPTION_INVALID");
      assertThat(e.getMessage()).contains("stores.app.tables.users.primarykey").contains("primaryKey");
    });
  }

  @Test
  void aMissingDatabaseFileIsAnErrorNotANewDatabase() {
    assertThatThrownBy(() -> open(USERS, "./data/typo.sqlite")).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_SQLITE_FILE_NOT_FOUND");
      assertThat(e.getMessage()).contains("typo.sqlite");
    });
    assertThat(tmp.resolve("data/typo.sqlite")).doesNotExist();
  }

  @Test
  void aTableResourceMayNotShadowAFileUnderDb() throws Exception {
    Files.writeString(tmp.resolve("db/users.json"), "[]");
    assertThatThrownBy(() -> open(USERS)).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_TABLE_RESOURCE_CONFLICT");
      assertThat(e.getMessage()).contains("db/users.json");
    });
  }
}
