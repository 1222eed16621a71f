package dev.asyncdb.bench.engine;

import java.sql.Connection;
import java.sql.DriverManager;

/** SQLite in memory through sqlite-jdbc: the reference every other engine's results must match. */
public final class SqliteMemoryEngine extends LoadingJdbcEngine {

  public SqliteMemoryEngine() {
    super("SQLite (memory)", "sqlite-jdbc, in memory; batched prepared inserts in one"
        + " transaction; primary keys", Dialect.ISO_TEXT);
  }

  @Override
  protected Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite::memory:");
  }
}
