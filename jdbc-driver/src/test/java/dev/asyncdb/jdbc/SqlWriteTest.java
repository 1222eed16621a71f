package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INSERT, UPDATE, DELETE and MERGE through JDBC: the engine's write rules, counts, generated keys, batches and errors. */
class SqlWriteTest {
  @TempDir
  Path project;

  @BeforeEach
  void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/users.schema.json"), """
        {"kind": "collection", "fields": {
          "id": {"type": "string", "required": true},
          "name": {"type": "string", "required": true, "minLength": 2},
          "email": {"type": "string", "unique": true},
          "role": {"type": "enum", "values": ["admin", "user"], "default": "user"},
          "score": {"type": "integer"},
          "joinedAt": {"type": "datetime"},
          "profile": {"type": "object"}
        }}
        """);
    Files.writeString(project.resolve("db/users.json"), """
        [{"id": "1", "name": "Ada", "email": "ada@example.com", "role": "admin", "score": 10, "joinedAt": "2024-01-02T03:04:05Z"},
         {"id": "2", "name": "Grace", "email": "grace@example.com", "score": 7}]
        """);
    Files.writeString(project.resolve("db/events.schema.json"),
        "{\"kind\":\"collection\",\"writePolicy\":\"append-only\",\"fields\":{\"id\":{\"type\":\"string\"},\"type\":{\"type\":\"string\",\"required\":true}},\"seed\":[]}");
    Files.writeString(project.resolve("db/settings.json"), "{\"theme\": \"dark\", \"pageSize\": 20}");
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:asyncdb:" + project);
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  static List<List<Object>> rows(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<List<Object>> out = new ArrayList<>();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.add(rs.getObject(i));
          }
          out.add(row);
        }
        return out;
      }
    }
  }

  /** The failure of a statement, with its SQLState, after which the table must be exactly as before. */
  private void failsLeavingNothingChanged(Connection c, String sqlState, String messagePart, ThrowingCallable statement) throws SQLException {
    List<List<Object>> users = rows(c, "select _record from users");
    List<List<Object>> settings = rows(c, "select * from settings");
    assertThatThrownBy(statement).isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo(sqlState))
        .hasMessageContaining(messagePart);
    assertThat(rows(c, "select _record from users")).isEqualTo(users);
    assertThat(rows(c, "select * from settings")).isEqualTo(settings);
  }

  @Test
  void insertAppliesDefaultsGeneratesCounterIdsAndReturnsThemAsGeneratedKeys() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("insert into users (name, email) values ('Linus', 'linus@example.com')", Statement.RETURN_GENERATED_KEYS)).isEqualTo(1);
      try (ResultSet keys = s.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        assertThat(keys.getString("id")).isEqualTo("3");
        assertThat(keys.getMetaData().getColumnName(1)).isEqualTo("id");
        assertThat(keys.next()).isFalse();
      }
      try (PreparedStatement ps = c.prepareStatement("insert into users (name) values (?), (?)", new String[] {"id", "role"})) {
        ps.setString(1, "Katherine");
        ps.setString(2, "Dorothy");
        assertThat(ps.executeUpdate()).isEqualTo(2);
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = ps.getGeneratedKeys()) {
          while (rs.next()) {
            keys.add(rs.getString(1) + ":" + rs.getString(2));
          }
        }
        assertThat(keys).containsExactly("4:user", "5:user");
      }
      assertThat(rows(c, "select id, name, role from users where id in ('3', '4')"))
          .containsExactly(List.of("3", "Linus", "user"), List.of("4", "Katherine", "user"));
    }
  }

  @Test
  void insertSelectMultiRowUpdateDeleteAndExactCounts() throws Exception {
    try (Connection c = connect()) {
      assertThat(update(c, "insert into users (id, name, score, joinedAt) values ('a', 'Al', 1, timestamp '2025-05-06 07:08:09'), ('b', 'Bo', null, null)"))
          .isEqualTo(2);
      assertThat(update(c, "insert into users (id, name, score) select 'copy-' || id, name || '2', score from users where score > 5")).isEqualTo(2);
      assertThat(update(c, "update users set score = score + 1 where score is not null")).isEqualTo(5);
      assertThat(update(c, "update users set score = 0 where id = 'nobody'")).isZero();
      assertThat(update(c, "delete from users where id like 'copy-%'")).isEqualTo(2);
      assertThat(rows(c, "select id, name, score, joinedAt from users"))
          .containsExactly(List.of("1", "Ada", 11L, java.sql.Timestamp.valueOf("2024-01-02 03:04:05")),
              java.util.Arrays.asList("2", "Grace", 8L, null), List.of("a", "Al", 2L, java.sql.Timestamp.valueOf("2025-05-06 07:08:09")),
              java.util.Arrays.asList("b", "Bo", null, null));
    }
    try (AsyncDb db = AsyncDb.open(project)) {
      // Stored as the engine stores JSON: ISO instants, absent fields for NULL, the unchanged timestamp text untouched.
      assertThat(db.collection("users").get("a")).containsEntry("joinedAt", "2025-05-06T07:08:09Z").containsEntry("role", "user");
      assertThat(db.collection("users").get("b")).doesNotContainKey("score");
      assertThat(db.collection("users").get("1")).containsEntry("joinedAt", "2024-01-02T03:04:05Z").containsEntry("score", 11L);
    }
  }

  @Test
  void updateSetsNullAsAbsentKeepsTheKeyAndWritesDocuments() throws Exception {
    try (Connection c = connect()) {
      assertThat(update(c, "update users set email = null, profile = ? where id = '2'", "{\"city\": \"Arlington\"}")).isEqualTo(1);
      assertThat(rows(c, "select email, json_value(profile, '$.city') from users where id = '2'")).containsExactly(java.util.Arrays.asList(null, "Arlington"));
      assertThat(update(c, "update settings set theme = 'light', pageSize = pageSize * 2")).isEqualTo(1);
      assertThat(rows(c, "select theme, pageSize from settings")).containsExactly(List.of("light", 40L));
      failsLeavingNothingChanged(c, "0A000", "Cannot change key column id of users record 1", () -> update(c, "update users set id = 'x' where id = '1'"));
      failsLeavingNothingChanged(c, "0A000", "settings is a document", () -> update(c, "insert into settings (theme) values ('x')"));
      failsLeavingNothingChanged(c, "0A000", "settings is a document", () -> update(c, "delete from settings"));
    }
    try (AsyncDb db = AsyncDb.open(project)) {
      assertThat(db.collection("users").get("2")).doesNotContainKey("email").containsEntry("profile", Map.of("city", "Arlington"));
      assertThat(db.document("settings").get()).containsEntry("theme", "light").containsEntry("pageSize", 40L);
    }
  }

  @Test
  void wholeRecordsGoInAndOutThroughTheRecordColumn() throws Exception {
    try (Connection c = connect()) {
      assertThat(update(c, "insert into users (_record, score) values ('{\"id\": \"r\", \"name\": \"Rec\", \"nickname\": \"R\"}', 3)")).isEqualTo(1);
      assertThat(update(c, "update users set _record = '{\"name\": \"Whole\", \"role\": \"admin\"}' where id = 'r'")).isEqualTo(1);
      assertThat(rows(c, "select _record from users where id = 'r'")).containsExactly(List.of("{\"name\":\"Whole\",\"role\":\"admin\",\"id\":\"r\"}"));
      failsLeavingNothingChanged(c, "22032", "needs a JSON object", () -> update(c, "update users set _record = '[1]' where id = 'r'"));
    }
  }

  @Test
  void mergeUpsertsByKey() throws Exception {
    try (Connection c = connect()) {
      String merge = "merge into users t using (values ('1', 'Ada L.'), ('9', 'Nine')) as s(id, name) on t.id = s.id"
          + " when matched then update set name = s.name when not matched then insert (id, name) values (s.id, s.name)";
      assertThat(update(c, merge)).isEqualTo(2);
      assertThat(rows(c, "select id, name, role from users where id in ('1', '9')")).containsExactly(List.of("1", "Ada L.", "admin"), List.of("9", "Nine", "user"));
      assertThat(update(c, "merge into users t using (select '9' as id, 'Again' as name) s on t.id = s.id when not matched then insert (id, name) values (s.id, s.name)"))
          .isZero();
    }
  }

  @Test
  void rejectedWritesCarrySqlStatesAndChangeNothing() throws Exception {
    try (Connection c = connect()) {
      failsLeavingNothingChanged(c, "23505", "users record 1: a record with that id already exists. [DB_CREATE_DUPLICATE_ID]",
          () -> update(c, "insert into users (id, name) values ('1', 'Again')"));
      failsLeavingNothingChanged(c, "23505", "Field \"email\" of users (record 3) must be unique, but record 1 already has \"ada@example.com\"",
          () -> update(c, "insert into users (name, email) values ('Copy', 'ada@example.com')"));
      failsLeavingNothingChanged(c, "23502", "Field \"name\" of users (record 3) is required but missing",
          () -> update(c, "insert into users (email) values ('x@example.com')"));
      failsLeavingNothingChanged(c, "23514", "Field \"role\" of users (record 1) must be one of \"admin\", \"user\"; received \"root\". [DB_SCHEMA_VALIDATION_FAILED] Hint: Use one of",
          () -> update(c, "update users set role = 'root' where id = '1'"));
      failsLeavingNothingChanged(c, "23514", "must have at least 2 characters; received \"X\"", () -> update(c, "update users set name = 'X'"));
      failsLeavingNothingChanged(c, "22032", "Column profile of users holds a JSON object and needs its JSON text; received 'not json'",
          () -> update(c, "update users set profile = 'not json' where id = '1'"));
      // A multi-row statement is atomic: the valid first row is not kept when the second fails.
      failsLeavingNothingChanged(c, "23505", "(row 2 of 2 of the statement; the statement changed nothing)",
          () -> update(c, "insert into users (id, name) values ('new', 'New'), ('2', 'Dup')"));
    }
  }

  @Test
  void appendOnlyTablesTakeInsertsOnlyAndReadOnlyConnectionsNothing() throws Exception {
    try (Connection c = connect()) {
      assertThat(update(c, "insert into events (type) values ('login'), ('logout')")).isEqualTo(2);
      failsLeavingNothingChanged(c, "0A000", "events is append-only; DELETE is not allowed", () -> update(c, "delete from events"));
      failsLeavingNothingChanged(c, "0A000", "events is append-only; UPDATE is not allowed", () -> update(c, "update events set type = 'x'"));
      assertThat(rows(c, "select id, type from events")).containsExactly(List.of("1", "login"), List.of("2", "logout"));
      c.setReadOnly(true);
      failsLeavingNothingChanged(c, "25006", "read-only", () -> update(c, "update users set score = 1"));
      c.setReadOnly(false);
      assertThat(update(c, "update users set score = 1 where id = '1'")).isEqualTo(1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project + ";readOnly=true")) {
      assertThat(c.isReadOnly()).isTrue();
      failsLeavingNothingChanged(c, "25006", "This connection is read-only", () -> update(c, "insert into events (type) values ('x')"));
    }
  }

  @Test
  void batchesReturnCountsAndCommitAsAWhole() throws Exception {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into users (id, name) values (?, ?)")) {
      for (int i = 0; i < 3; i++) {
        ps.setString(1, "b" + i);
        ps.setString(2, "Batch " + i);
        ps.addBatch();
      }
      assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
      try (ResultSet keys = ps.getGeneratedKeys()) {
        int n = 0;
        while (keys.next()) {
          n++;
        }
        assertThat(n).isEqualTo(3);
      }
      ps.setString(1, "b9");
      ps.setString(2, "Fine");
      ps.addBatch();
      ps.setString(1, "b0");
      ps.setString(2, "Duplicate");
      ps.addBatch();
      failsLeavingNothingChanged(c, "23505", "users record b0", ps::executeBatch);
      assertThatThrownBy(() -> {
        ps.setString(1, "b0");
        ps.addBatch();
        ps.executeBatch();
      }).isInstanceOf(BatchUpdateException.class);
      try (Statement s = c.createStatement()) {
        s.addBatch("update users set score = 1 where id like 'b%'");
        s.addBatch("delete from users where id = 'b2'");
        assertThat(s.executeBatch()).containsExactly(3, 1);
      }
      assertThat(rows(c, "select count(*) from users")).containsExactly(List.of(4L));
    }
  }

  @Test
  void writesReachTheStateFilesInTheOriginalFormatAndSurviveReopening() throws Exception {
    try (Connection c = connect()) {
      update(c, "insert into users (id, name) values ('s', 'Saved')");
      update(c, "update settings set theme = 'solarized'");
    }
    Object state = Json.parse(Files.readString(project.resolve(".db/state/users.json")));
    assertThat(state).isInstanceOf(List.class);
    assertThat((List<?>) state).last().isEqualTo(Map.of("id", "s", "name", "Saved", "role", "user"));
    try (AsyncDb db = AsyncDb.open(project)) {
      assertThat(db.collection("users").get("s")).containsEntry("name", "Saved");
      assertThat(db.document("settings").get("theme")).isEqualTo("solarized");
    }
  }

  @Test
  void engineErrorsStayReachableAsTheCause() throws Exception {
    try (Connection c = connect()) {
      assertThatThrownBy(() -> update(c, "insert into users (id, name) values ('1', 'Again')"))
          .hasCauseInstanceOf(DbException.class)
          .satisfies(e -> assertThat(((DbException) e.getCause()).details()).containsEntry("id", "1").containsEntry("resource", "users"));
    }
  }
}
