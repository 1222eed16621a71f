package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.OpenOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sqlite envelope store against real SQLite files: the original's layout, the change log, errors. */
class SqliteEnvelopeStoreTest {
  private static final String USERS = "[{\"id\":\"u_1\",\"name\":\"Ada\"}]";

  @TempDir
  Path tmp;

  private Path project() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/users.json"), USERS);
    return tmp;
  }

  private AsyncDb open(Map<String, Object> store) {
    return AsyncDb.open(OpenOptions.builder(tmp).config(Map.of("stores", Map.of("default", "local", "local", store))).build());
  }

  private static Map<String, Object> sqlite(Object... more) {
    Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("driver", "sqlite", "file", "./data/app.sqlite"));
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    return m;
  }

  private List<List<String>> rows(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("data/app.sqlite")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<List<String>> out = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
      return out;
    }
  }

  private void sql(String... statements) throws Exception {
    Files.createDirectories(tmp.resolve("data"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("data/app.sqlite")); Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void anEnvelopeTableWrittenInTheOriginalsLayoutOpensWithItsState() throws Exception {
    project();
    // Exactly what the original's sqliteStore creates and writes: the state differs from the seed.
    sql("CREATE TABLE \"_db_resources\"(\"name\" TEXT PRIMARY KEY, \"kind\" TEXT NOT NULL, \"source_hash\" TEXT, \"value\" TEXT NOT NULL) STRICT",
        "INSERT INTO \"_db_resources\" VALUES ('users', 'collection', '" + sha256(USERS) + "', "
            + "'[{\"id\":\"u_1\",\"name\":\"Ada\"},{\"id\":\"u_7\",\"name\":\"Edited at runtime\"}]')");
    try (AsyncDb db = open(sqlite())) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactly("u_1", "u_7");
      assertThat(db.collection("users").get("u_7")).containsEntry("name", "Edited at runtime");
    }
  }

  @Test
  void aChangedSourceReplacesTheStoredStateWithTheNewSeed() throws Exception {
    project();
    sql("CREATE TABLE \"_db_resources\"(\"name\" TEXT PRIMARY KEY, \"kind\" TEXT NOT NULL, \"source_hash\" TEXT, \"value\" TEXT NOT NULL) STRICT",
        "INSERT INTO \"_db_resources\" VALUES ('users', 'collection', 'an-older-hash', '[{\"id\":\"u_old\"}]')");
    try (AsyncDb db = open(sqlite())) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactly("u_1");
    }
    assertThat(rows("SELECT kind, source_hash, value FROM _db_resources WHERE name = 'users'"))
        .containsExactly(List.of("collection", sha256(USERS), "[{\"id\":\"u_1\",\"name\":\"Ada\"}]"));
  }

  @Test
  void writesAreLoggedPerRecordAndFoldedIntoTheEnvelopeOnClose() throws Exception {
    project();
    try (AsyncDb db = open(sqlite())) {
      db.collection("users").create(Map.of("id", "u_2", "name", "Grace"));
      db.collection("users").delete("u_1");
      assertThat(rows("SELECT name, op, key FROM _async_db_changes ORDER BY seq"))
          .containsExactly(List.of("users", "i", "u_2"), List.of("users", "d", "u_1"));
      assertThat(rows("SELECT value FROM _db_resources")).containsExactly(List.of("[{\"id\":\"u_1\",\"name\":\"Ada\"}]"));
    }
    // Map.of has no field order: compare the folded value as JSON.
    assertThat(dev.asyncdb.engine.json.Json.parse(rows("SELECT value FROM _db_resources").get(0).get(0)))
        .isEqualTo(List.of(Map.of("id", "u_2", "name", "Grace")));
    assertThat(rows("SELECT count(*) FROM _async_db_changes")).containsExactly(List.of("0"));
  }

  @Test
  void theEnvelopeIsRewrittenOnceEnoughChangesAreLogged() throws Exception {
    project();
    try (AsyncDb db = open(sqlite("checkpointChanges", 3))) {
      for (int i = 2; i <= 4; i++) {
        db.collection("users").create(Map.of("id", "u_" + i, "name", "n" + i));
      }
      assertThat(rows("SELECT count(*) FROM _async_db_changes")).containsExactly(List.of("0"));
      assertThat(rows("SELECT value FROM _db_resources").get(0).get(0)).contains("u_4");
    }
  }

  @Test
  void changesLoggedByAProcessThatDiedAreFoldedAtTheNextOpen() throws Exception {
    project();
    try (AsyncDb db = open(sqlite())) {
      db.collection("users").create(Map.of("id", "u_2", "name", "Grace"));
    }
    // What a crash between commit and checkpoint leaves behind: logged changes past the envelope.
    sql("INSERT INTO _async_db_changes(name, op, key, value) VALUES ('users', 'u', 'u_1', '{\"id\":\"u_1\",\"name\":\"Ada L.\"}')",
        "INSERT INTO _async_db_changes(name, op, key, value) VALUES ('users', 'i', 'u_3', '{\"id\":\"u_3\",\"name\":\"Edsger\"}')",
        "INSERT INTO _async_db_changes(name, op, key, value) VALUES ('users', 'd', 'u_2', NULL)");
    try (AsyncDb db = open(sqlite())) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("name")).containsExactly("Ada L.", "Edsger");
      assertThat(rows("SELECT count(*) FROM _async_db_changes")).containsExactly(List.of("0"));
    }
  }

  @Test
  void anEnvelopeThatIsNotACollectionIsReportedWithWhereItIs() throws Exception {
    project();
    sql("CREATE TABLE \"_db_resources\"(\"name\" TEXT PRIMARY KEY, \"kind\" TEXT NOT NULL, \"source_hash\" TEXT, \"value\" TEXT NOT NULL) STRICT",
        "INSERT INTO \"_db_resources\" VALUES ('users', 'collection', '" + sha256(USERS) + "', '{\"not\":\"an array\"}')");
    assertThatThrownBy(() -> open(sqlite())).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_INVALID_RESOURCE_ENVELOPE");
      assertThat(e.getMessage()).contains("\"users\"").contains("app.sqlite").contains("found object");
      assertThat(e.hint()).contains("deleting it rebuilds the resource from its seed");
    });
    // The failed open released the file: it can be repaired and reopened at once.
    sql("DELETE FROM _db_resources");
    try (AsyncDb db = open(sqlite())) {
      assertThat(db.collection("users").count()).isEqualTo(1);
    }
  }

  @Test
  void aMissingFileOptionNamesTheOptionAndAnExample() throws Exception {
    project();
    assertThatThrownBy(() -> open(Map.of("driver", "sqlite"))).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_OPTION_MISSING");
      assertThat(e.getMessage()).contains("stores.local.file");
      assertThat(e.hint()).contains("\"driver\": \"sqlite\", \"file\": \"./data/app.sqlite\"");
    });
  }

  @Test
  void aBadCheckpointOptionSaysWhatWasReceived() throws Exception {
    project();
    assertThatThrownBy(() -> open(sqlite("checkpointChanges", "often"))).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_OPTION_INVALID");
      assertThat(e.getMessage()).contains("stores.local.checkpointChanges").contains("positive integer").contains("often");
    });
  }

  @Test
  void aFileThatIsNotSqliteIsReported() throws Exception {
    project();
    Files.createDirectories(tmp.resolve("data"));
    Files.writeString(tmp.resolve("data/app.sqlite"), "this is not a database, just text long enough to have a header".repeat(20));
    assertThatThrownBy(() -> open(sqlite())).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isIn("STORE_CONNECTION_FAILED", "STORE_READ_FAILED");
      assertThat(e.getMessage()).contains("app.sqlite");
    });
  }

  @Test
  void readOnlyOpensDoNotCreateTables() throws Exception {
    project();
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(tmp).readOnly(true)
        .config(Map.of("stores", Map.of("default", "local", "local", sqlite()))).build())) {
      assertThat(db.collection("users").count()).isEqualTo(1);
    }
    assertThat(rows("SELECT count(*) FROM sqlite_master")).containsExactly(List.of("0"));
  }

  @Test
  void anUnknownDriverListsTheAvailableOnes() throws Exception {
    project();
    assertThatThrownBy(() -> open(Map.of("driver", "oracle"))).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_DRIVER_NOT_FOUND");
      assertThat(e.hint()).contains("json").contains("sqlite").contains("postgres");
    });
  }
}
