package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.calcite.avatica.AvaticaStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Statement.cancel()} over {@code jdbc:asyncdb:remote:}: a runaway query stopped from
 * another thread, on a server hosting two projects with two users; who may cancel what, and what
 * {@code POST /__db/cancel} answers.
 */
class RemoteCancelTest {
  /** 2000³ rows to count: runs far longer than any test, so only a cancel or a timeout ends it. */
  private static final String RUNAWAY = "select count(*) from items a, items b, items c where a.n + b.n + c.n >= 0";

  @TempDir
  Path tmp;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** Projects {@code items} (2000 records) and {@code blog}; users ada and grace may use both. */
  private AsyncDbServer start(Limits limits) throws Exception {
    Path items = Projects.items(Files.createDirectories(tmp.resolve("a")), 2000);
    Path blog = Projects.copy("data-first", tmp);
    return AsyncDbServer.start(ServerConfig.forProjects(Map.of("items", items, "blog", blog)).withPort(0)
        .withUsers(Users.of("ada", "lovelace").with("grace", "hopper")).withLimits(limits));
  }

  private static Connection connect(AsyncDbServer server, String user, String password) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl("items"), user, password);
  }

  @Test
  void cancelFromAnotherThreadStopsTheRunningQueryWith57014AndTheConnectionCarriesOn() throws Exception {
    try (AsyncDbServer server = start(Limits.defaults()); Connection c = connect(server, "ada", "lovelace"); Statement s = c.createStatement()) {
      Future<ResultSet> running = pool.submit(() -> s.executeQuery(RUNAWAY));
      cancelUntilDone(s::cancel, running);
      assertCanceledByClient(running);
      assertThat(RemoteQueryTest.column(c, "select count(*) from items")).as("the next query on the connection").containsExactly("2000");
      try (ResultSet rs = s.executeQuery("select max(n) from items")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).as("the next query on the cancelled statement").isEqualTo(1999);
      }
      assertThat(server.openConnections("ada")).isEqualTo(1);
    }
  }

  @Test
  void aPreparedStatementCancelsToo() throws Exception {
    try (AsyncDbServer server = start(Limits.defaults()); Connection c = connect(server, "ada", "lovelace");
        PreparedStatement ps = c.prepareStatement("select count(*) from items a, items b, items c where a.n + b.n + c.n >= ?")) {
      ps.setInt(1, 0);
      Future<ResultSet> running = pool.submit(() -> ps.executeQuery());
      cancelUntilDone(ps::cancel, running);
      assertCanceledByClient(running);
      assertThat(RemoteQueryTest.column(c, "select count(*) from items where n >= ?", 1000)).containsExactly("1000");
    }
  }

  @Test
  void cancelWhenNothingRunsIsHarmless() throws Exception {
    try (AsyncDbServer server = start(Limits.defaults()); Connection c = connect(server, "ada", "lovelace"); Statement s = c.createStatement()) {
      s.cancel();
      try (ResultSet rs = s.executeQuery("select count(*) from items")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2000);
      }
      s.cancel();
      assertThat(RemoteQueryTest.column(c, "select count(*) from items where n < 10")).containsExactly("10");
      HttpResponse<String> idle = cancel(server, "ada", "lovelace", ids(s));
      assertThat(idle.statusCode()).isEqualTo(200);
      assertThat(idle.body()).contains("\"cancelled\":false").contains("runs nothing now");
      s.close();
      assertThatThrownBy(s::cancel).isInstanceOf(SQLException.class).hasMessageContaining("closed statement")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HY010"));
    }
  }

  /**
   * Grace forges a cancel of ada's running statement with its real ids: refused as if the
   * connection did not exist, and ada's query runs on until the statement timeout ends it — with the timeout's own message.
   */
  @Test
  void anotherUsersCancelIsRefusedAndTheQueryRunsOnUntilItsTimeout() throws Exception {
    try (AsyncDbServer server = start(Limits.defaults().withStatementTimeout(Duration.ofSeconds(3)));
        Connection c = connect(server, "ada", "lovelace"); Statement s = c.createStatement();
        Connection graces = connect(server, "grace", "hopper"); Statement hers = graces.createStatement()) {
      String adas = ids(s);
      Future<ResultSet> running = pool.submit(() -> s.executeQuery(RUNAWAY));
      cancelUntilDone(() -> {
        HttpResponse<String> forged = cancel(server, "grace", "hopper", adas);
        HttpResponse<String> unknown = cancel(server, "grace", "hopper", adas.replaceAll("\"connectionId\":\"[^\"]+\"", "\"connectionId\":\"nobody\""));
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(forged.body()).as("answered as a connection the server never had")
            .isEqualTo(unknown.body().replace("nobody", s.unwrap(AvaticaStatement.class).connection.id));
      }, running);
      assertThatThrownBy(running::get).isInstanceOf(ExecutionException.class).cause()
          .hasMessageContaining("ran longer than the server's statement timeout of 3s and was cancelled")
          .hasMessageNotContaining("canceled by its client")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      // Her own statement's id on ada's connection is no statement of that connection.
      HttpResponse<String> borrowed = cancel(server, "ada", "lovelace", ids(s).replaceAll("\"statementId\":\\d+",
          "\"statementId\":" + hers.unwrap(AvaticaStatement.class).handle.id));
      assertThat(borrowed.statusCode()).isEqualTo(404);
      assertThat(borrowed.body()).contains("CANCEL_UNKNOWN_STATEMENT");
      assertThat(RemoteQueryTest.column(c, "select count(*) from items")).containsExactly("2000");
    }
  }

  @Test
  void unknownIdsAre404AndMalformedRequestsAre400() throws Exception {
    try (AsyncDbServer server = start(Limits.defaults().withMaxRequestBytes(1000)); Connection c = connect(server, "ada", "lovelace");
        Statement s = c.createStatement()) {
      HttpResponse<String> noConnection = cancel(server, "ada", "lovelace", "{\"connectionId\":\"no-such-connection\",\"statementId\":1}");
      assertThat(noConnection.statusCode()).isEqualTo(404);
      assertThat(noConnection.body()).contains("CANCEL_UNKNOWN_CONNECTION").contains("no connection \\\"no-such-connection\\\"")
          .contains("\"sqlState\":\"08003\"");
      String connectionId = s.unwrap(AvaticaStatement.class).connection.id;
      HttpResponse<String> noStatement = cancel(server, "ada", "lovelace", "{\"connectionId\":\"" + connectionId + "\",\"statementId\":987654}");
      assertThat(noStatement.statusCode()).isEqualTo(404);
      assertThat(noStatement.body()).contains("CANCEL_UNKNOWN_STATEMENT").contains("has no statement 987654");
      for (String bad : new String[] {"[1]", "{\"statementId\":1}", "{\"connectionId\":\"" + connectionId + "\",\"statementId\":\"1\"}",
          "{\"connectionId\":\"" + connectionId + "\",\"statementId\":1.5}"}) {
        HttpResponse<String> r = cancel(server, "ada", "lovelace", bad);
        assertThat(r.statusCode()).as(bad).isEqualTo(400);
        assertThat(r.body()).as(bad).contains("CANCEL_INVALID_REQUEST");
      }
      assertThat(cancel(server, "ada", "lovelace", "{\"connectionId\":").body()).contains("REST_INVALID_JSON_BODY");
      HttpResponse<String> big = cancel(server, "ada", "lovelace", "{\"connectionId\":\"" + "x".repeat(2000) + "\",\"statementId\":1}");
      assertThat(big.statusCode()).isEqualTo(413);
      HttpResponse<String> get = http.send(request(server, "ada", "lovelace").GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(get.headers().firstValue("Allow")).hasValue("POST");
      HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/__db/cancel"))
          .POST(HttpRequest.BodyPublishers.ofString(ids(s))).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as("the endpoint is behind authentication").isEqualTo(401);
      assertThat(RemoteQueryTest.column(c, "select count(*) from items")).containsExactly("2000");
    }
  }

  @Test
  void cancellingOnAConnectionTheServerNoLongerHasOrOnAServerThatIsGoneSaysSo() throws Exception {
    AsyncDbServer server = start(Limits.defaults().withIdleTimeout(Duration.ofSeconds(1)));
    try {
      // Not closed: once the server is gone, closing would fail too.
      Statement s = connect(server, "ada", "lovelace").createStatement();
      Instant limit = Instant.now().plus(Duration.ofMinutes(1));
      while (server.openConnections() > 0) {
        assertThat(Instant.now()).as("waiting until the idle connection is closed").isBefore(limit);
        Thread.sleep(50);
      }
      assertThatThrownBy(s::cancel).isInstanceOf(SQLException.class)
          .hasMessageContaining("has no connection \"" + s.unwrap(AvaticaStatement.class).connection.id + "\"")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
      String url = server.url();
      server.close();
      assertThatThrownBy(s::cancel).isInstanceOf(SQLException.class)
          .hasMessageContaining("Could not send the cancel request to the Async DB server at " + url)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
    } finally {
      server.close();
    }
  }

  @Test
  void withoutUsersAnyClientMayCancelAndTheTimeoutStillHasItsOwnMessage() throws Exception {
    try (AsyncDbServer server = AsyncDbServer.start(ServerConfig.forProject(Projects.items(tmp, 2000)).withPort(0));
        Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      String ids = ids(s);
      Future<ResultSet> running = pool.submit(() -> s.executeQuery(RUNAWAY));
      cancelUntilDone(() -> assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/__db/cancel"))
          .POST(HttpRequest.BodyPublishers.ofString(ids)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200), running);
      assertCanceledByClient(running);
      assertThat(RemoteQueryTest.column(c, "select count(*) from items")).containsExactly("2000");
    }
  }

  /** Cancels again and again until the query ends: a cancel that arrives before the query runs cancels nothing. */
  private static void cancelUntilDone(Canceller cancel, Future<?> running) throws Exception {
    while (!running.isDone()) {
      cancel.run();
      Thread.sleep(20);
    }
  }

  @FunctionalInterface
  private interface Canceller {
    void run() throws Exception;
  }

  private static void assertCanceledByClient(Future<?> running) {
    assertThatThrownBy(running::get).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("The statement was canceled by its client (Statement.cancel())")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
  }

  /** The cancel request body naming {@code s} by its Avatica ids. */
  private static String ids(Statement s) throws SQLException {
    AvaticaStatement a = s.unwrap(AvaticaStatement.class);
    return "{\"connectionId\":\"" + a.connection.id + "\",\"statementId\":" + a.handle.id + "}";
  }

  private HttpRequest.Builder request(AsyncDbServer server, String user, String password) {
    return HttpRequest.newBuilder(URI.create(server.url() + "/__db/cancel")).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> cancel(AsyncDbServer server, String user, String password, String body) throws Exception {
    return http.send(request(server, user, password).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
