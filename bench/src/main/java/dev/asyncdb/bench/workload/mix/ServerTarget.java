package dev.asyncdb.bench.workload.mix;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.Limits;
import dev.asyncdb.server.ServerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

/**
 * Async DB through the server of {@code async-db serve}, started in the harness JVM on ephemeral
 * 127.0.0.1 ports over a project of its own, reached over Avatica ({@code jdbc:asyncdb:remote:},
 * protobuf over HTTP) or over its REST port. No statement timeout, like the other targets; the
 * insert table is counted over Avatica either way.
 */
public final class ServerTarget implements LoadTarget {

  /** How the clients reach the server. */
  public enum Protocol { AVATICA, REST }

  private final Path project;
  private final Dataset app;
  private final Path insertsSchema;
  private final Protocol protocol;
  private AsyncDbServer server;
  private Connection holder;

  public ServerTarget(Path project, Dataset app, Path insertsSchema, Protocol protocol) {
    this.project = project;
    this.app = app;
    this.insertsSchema = insertsSchema;
    this.protocol = protocol;
  }

  @Override
  public String name() {
    return protocol == Protocol.AVATICA ? "Async DB (remote)" : "Async DB (REST)";
  }

  @Override
  public void open() throws Exception {
    LoadProject.create(project, app, insertsSchema);
    server = AsyncDbServer.start(ServerConfig.forProject(project).withPort(0).withRestPort(0)
        .withLimits(Limits.defaults().withStatementTimeout(Duration.ZERO)));
    holder = DriverManager.getConnection(server.jdbcUrl());
  }

  @Override
  public LoadClient client() throws Exception {
    return protocol == Protocol.AVATICA
        ? new JdbcLoadClient(DriverManager.getConnection(server.jdbcUrl()))
        : new RestLoadClient(server.restUrl());
  }

  @Override
  public long insertedRows() throws Exception {
    return LoadProject.countInserts(holder);
  }

  @Override
  public void close() throws Exception {
    try {
      if (holder != null) {
        holder.close();
        holder = null;
      }
    } finally {
      if (server != null) {
        server.close();
        server = null;
      }
    }
  }
}
