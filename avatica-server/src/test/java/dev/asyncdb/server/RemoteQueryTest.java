package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server on an ephemeral port, used by real clients: the {@code jdbc:asyncdb:remote:}
 * driver, Avatica's own remote driver, and plain HTTP with Avatica's JSON (what a non-Java client sends).
 */
class RemoteQueryTest {
  @TempDir
  static Path tmp;
  static AsyncDbServer server;

  @BeforeAll
  static void start() {
    server = AsyncDbServer.start(ServerConfig.forProject(Projects.copy("data-first", tmp)).withPort(0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<String> column(Connection c, String sql, Object... params) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  @Test
  void statementsAndReusedPreparedStatementsWithParameters() throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, name, role from users order by id")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("name")).isEqualTo("Ada Lovelace");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(3)).isEqualTo("user");
        assertThat(rs.next()).isFalse();
      }
      try (PreparedStatement ps = c.prepareStatement("select title, published from posts where authorId = ?")) {
        for (String[] expected : new String[][] {{"u_1", "Notes on analytical engines", "true"}, {"u_2", "Debugging at sea", "false"}}) {
          ps.setString(1, expected[0]);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(expected[1]);
            assertThat(rs.getBoolean(2)).isEqualTo(Boolean.parseBoolean(expected[2]));
            assertThat(rs.next()).isFalse();
          }
        }
      }
      assertThat(column(c, "select u.name from users u join posts p on p.authorId = u.id where p.published = ?", true)).containsExactly("Ada Lovelace");
    }
  }

  @Test
  void metadataListsTablesColumnsAndKeys() throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      DatabaseMetaData meta = c.getMetaData();
      assertThat(meta.getDatabaseProductName()).isEqualTo("Async DB");
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, "db", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("posts", "settings", "users");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(null, "db", "users", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
        }
      }
      assertThat(columns).contains("id VARCHAR", "name VARCHAR", "email VARCHAR", "role VARCHAR");
      // Avatica's protocol has no call for keys; the driver asks the server's meta schema instead.
      try (ResultSet rs = meta.getPrimaryKeys(null, "db", "users")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
      }
    }
  }

  /** Tools decide how to look names up from these answers (sqlline upper-cased table names when remote said "upper case"). */
  @Test
  void remoteMetadataAnswersLikeEmbeddedMetadata() throws Exception {
    try (Connection remote = DriverManager.getConnection(server.jdbcUrl() + ";user=;password=");
        Connection embedded = DriverManager.getConnection(HostedProject.url(server.config().projects().values().iterator().next()))) {
      DatabaseMetaData r = remote.getMetaData();
      DatabaseMetaData e = embedded.getMetaData();
      for (Method m : DatabaseMetaData.class.getMethods()) {
        if (m.getParameterCount() == 0 && m.getReturnType() == boolean.class) {
          assertThat(m.invoke(r)).as(m.getName()).isEqualTo(m.invoke(e));
        }
      }
      assertThat(r.getURL()).isEqualTo(server.jdbcUrl());
      try (ResultSet rs = r.getColumns(remote.getCatalog(), null, "%users%", "%")) {
        assertThat(rs.next()).as("columns found by a pattern as sqlline sends it").isTrue();
      }
    }
  }

  @Test
  void errorsKeepTheirSqlStateAndMessageAcrossTheWire() throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("select * from userz"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Table 'userz' not found. Did you mean 'users'?")
          .hasMessageNotContaining("\tat ")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42S02"));
      assertThatThrownBy(() -> s.executeQuery("select nme from users"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42S22"))
          .hasMessageContaining("Did you mean 'name'?");
      // The connection stays usable after errors.
      assertThat(column(c, "select count(*) from users")).containsExactly("2");
    }
  }

  @Test
  void avaticasOwnRemoteDriverWorksToo() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf")) {
      assertThat(column(c, "select name from users where id = ?", "u_2")).containsExactly("Grace Hopper");
    }
  }

  @Test
  void twoClientsAtOnceEachSeeTheirOwnResults() throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (String id : new String[] {"u_1", "u_2"}) {
        Callable<List<String>> client = () -> {
          List<String> seen = new ArrayList<>();
          try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
            together.await();
            for (int i = 0; i < 50; i++) {
              seen.addAll(column(c, "select name from users where id = ?", id));
            }
          }
          return seen;
        };
        results.add(pool.submit(client));
      }
      assertThat(results.get(0).get()).hasSize(50).containsOnly("Ada Lovelace");
      assertThat(results.get(1).get()).hasSize(50).containsOnly("Grace Hopper");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void jsonOverPlainHttpForClientsWithoutJava() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String id = "json-client-1";
    assertThat(json(http, "{\"request\":\"openConnection\",\"connectionId\":\"" + id + "\"}")).contains("\"response\":\"openConnection\"");
    String statement = json(http, "{\"request\":\"createStatement\",\"connectionId\":\"" + id + "\"}");
    String statementId = statement.replaceAll(".*\"statementId\":(\\d+).*", "$1");
    // No maxRowsInFirstFrame, as a hand-written client easily sends: stock Avatica would answer "no rows, done".
    String result = json(http, "{\"request\":\"prepareAndExecute\",\"connectionId\":\"" + id + "\",\"statementId\":" + statementId
        + ",\"sql\":\"select name from users order by id\",\"maxRowsTotal\":-1}");
    assertThat(result).contains("\"rows\":[[\"Ada Lovelace\"],[\"Grace Hopper\"]]");
    assertThat(json(http, "{\"request\":\"closeConnection\",\"connectionId\":\"" + id + "\"}")).contains("closeConnection");
  }

  @Test
  void healthAnswersWithoutAConnection() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}\n");
  }

  private static String json(HttpClient http, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/json")).POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
