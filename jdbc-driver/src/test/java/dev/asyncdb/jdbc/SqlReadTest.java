package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL over a project through DriverManager: types, pushdown paths, joins, JSON, identifiers, errors. */
class SqlReadTest {
  @TempDir
  static Path project;

  @BeforeAll
  static void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/users.json"), """
        [
          {"id": "u_1", "name": "Ada", "role": "admin", "active": true, "score": 10, "profile": {"city": "London"}},
          {"id": "u_2", "name": "Grace", "role": "user", "active": false, "score": 7, "profile": {"city": "Arlington"}},
          {"id": "u_3", "name": "Linus", "role": "user", "active": true, "score": 3, "profile": {"city": "Helsinki"}}
        ]
        """);
    Files.writeString(project.resolve("db/posts.schema.json"), """
        {"kind": "collection", "fields": {
          "id": {"type": "string", "required": true},
          "userId": {"type": "string", "required": true, "relation": {"to": "users"}},
          "title": {"type": "string", "required": true},
          "views": {"type": "integer"},
          "createdAt": {"type": "datetime"}
        }, "seed": [
          {"id": "p_1", "userId": "u_1", "title": "Engines", "views": 100, "createdAt": "2024-01-02T03:04:05Z"},
          {"id": "p_2", "userId": "u_1", "title": "Notes", "views": 5, "createdAt": "2024-02-01T00:00:00Z"},
          {"id": "p_3", "userId": "u_2", "title": "Compilers", "views": 50}
        ]}
        """);
    Files.writeString(project.resolve("db/auditEvents.json"), "[{\"id\": \"e1\", \"type\": \"login\"}]");
    Files.writeString(project.resolve("db/settings.json"), "{\"theme\": \"dark\", \"itemsPerPage\": 20, \"features\": {\"beta\": true}}");
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:asyncdb:" + project);
  }

  private static List<List<Object>> rows(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<List<Object>> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(rs.getObject(i));
          }
          out.add(row);
        }
        return out;
      }
    }
  }

  @Test
  void selectAllKeepsInsertionOrderAndTypes() throws Exception {
    try (Connection c = connect()) {
      assertThat(rows(c, "select id, name, active, score from users"))
          .containsExactly(List.of("u_1", "Ada", true, 10L), List.of("u_2", "Grace", false, 7L), List.of("u_3", "Linus", true, 3L));
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from posts where id = 'p_1'")) {
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnName(1)).isEqualTo("id");
        assertThat(md.getColumnTypeName(md.getColumnCount() - 1)).startsWith("TIMESTAMP");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getTimestamp("createdAt").toInstant().toString()).isEqualTo("2024-01-02T03:04:05Z");
        assertThat(rs.getString("_record")).contains("\"title\":\"Engines\"");
      }
    }
  }

  @Test
  void keyLookupsWithLiteralsParametersAndInLists() throws Exception {
    try (Connection c = connect()) {
      assertThat(rows(c, "select name from users where id = ?", "u_2")).containsExactly(List.of("Grace"));
      assertThat(rows(c, "select name from users where id = 'nope'")).isEmpty();
      assertThat(rows(c, "select name from users where id in ('u_3', 'u_1') order by name")).containsExactly(List.of("Ada"), List.of("Linus"));
      assertThat(rows(c, "select name from users where id = ? and active = true", "u_2")).isEmpty();
    }
  }

  @Test
  void filtersJoinsAggregatesAndWindows() throws Exception {
    try (Connection c = connect()) {
      assertThat(rows(c, "select name from users where score > 5 and role <> 'admin'")).containsExactly(List.of("Grace"));
      assertThat(rows(c, "select u.name, count(*), sum(p.views) from users u join posts p on p.userId = u.id group by u.name order by u.name"))
          .containsExactly(List.of("Ada", 2L, 105L), List.of("Grace", 1L, 50L));
      assertThat(rows(c, "select name from users where id not in (select userId from posts)")).containsExactly(List.of("Linus"));
      assertThat(rows(c, "select id, row_number() over (order by views desc) from posts"))
          .containsExactlyInAnyOrder(List.of("p_1", 1L), List.of("p_3", 2L), List.of("p_2", 3L));
      assertThat(rows(c, "select count(*) from posts where createdAt is null")).containsExactly(List.of(1L));
      assertThat(rows(c, "select id from posts where createdAt > TIMESTAMP '2024-01-15 00:00:00'")).containsExactly(List.of("p_2"));
      assertThat(rows(c, "select id from posts where createdAt <= TIMESTAMP '2024-01-02 03:04:05' or createdAt is null order by id"))
          .containsExactly(List.of("p_1"), List.of("p_3"));
      assertThat(rows(c, "select id from posts where cast(createdAt as date) = DATE '2024-02-01'")).containsExactly(List.of("p_2"));
    }
  }

  @Test
  void nestedValuesAreJsonTextUsableWithJsonFunctions() throws Exception {
    try (Connection c = connect()) {
      assertThat(rows(c, "select json_value(profile, '$.city') from users where id = 'u_1'")).containsExactly(List.of("London"));
      assertThat(rows(c, "select profile from users where id = 'u_2'")).containsExactly(List.of("{\"city\":\"Arlington\"}"));
    }
  }

  @Test
  void documentsAreOneRowTables() throws Exception {
    try (Connection c = connect()) {
      assertThat(rows(c, "select theme, itemsPerPage, features from settings")).containsExactly(List.of("dark", 20L, "{\"beta\":true}"));
    }
  }

  @Test
  void unquotedIdentifiersMatchCaseInsensitively() throws Exception {
    try (Connection c = connect()) {
      assertThat(rows(c, "select ID, TYPE from AUDITEVENTS")).containsExactly(List.of("e1", "login"));
      assertThat(rows(c, "select \"type\" from \"auditEvents\"")).containsExactly(List.of("login"));
    }
  }

  @Test
  void explainShowsTheTableScan() throws Exception {
    try (Connection c = connect()) {
      String plan = rows(c, "explain plan for select name from users where id = 'u_1'").get(0).get(0).toString();
      assertThat(plan).contains("users");
    }
  }

  @Test
  void unknownPropertiesAndTablesAreClearErrors() throws Exception {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:asyncdb:" + project + ";model=inline:{}"))
        .isInstanceOf(SQLException.class).hasMessageContaining("Unknown connection property \"model\"");
    try (Connection c = connect()) {
      assertThatThrownBy(() -> rows(c, "select * from user")).isInstanceOf(SQLException.class).hasMessageContaining("user");
    }
  }

  @Test
  void adHocStatementsThatDifferInLiteralsShareAPlanButNeverAResultSet() throws Exception {
    try (Connection c = connect(); Statement a = c.createStatement(); Statement b = c.createStatement()) {
      try (ResultSet ra = a.executeQuery("select name from users where score >= 7 order by name");
           ResultSet rb = b.executeQuery("select name from users where score >= 3 order by name")) {
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        while (rb.next()) {
          right.add(rb.getString(1));
          if (ra.next()) {
            left.add(ra.getString(1));
          }
        }
        assertThat(left).containsExactly("Ada", "Grace");
        assertThat(right).containsExactly("Ada", "Grace", "Linus");
      }
      for (String id : List.of("u_1", "u_2", "u_3", "nope")) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id from users where id = '" + id + "'")) {
          assertThat(rs.next()).isEqualTo(!id.equals("nope"));
          if (!id.equals("nope")) {
            assertThat(rs.getString(1)).isEqualTo(id);
          }
        }
      }
    }
  }

  @Test
  void planCacheReusesPreparedPlansForATemplate() throws Exception {
    try (Connection raw = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:", new java.util.Properties())) {
      PlanCache cache = new PlanCache(raw);
      PreparedStatement first = cache.checkout("select ? + 1 from (values (1))".replace("?", "cast(? as integer)"));
      cache.release("select cast(? as integer) + 1 from (values (1))", first);
      assertThat(cache.checkout("select cast(? as integer) + 1 from (values (1))")).isSameAs(first);
      assertThat(cache.checkout("select cast(? as integer) + 1 from (values (1))")).isNotSameAs(first);
      assertThat(cache.checkout("this is not sql ?")).isNull();
    }
  }

  @Test
  void adHocQueriesAreEachPlannedOnceWithOrWithoutLiteralsToTakeOut() throws Exception {
    AtomicInteger plannings = new AtomicInteger();
    // These counts are native statements (no plan at all); the plan cache is what is tested here.
    System.setProperty(NativeQuery.ENABLED_PROPERTY, "false");
    try (Connection c = connect(); Statement s = c.createStatement();
         Hook.Closeable counting = Hook.PLANNER.addThread((java.util.function.Consumer<Object>) planner -> plannings.incrementAndGet())) {
      for (String sql : List.of("select count(*) from users", "select count(*) from users where id <> 'u_9'",
          "select count(*) from users where id <> 'u_8'", "select count(*) from users", "select count(*) from users where id <> 'u_7'")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isPositive();
        }
      }
      assertThat(plannings.get()).as("one plan for the query without literals, one for the template of the others").isEqualTo(2);
    } finally {
      System.clearProperty(NativeQuery.ENABLED_PROPERTY);
    }
  }

  @Test
  void aFolderDeletedAndCreatedAgainIsANewProject(@TempDir Path other) throws Exception {
    Path dir = other.resolve("p");
    Files.createDirectories(dir.resolve("db"));
    Files.writeString(dir.resolve("db/things.json"), "[{\"id\": \"old\"}]");
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + dir)) {
      assertThat(rows(c, "select id from things")).containsExactly(List.of("old"));
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Files.createDirectories(dir.resolve("db"));
    Files.writeString(dir.resolve("db/things.json"), "[{\"id\": \"fresh\"}]");
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + dir)) {
      assertThat(rows(c, "select id from things")).containsExactly(List.of("fresh"));
    }
  }

  @Test
  void twoConnectionsShareOneEngine() throws Exception {
    try (Connection a = connect(); Connection b = DriverManager.getConnection("jdbc:asyncdb:" + project + ";readOnly=true")) {
      assertThat(rows(a, "select count(*) from users")).isEqualTo(rows(b, "select count(*) from users"));
      assertThat(b.isReadOnly()).isTrue();
    }
  }
}
