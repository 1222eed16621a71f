package dev.asyncdb.bench.engine;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.Limits;
import dev.asyncdb.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Async DB through its server: the server of {@code async-db serve}, started in this JVM on an
 * ephemeral 127.0.0.1 port over a fresh project like {@link AsyncDbEngine}'s (a folder of its
 * own), and SQL through {@code jdbc:asyncdb:remote:} — Avatica protobuf over loopback HTTP. Its
 * figures against the embedded engine's are the cost of the wire. No statement timeout, so that
 * both run the same work.
 */
public final class AsyncDbRemoteEngine implements Engine {

  private final Path scratch;
  private AsyncDbServer server;
  private Connection connection;

  public AsyncDbRemoteEngine(Path scratch) {
    this.scratch = scratch;
  }

  @Override
  public String name() {
    return "Async DB (remote)";
  }

  @Override
  public String setup() {
    return "the same project served by async-db serve's server in the harness JVM on 127.0.0.1 (ephemeral port, no"
        + " authentication, no statement timeout); SQL through jdbc:asyncdb:remote: (Avatica protobuf over HTTP)";
  }

  @Override
  public Dialect dialect() {
    return Dialect.ANSI;
  }

  @Override
  public String version() {
    return "Async DB " + AsyncDb.version() + " over Avatica";
  }

  @Override
  public void open(Dataset dataset) throws IOException {
    Path project = AsyncDbEngine.freshProject(scratch.resolve("asyncdb-remote-" + dataset.name()), dataset);
    server = AsyncDbServer.start(ServerConfig.forProject(project).withPort(0)
        .withLimits(Limits.defaults().withStatementTimeout(Duration.ZERO)));
  }

  @Override
  public Connection connection() throws SQLException {
    if (server == null) {
      throw new SQLException(name() + " is not open");
    }
    if (connection == null) {
      connection = DriverManager.getConnection(server.jdbcUrl());
    }
    return connection;
  }

  @Override
  public void close() throws SQLException {
    try {
      if (connection != null) {
        connection.close();
        connection = null;
      }
    } finally {
      if (server != null) {
        server.close();
        server = null;
      }
    }
  }
}
