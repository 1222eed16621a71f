package dev.asyncdb.bench.workload.mix;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.data.DatasetTable;
import dev.asyncdb.bench.engine.Dialect;
import dev.asyncdb.bench.engine.JdbcTableLoader;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/**
 * PostgreSQL through pgjdbc, serving the same posts: a schema ({@value #SCHEMA} in the harness) holds {@code posts}
 * with the same columns and primary key, loaded from the dataset's JSON with batched inserts, and
 * an index on {@code createdAt}, the range column. The loaded table is kept and reused while its
 * comment names the same dataset file (a rerun does not load 1M rows again); the insert table is
 * made empty for every run. Clients reach the schema through pgjdbc's {@code currentSchema}, so
 * they send the same SQL text as the Async DB clients.
 */
public final class PostgresTarget implements LoadTarget {
  public static final String SCHEMA = "bench_w11";

  private final String url;
  private final String schema;
  private final Dataset app;
  private final PrintStream log;
  private Connection holder;

  /** The target on the server at {@code url}, in {@code schema} (created when missing). */
  public PostgresTarget(String url, String schema, Dataset app, PrintStream log) {
    this.url = url;
    this.schema = schema;
    this.app = app;
    this.log = log;
  }

  @Override
  public String name() {
    return "PostgreSQL";
  }

  private Connection connect(boolean batchLoad) throws SQLException {
    Properties p = new Properties();
    p.setProperty("currentSchema", schema);
    if (batchLoad) {
      p.setProperty("reWriteBatchedInserts", "true");
    }
    return DriverManager.getConnection(url, p);
  }

  @Override
  public void open() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
    }
    DatasetTable posts = app.table("posts");
    String marker = marker(posts);
    holder = connect(false);
    if (!marker.equals(loadedMarker())) {
      long start = System.nanoTime();
      try (Connection loader = connect(true); Statement s = loader.createStatement()) {
        s.execute("DROP TABLE IF EXISTS posts");
        JdbcTableLoader.load(loader, Dialect.ANSI, posts);
        s.execute("CREATE INDEX posts_created_at ON posts (createdAt)");
        s.execute("ANALYZE posts");
        s.execute("COMMENT ON TABLE posts IS '" + marker.replace("'", "''") + "'");
      }
      log.printf(Locale.ROOT, "[W11] PostgreSQL: loaded %,d posts into %s.posts with an index on createdAt in %.1f s%n",
          posts.rows(), schema, (System.nanoTime() - start) / 1e9);
    }
    LoadProject.createInserts(holder);
  }

  /** What the comment of a table loaded from {@code posts} says. */
  private static String marker(DatasetTable posts) {
    return "loaded by the bench harness from " + posts.file().getFileName() + ": " + posts.rows() + " rows, " + posts.bytes() + " bytes";
  }

  private String loadedMarker() throws SQLException {
    try (Statement s = holder.createStatement();
        ResultSet rs = s.executeQuery("SELECT obj_description(c.oid, 'pg_class') FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "' AND c.relname = 'posts'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  public LoadClient client() throws Exception {
    return new JdbcLoadClient(connect(false));
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
