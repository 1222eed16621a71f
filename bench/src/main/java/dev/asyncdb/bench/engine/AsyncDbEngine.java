package dev.asyncdb.bench.engine;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.data.FileTrees;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Collection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Async DB embedded, over a fresh project whose {@code db/} links the dataset's files (so runtime
 * state written under {@code .db/} never touches the generated dataset and every open is cold);
 * each dataset gets a folder of its own because the driver shares one engine instance per
 * project folder within a JVM.
 * SQL goes through {@code jdbc:asyncdb:<dir>} when a driver for it is on the class path; the
 * first result (W8) and durable writes (W7) go through the engine API, which opens the project
 * on first use so that the SQL workloads never hold a second instance of it.
 */
public final class AsyncDbEngine implements Engine {

  /** Shown in place of SQL figures while no {@code jdbc:asyncdb:} driver exists. */
  public static final String NO_DRIVER = "n/a — jdbc:asyncdb driver not built yet";

  private final Path scratch;
  private Path project;
  private Connection connection;
  private AsyncDb api;

  public AsyncDbEngine(Path scratch) {
    this.scratch = scratch;
  }

  @Override
  public String name() {
    return "Async DB";
  }

  @Override
  public String setup() {
    return "embedded, over a fresh project whose db/ links the dataset's JSON and schema files;"
        + " SQL through jdbc:asyncdb: once that driver exists, W7 and W8 through the engine API"
        + " (AsyncDb.open, collection(…).count() / create(…)) with default durability";
  }

  @Override
  public Dialect dialect() {
    return Dialect.ANSI;
  }

  @Override
  public String version() {
    return "Async DB " + AsyncDb.version();
  }

  @Override
  public void open(Dataset dataset) throws IOException {
    project = freshProject(scratch.resolve("asyncdb-" + dataset.name()), dataset);
  }

  /** A new project at {@code project} whose {@code db/} links the dataset's files. */
  public static Path freshProject(Path project, Dataset dataset) throws IOException {
    FileTrees.deleteRecursively(project);
    Path db = Files.createDirectories(project.resolve("db"));
    try (Stream<Path> files = Files.list(dataset.dbDir())) {
      for (Path file : files.toList()) {
        FileTrees.linkOrCopy(file, db.resolve(file.getFileName()));
      }
    }
    return project;
  }

  /**
   * Loads the project through the SQL connection and waits for the work its first load goes on
   * with in the background (source hashes, the generated schema, the load snapshots the next open
   * reads): the peers load in {@code open}, so for each engine the read workloads time queries over
   * loaded data. W8 and W12 time a cold open.
   */
  @Override
  public void settle() throws SQLException {
    try {
      connection().unwrap(AsyncDb.class).awaitSync();
    } catch (EngineUnavailableException e) {
      // No driver yet: the SQL workloads report it.
    }
  }

  @Override
  public Connection connection() throws SQLException {
    if (project == null) {
      throw new SQLException(name() + " is not open");
    }
    if (connection == null) {
      String url = "jdbc:asyncdb:" + project.toAbsolutePath();
      boolean driverFound = false;
      for (Driver driver : Collections.list(DriverManager.getDrivers())) {
        driverFound |= driver.acceptsURL(url);
      }
      if (!driverFound) {
        throw new EngineUnavailableException(NO_DRIVER);
      }
      synchronized (this) {
        // One writer per project: a natively opened engine hands over to the driver's.
        if (api != null) {
          api.close();
          api = null;
        }
      }
      connection = DriverManager.getConnection(url);
    }
    return connection;
  }

  @Override
  public long count(String table) {
    return api().collection(table).count();
  }

  @Override
  public RowWriter openWriter(String table) {
    Collection collection = api().collection(table);
    return new RowWriter() {
      @Override
      public void insert(Map<String, Object> record) {
        collection.create(record);
      }

      @Override
      public void close() {}
    };
  }

  /** The engine API: the one behind the open SQL connection (one writer per project), else its own. */
  private synchronized AsyncDb api() {
    if (connection != null) {
      try {
        return connection.unwrap(AsyncDb.class);
      } catch (SQLException e) {
        throw new IllegalStateException("the jdbc:asyncdb: connection does not expose its engine", e);
      }
    }
    if (api == null) {
      api = AsyncDb.open(project);
    }
    return api;
  }

  @Override
  public void close() throws SQLException {
    try {
      if (connection != null) {
        connection.close();
        connection = null;
      }
    } finally {
      if (api != null) {
        api.close();
        api = null;
      }
    }
  }
}
