package dev.asyncdb.bench.engine;

import dev.asyncdb.bench.data.FileTrees;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * SQLite in a file in WAL mode with {@code synchronous=FULL}, i.e. an fsync per commit: the
 * durable single-writer baseline the json store is measured against.
 */
public final class SqliteWalFileEngine extends LoadingJdbcEngine {

  private final Path dir;

  public SqliteWalFileEngine(Path scratch) {
    super("SQLite (WAL file)", "sqlite-jdbc, database file, journal_mode=WAL,"
        + " synchronous=FULL (fsync per commit), busy_timeout for concurrent writers; loaded"
        + " like SQLite (memory)", Dialect.ISO_TEXT);
    this.dir = scratch.resolve("sqlite-wal");
  }

  @Override
  protected void beforeOpen() throws Exception {
    FileTrees.emptyDirectory(dir);
  }

  @Override
  protected Connection connect() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("journal_mode", "WAL");
    properties.setProperty("synchronous", "FULL");
    properties.setProperty("busy_timeout", "60000");
    return DriverManager.getConnection(
        "jdbc:sqlite:" + dir.resolve("bench.db").toAbsolutePath(), properties);
  }

  @Override
  public RowWriter openWriter(String table) throws Exception {
    return jdbcWriter(table);
  }
}
