package dev.asyncdb.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.DataContexts;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter on a plain Calcite connection: which conditions the scan takes, and their results. */
class AsyncDbSchemaTest {
  @TempDir
  static Path project;
  static AsyncDb db;
  static Connection connection;

  @BeforeAll
  static void open() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/users.json"), """
        [{"id": "u_1", "role": "admin", "score": 10, "joined": "2024-01-01T00:00:00Z"},
         {"id": "u_2", "role": "user", "score": 7, "joined": "2024-06-01T00:00:00Z"},
         {"id": "u_3", "role": "user", "score": null, "joined": "2025-01-01T00:00:00Z"}]
        """);
    db = AsyncDb.open(project);
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    connection = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:", p);
    connection.unwrap(CalciteConnection.class).getRootSchema().add("db", new AsyncDbSchema(db));
    connection.setSchema("db");
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
    db.close();
  }

  private static List<String> column(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String plan(String sql) throws Exception {
    return String.join("\n", column("explain plan for " + sql));
  }

  @Test
  void keyEqualityAndComparisonsArePushedIntoTheScan() throws Exception {
    assertThat(plan("select role from users where id = 'u_2'")).contains("filters=[[=($0, 'u_2')]]").doesNotContain("EnumerableCalc(expr#0");
    assertThat(plan("select id from users where score > 5 and role = 'admin'")).contains("filters=[[");
    assertThat(column("select role from users where id = 'u_2'")).containsExactly("user");
    assertThat(column("select id from users where score > 5 and role = 'admin'")).containsExactly("u_1");
    assertThat(column("select id from users where score is null")).containsExactly("u_3");
    assertThat(column("select id from users where id in ('u_3', 'u_1', 'nope')")).containsExactlyInAnyOrder("u_1", "u_3");
    // Data-first date-times are strings (no datetime inference, as in the original): they compare as text.
    assertThat(column("select id from users where joined >= '2024-06'")).containsExactly("u_2", "u_3");
  }

  @Test
  void conditionsTheScanCannotTakeAreLeftToCalcite() throws Exception {
    assertThat(plan("select id from users where upper(role) = 'USER'")).contains("UPPER");
    assertThat(column("select id from users where upper(role) = 'USER' and score < 100")).containsExactly("u_2");
  }

  @Test
  void aQuerySeesTheVersionItStartedWith() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select id from users")) {
      assertThat(rs.next()).isTrue();
      db.collection("users").delete("u_3");
      List<String> rest = new ArrayList<>();
      while (rs.next()) {
        rest.add(rs.getString(1));
      }
      assertThat(rest).containsExactly("u_2", "u_3");
    } finally {
      db.collection("users").create(java.util.Map.of("id", "u_3", "role", "user", "joined", "2025-01-01T00:00:00Z"));
    }
  }

  @Test
  void aRaisedStatementOrConnectionCancelFlagStopsTheScanAtItsNextRow() {
    AtomicBoolean statement = new AtomicBoolean();
    AsyncDbSchema schema = new AsyncDbSchema(db);
    CollectionTable users = (CollectionTable) schema.tables().get("users");
    DataContext context = DataContexts.of(Map.of(DataContext.Variable.CANCEL_FLAG.camelName, statement));
    Enumerator<Object[]> rows = users.scan(context, new ArrayList<>(), null).enumerator();
    assertThat(rows.moveNext()).isTrue();
    statement.set(true);
    assertThatThrownBy(rows::moveNext).isInstanceOf(CancellationException.class).hasMessageContaining("cancelled while scanning users");

    statement.set(false);
    Enumerator<Object[]> again = users.scan(context, new ArrayList<>(), null).enumerator();
    assertThat(again.moveNext()).isTrue();
    schema.cancelFlag().set(true);
    assertThatThrownBy(again::moveNext).isInstanceOf(CancellationException.class);
    schema.cancelFlag().set(false);
    assertThat(again.moveNext()).as("lowered, scans go on").isTrue();
  }

  @Test
  void columnarAggregatesAndTopNStopWhenTheConnectionIsCancelled() throws Exception {
    AsyncDbSchema schema = new AsyncDbSchema(db);
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    try (Connection c = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:", p)) {
      c.unwrap(CalciteConnection.class).getRootSchema().add("db", schema);
      c.setSchema("db");
      List<String> queries = List.of("select role, count(*) from users group by role",
          "select id from users where score is not null order by score desc limit 1");
      try (Statement s = c.createStatement()) {
        for (String q : queries) {
          try (ResultSet rs = s.executeQuery("explain plan for " + q)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).containsPattern("Columnar(Aggregate|TopN)");
          }
        }
        schema.cancelFlag().set(true);
        for (String q : queries) {
          assertThatThrownBy(() -> s.executeQuery(q).next()).hasRootCauseInstanceOf(CancellationException.class)
              .hasStackTraceContaining("cancelled while scanning users");
        }
        schema.cancelFlag().set(false);
        try (ResultSet rs = s.executeQuery(queries.get(1))) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("u_1");
        }
      }
    }
  }
}
