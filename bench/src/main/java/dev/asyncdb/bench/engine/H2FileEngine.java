package dev.asyncdb.bench.engine;

import dev.asyncdb.bench.data.FileTrees;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * H2 with its file store (MVStore), writing each commit to the file at once
 * ({@code WRITE_DELAY=0}). H2 has no setting to fsync each commit (its documentation says so),
 * so its write figures survive a process crash but not a power loss; its name says so.
 */
public final class H2FileEngine extends LoadingJdbcEngine {

  private final Path dir;

  public H2FileEngine(Path scratch) {
    super("H2 (file, no fsync)", "MVStore database file, WRITE_DELAY=0 (each commit written"
        + " at once); loaded like H2 (memory). H2 cannot fsync each commit, so its W7 figures"
        + " are not durable against power loss", Dialect.ANSI);
    this.dir = scratch.resolve("h2-file");
  }

  @Override
  protected void beforeOpen() throws Exception {
    FileTrees.emptyDirectory(dir);
  }

  @Override
  protected Connection connect() throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath() + ";WRITE_DELAY=0");
  }

  @Override
  public RowWriter openWriter(String table) throws Exception {
    return jdbcWriter(table);
  }
}
