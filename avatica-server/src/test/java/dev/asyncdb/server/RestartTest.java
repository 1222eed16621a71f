package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop closes every client connection; clients are told so plainly, and a restarted server serves the same data. */
class RestartTest {
  @TempDir
  Path tmp;

  @Test
  void clientsOfAStoppedServerGetAConnectionErrorAndARestartedOneServesAgain() throws Exception {
    ServerConfig config = ServerConfig.forProject(Projects.copy("data-first", tmp)).withPort(0);
    AsyncDbServer first = AsyncDbServer.start(config);
    int port = first.port();
    Connection old = DriverManager.getConnection(first.jdbcUrl());
    assertThat(RemoteQueryTest.column(old, "select count(*) from users")).containsExactly("2");
    first.close();
    first.close();
    assertThat(first.openConnections()).as("stopping closed the client's connection").isZero();
    assertThatThrownBy(() -> RemoteQueryTest.column(old, "select count(*) from users"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Lost the Async DB server at http://127.0.0.1:" + port)
        .hasMessageContaining("Connection refused")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));

    try (AsyncDbServer second = AsyncDbServer.start(config.withPort(port))) {
      assertThatThrownBy(() -> RemoteQueryTest.column(old, "select count(*) from users"))
          .as("the old connection does not exist on the new server")
          .hasMessageContaining("no longer has this connection")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
      try (Connection fresh = DriverManager.getConnection(second.jdbcUrl())) {
        assertThat(RemoteQueryTest.column(fresh, "select name from users order by id")).containsExactly("Ada Lovelace", "Grace Hopper");
      }
    }
  }

  @Test
  void aServedProjectTellsAWouldBeSecondWriterToConnectThroughTheServer() throws Exception {
    Path project = Projects.copy("data-first", tmp);
    try (AsyncDbServer server = AsyncDbServer.start(ServerConfig.forProject(project).withPort(0))) {
      assertThatThrownBy(() -> dev.asyncdb.engine.AsyncDb.open(project)).satisfies(e -> {
        dev.asyncdb.engine.DbException d = (dev.asyncdb.engine.DbException) e;
        assertThat(d.code()).isEqualTo("DB_LOCKED");
        assertThat(d.getMessage()).contains("serving it at http://127.0.0.1:" + server.port());
        assertThat(d.hint()).contains("jdbc:asyncdb:remote:http://127.0.0.1:" + server.port());
      });
    }
    // Stopped: the project is free again.
    try (dev.asyncdb.engine.AsyncDb db = dev.asyncdb.engine.AsyncDb.open(project)) {
      assertThat(db.collection("users").count()).isEqualTo(2);
    }
  }

  @Test
  void aServerThatIsNotRunningIsReportedWithWhatToCheck() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:asyncdb:remote:http://127.0.0.1:" + freePort()))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Could not reach the Async DB server at http://127.0.0.1:")
        .hasMessageContaining("async-db serve is running")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:asyncdb:remote:localhost:8765"))
        .hasMessageContaining("Malformed remote address \"localhost:8765\"")
        .hasMessageContaining("jdbc:asyncdb:remote:http://host:port");
  }

  private static int freePort() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
