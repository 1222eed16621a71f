package dev.asyncdb.bench.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;

/** H2 in memory, the embedded Java database a JVM user would reach for first. */
public final class H2MemoryEngine extends LoadingJdbcEngine {

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private final String url = "jdbc:h2:mem:bench" + INSTANCES.incrementAndGet();

  public H2MemoryEngine() {
    super("H2 (memory)", "in memory; batched prepared inserts in one transaction;"
        + " primary keys", Dialect.ANSI);
  }

  @Override
  protected Connection connect() throws Exception {
    return DriverManager.getConnection(url);
  }
}
