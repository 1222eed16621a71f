package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits and faults: too many connections, vanished clients, oversized and malformed requests, runaway statements. */
class LimitsTest {
  @TempDir
  Path tmp;

  private AsyncDbServer start(Path project, Limits limits) {
    return AsyncDbServer.start(ServerConfig.forProject(project).withPort(0).withLimits(limits));
  }

  @Test
  void oneConnectionOverTheLimitIsRefusedUntilAnotherCloses() throws Exception {
    try (AsyncDbServer server = start(Projects.copy("data-first", tmp), Limits.defaults().withMaxConnections(2));
        Connection first = DriverManager.getConnection(server.jdbcUrl());
        Connection second = DriverManager.getConnection(server.jdbcUrl())) {
      assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl()))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("The server has 2 open connections, its limit (--max-connections)")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08004"));
      assertThat(RemoteQueryTest.column(first, "select count(*) from users")).as("open connections keep working").containsExactly("2");
      second.close();
      try (Connection third = DriverManager.getConnection(server.jdbcUrl())) {
        assertThat(RemoteQueryTest.column(third, "select count(*) from posts")).containsExactly("2");
      }
    }
  }

  @Test
  void aClientThatVanishesMidResultIsClosedWhenIdleAndOthersCarryOn() throws Exception {
    try (AsyncDbServer server = start(Projects.items(tmp, 1000), Limits.defaults().withIdleTimeout(Duration.ofSeconds(1)))) {
      Connection vanished = DriverManager.getConnection(server.jdbcUrl());
      Statement s = vanished.createStatement();
      s.setFetchSize(10);
      ResultSet rs = s.executeQuery("select id from items");
      assertThat(rs.next()).isTrue();
      assertThat(server.openConnections()).isEqualTo(1);
      // The client stops talking mid-result, holding a cursor, and never closes anything.
      await("the idle connection is closed", () -> server.openConnections() == 0);
      try (Connection other = DriverManager.getConnection(server.jdbcUrl())) {
        assertThat(RemoteQueryTest.column(other, "select count(*) from items")).containsExactly("1000");
      }
      assertThatThrownBy(() -> {
        while (rs.next()) {
          // Reads the rest of the first frame, then asks the server for more.
        }
      }).isInstanceOf(SQLException.class)
          .hasMessageContaining("no longer has this connection: it was idle longer than the server's idle timeout")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
    }
  }

  @Test
  void framesAreCappedWhateverTheClientAsks() throws Exception {
    try (AsyncDbServer server = start(Projects.items(tmp, 250), Limits.defaults().withMaxFrameRows(100))) {
      HttpClient http = HttpClient.newHttpClient();
      post(http, server, "/json", "{\"request\":\"openConnection\",\"connectionId\":\"c\"}");
      String statementId = post(http, server, "/json", "{\"request\":\"createStatement\",\"connectionId\":\"c\"}").body()
          .replaceAll(".*\"statementId\":(\\d+).*", "$1");
      String all = post(http, server, "/json", "{\"request\":\"prepareAndExecute\",\"connectionId\":\"c\",\"statementId\":" + statementId
          + ",\"sql\":\"select id from items\",\"maxRowsTotal\":-1,\"maxRowsInFirstFrame\":-2}").body();
      assertThat(all.split("\\[\"i", -1)).as("rows in the first frame").hasSize(101);
      assertThat(all).contains("\"done\":false");
      try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
        s.setFetchSize(Integer.MAX_VALUE);
        try (ResultSet rs = s.executeQuery("select id from items")) {
          int rows = 0;
          while (rs.next()) {
            rows++;
          }
          assertThat(rows).as("every row still arrives, in capped frames").isEqualTo(250);
        }
      }
    }
  }

  @Test
  void anOversizedRequestIsRefusedWith54000AndTheServerStaysUp() throws Exception {
    try (AsyncDbServer server = start(Projects.copy("data-first", tmp), Limits.defaults().withMaxRequestBytes(2000));
        Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      String big = "select count(*) from users where name <> '" + "x".repeat(3000) + "'";
      assertThatThrownBy(() -> s.executeQuery(big))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("more than the server's limit of 2000 (--max-request-bytes)")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("54000"));
      assertThat(RemoteQueryTest.column(c, "select count(*) from users")).containsExactly("2");
      HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/json"))
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> InputStream.nullInputStream())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(chunked.body()).contains("does not declare its length").contains("54000");
    }
  }

  @Test
  void malformedAndTruncatedRequestsGetErrorsAndTheServerStaysUp() throws Exception {
    try (AsyncDbServer server = start(Projects.copy("data-first", tmp), Limits.defaults())) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(URI.create(server.url()))
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0x01, 0x02, 0x7f})).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(garbage.statusCode()).isEqualTo(500);
      HttpResponse<String> badJson = post(http, server, "/json", "{\"request\":");
      assertThat(badJson.statusCode()).isEqualTo(500);
      // A client that promises 1000 bytes, sends ten and hangs up.
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
        assertThat(RemoteQueryTest.column(c, "select count(*) from users")).containsExactly("2");
      }
    }
  }

  @Test
  void aRunawayStatementIsCancelledWith57014AndTheConnectionStaysUsable() throws Exception {
    try (AsyncDbServer server = start(Projects.items(tmp, 2000), Limits.defaults().withStatementTimeout(Duration.ofSeconds(1)));
        Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      // The second runs on a statement the driver's plan cache lends (it has a literal); both are stopped.
      for (String runaway : new String[] {"select count(*) from items a, items b, items c", "select count(*) from items a, items b, items c where a.n >= 0"}) {
        assertThatThrownBy(() -> s.executeQuery(runaway))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("ran longer than the server's statement timeout of 1s and was cancelled")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      }
      try (ResultSet rs = s.executeQuery("select count(*) from items")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2000);
      }
    }
  }

  private static HttpResponse<String> post(HttpClient http, AsyncDbServer server, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Waits for something the server does in the background; the bound only keeps a broken build from hanging. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant limit = Instant.now().plus(Duration.ofMinutes(1));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting until " + what).isBefore(limit);
      Thread.sleep(50);
    }
  }
}
