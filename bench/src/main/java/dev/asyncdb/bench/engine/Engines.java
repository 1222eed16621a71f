package dev.asyncdb.bench.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of engines by id and which of them take part in which workloads; adding an engine
 * (say, Async DB over {@code jdbc:asyncdb:remote:}) means one entry here and one list edit.
 */
public final class Engines {

  /** The engine whose results every other engine must reproduce. */
  public static final String REFERENCE = "sqlite-memory";

  private static final Map<String, Function<Path, Engine>> FACTORIES = new LinkedHashMap<>();

  static {
    FACTORIES.put("sqlite-memory", scratch -> new SqliteMemoryEngine());
    FACTORIES.put("sqlite-wal-file", SqliteWalFileEngine::new);
    FACTORIES.put("h2-memory", scratch -> new H2MemoryEngine());
    FACTORIES.put("h2-file", H2FileEngine::new);
    FACTORIES.put("duckdb-memory", scratch -> DuckDbEngine.inMemory());
    FACTORIES.put("duckdb-file", DuckDbEngine::inFile);
    FACTORIES.put("calcite-file", scratch -> new CalciteFileEngine());
    FACTORIES.put("asyncdb", AsyncDbEngine::new);
    FACTORIES.put("asyncdb-remote", AsyncDbRemoteEngine::new);
  }

  /** Engines for the query workloads (W1–W6); the reference comes first. */
  public static final List<String> READ =
      List.of("sqlite-memory", "h2-memory", "duckdb-memory", "calcite-file", "asyncdb", "asyncdb-remote");

  /** Engines for durable writes (W7): the ones that keep their data in files. */
  public static final List<String> WRITE =
      List.of("sqlite-wal-file", "h2-file", "duckdb-file", "asyncdb");

  /** Engines for open/load-to-first-result and peak memory (W8); the reference comes first. */
  public static final List<String> LOAD = List.of("sqlite-memory", "sqlite-wal-file",
      "h2-memory", "h2-file", "duckdb-memory", "duckdb-file", "calcite-file", "asyncdb");

  /** The id of Async DB itself, whose ratio to the best peer the report shows. */
  public static final String ASYNC_DB = "asyncdb";

  private Engines() {}

  /** A new, unopened engine; file-backed engines keep their files under {@code scratch}. */
  public static Engine create(String id, Path scratch) {
    Function<Path, Engine> factory = FACTORIES.get(id);
    if (factory == null) {
      throw new IllegalArgumentException("unknown engine " + id + "; known: " + FACTORIES.keySet());
    }
    return factory.apply(scratch);
  }
}
