package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cancel request of a remote statement sends, and what its caller is told when the other
 * side is not an Async DB server that accepts it. The real server's answers are tested with the
 * server (avatica-server's RemoteCancelTest); here a plain JDK HTTP server on 127.0.0.1 answers.
 */
class RemoteCancelTest {
  @TempDir
  Path tmp;
  private HttpServer http;
  private final List<String> received = new ArrayList<>();
  private int status = 200;
  private String answer = "{\"cancelled\":true}";

  @BeforeEach
  void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization")
          + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    http.start();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  private String server() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @Test
  void postsTheIdsWithTheConnectionsCredentials() throws Exception {
    new RemoteCancel(server() + "/", "ada", "p:w", null, null).cancel("c-1", 7);
    new RemoteCancel(server(), null, null, null, null).cancel("c-2", 8);
    String basic = Base64.getEncoder().encodeToString("ada:p:w".getBytes(StandardCharsets.UTF_8));
    assertThat(received).containsExactly("POST /__db/cancel Basic " + basic + " {\"connectionId\":\"c-1\",\"statementId\":7}",
        "POST /__db/cancel null {\"connectionId\":\"c-2\",\"statementId\":8}");
  }

  @Test
  void anErrorEnvelopeBecomesItsMessageHintAndSqlState() {
    status = 404;
    answer = "{\"error\":{\"code\":\"CANCEL_UNKNOWN_CONNECTION\",\"message\":\"No connection c-1.\",\"hint\":\"It expired.\","
        + "\"details\":{\"sqlState\":\"08003\"}}}";
    assertThatThrownBy(() -> new RemoteCancel(server(), null, null, null, null).cancel("c-1", 1))
        .isInstanceOf(SQLException.class).hasMessage("No connection c-1. It expired.")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
    status = 405;
    answer = "{\"error\":{\"code\":\"CANCEL_METHOD_NOT_ALLOWED\",\"message\":\"Not allowed.\",\"details\":{}}}";
    assertThatThrownBy(() -> new RemoteCancel(server(), null, null, null, null).cancel("c-1", 1))
        .isInstanceOf(SQLException.class).hasMessage("Not allowed.")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HY000"));
  }

  @Test
  void aServerThatDoesNotKnowTheRequestIsNamed() {
    status = 500;
    answer = "not json";
    assertThatThrownBy(() -> new RemoteCancel(server(), null, null, null, null).cancel("c-1", 1))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Unexpected answer HTTP 500 from " + server() + " to the cancel request (/__db/cancel)")
        .hasMessageContaining("recent enough to cancel statements")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
  }

  @Test
  void tlsFailuresAndAnUnreadableTrustStoreAreNamed() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Answers the TLS client hello in plain HTTP, as a server without TLS does.
      Thread answering = new Thread(() -> {
        // Every connection the client opens (it may retry) gets the same plain answer.
        while (!plain.isClosed()) {
          try (Socket client = plain.accept()) {
            // Answer only once the client hello arrived, and keep the socket open until the client gives up:
            // closing early would make the client see a closed connection instead of a failed handshake.
            client.getInputStream().read();
            client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            client.setSoTimeout(10_000);
            client.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
          } catch (IOException e) {
            // The server socket closed (end of the test) or the client hung up.
          }
        }
      });
      answering.setDaemon(true); // ends when the server socket closes with this block
      answering.start();
      String toPlain = "https://127.0.0.1:" + plain.getLocalPort();
      // The JDK's HTTP client reports a plain-HTTP peer either as a failed handshake or, depending on
      // timing, as a connection that ended before any answer; both must name the request and the server.
      assertThatThrownBy(() -> new RemoteCancel(toPlain, null, null, null, null).cancel("c-1", 1))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> {
            SQLException sql = (SQLException) e;
            if ("08001".equals(sql.getSQLState())) {
              assertThat(sql.getMessage()).contains("The cancel request to " + toPlain + " failed in the TLS handshake");
            } else {
              assertThat(sql.getSQLState()).isEqualTo("08006");
              assertThat(sql.getMessage()).contains("Could not send the cancel request to the Async DB server at " + toPlain)
                  .contains("statement timeout");
            }
          });
    }
    String https = "https://127.0.0.1:" + http.getAddress().getPort();
    Path missing = tmp.resolve("missing.p12");
    assertThatThrownBy(() -> new RemoteCancel(https, null, null, missing.toString(), "x").cancel("c-1", 1))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Cannot use trust store " + missing + " for the cancel request")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
  }

  @Test
  void anInterruptedCancelSaysTheStatementMayStillRun() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> new RemoteCancel(server(), null, null, null, null).cancel("c-1", 1))
          .isInstanceOf(SQLException.class).hasMessageContaining("Interrupted while sending the cancel request")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HY008"));
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
