package dev.asyncdb.bench.workload.mix;

import dev.asyncdb.bench.data.Dataset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Async DB through the embedded driver {@code jdbc:asyncdb:<project>} in the harness JVM: the
 * same engine the server runs, without the wire. The connections of one JVM share one engine per
 * project; the target holds one connection for its whole life so that the engine stays open
 * between runs.
 */
public final class EmbeddedTarget implements LoadTarget {
  private final Path project;
  private final Dataset app;
  private final Path insertsSchema;
  private Connection holder;

  public EmbeddedTarget(Path project, Dataset app, Path insertsSchema) {
    this.project = project;
    this.app = app;
    this.insertsSchema = insertsSchema;
  }

  @Override
  public String name() {
    return "Async DB";
  }

  private String url() {
    return "jdbc:asyncdb:" + project.toAbsolutePath();
  }

  @Override
  public void open() throws Exception {
    LoadProject.create(project, app, insertsSchema);
    holder = DriverManager.getConnection(url());
  }

  @Override
  public LoadClient client() throws Exception {
    return new JdbcLoadClient(DriverManager.getConnection(url()));
  }

  @Override
  public long insertedRows() throws Exception {
    return LoadProject.countInserts(holder);
  }

  @Override
  public void close() throws Exception {
    if (holder != null) {
      holder.close();
      holder = null;
    }
  }
}
