package dev.asyncdb.bench.engine;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.data.DatasetTable;
import dev.asyncdb.bench.data.FieldSpec;
import dev.asyncdb.bench.data.FileTrees;
import dev.asyncdb.bench.data.TableSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB with native tables (in memory, or in a file for the durable-write workload), filled by
 * DuckDB's own JSON reader with {@code read_json_auto} and an {@code INSERT … SELECT} into a
 * table that has the dataset's primary key.
 */
public final class DuckDbEngine implements Engine {

  private final Path dir;
  private Connection connection;
  private Dataset dataset;

  private DuckDbEngine(Path dir) {
    this.dir = dir;
  }

  /** DuckDB in memory, for the read workloads. */
  public static DuckDbEngine inMemory() {
    return new DuckDbEngine(null);
  }

  /** DuckDB in a database file under {@code scratch}, for the durable-write workload. */
  public static DuckDbEngine inFile(Path scratch) {
    return new DuckDbEngine(scratch.resolve("duckdb-file"));
  }

  @Override
  public String name() {
    return dir == null ? "DuckDB (memory)" : "DuckDB (file)";
  }

  @Override
  public String setup() {
    return (dir == null ? "in memory" : "database file")
        + "; native tables with primary keys filled by read_json_auto and INSERT … SELECT";
  }

  @Override
  public Dialect dialect() {
    return Dialect.ANSI;
  }

  @Override
  public void open(Dataset dataset) throws Exception {
    this.dataset = dataset;
    String url = "jdbc:duckdb:";
    if (dir != null) {
      FileTrees.emptyDirectory(dir);
      url += dir.resolve("bench.duckdb").toAbsolutePath();
    }
    connection = DriverManager.getConnection(url);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      for (DatasetTable table : dataset.tables()) {
        statement.execute(JdbcTableLoader.createTable(table.spec(), dialect()));
        statement.execute(insertFromJson(table));
      }
    }
  }

  /** The {@code INSERT … SELECT … FROM read_json_auto(…)} that loads {@code table}. */
  static String insertFromJson(DatasetTable table) {
    TableSpec spec = table.spec();
    String columns = spec.fields().stream()
        .map(DuckDbEngine::column)
        .collect(Collectors.joining(", "));
    String file = table.file().toAbsolutePath().toString().replace("'", "''");
    return "INSERT INTO " + spec.name() + " SELECT " + columns
        + " FROM read_json_auto('" + file + "', format = 'array')";
  }

  private static String column(FieldSpec field) {
    String name = '"' + field.name() + '"';
    return switch (field.type()) {
      case DATETIME -> "CAST(CAST(" + name + " AS TIMESTAMPTZ) AS TIMESTAMP)";
      case DATE -> "CAST(" + name + " AS DATE)";
      default -> name;
    };
  }

  @Override
  public Connection connection() throws SQLException {
    if (connection == null) {
      throw new SQLException(name() + " is not open");
    }
    return connection;
  }

  @Override
  public RowWriter openWriter(String table) throws Exception {
    if (dir == null) {
      return Engine.super.openWriter(table);
    }
    Connection writer = ((DuckDBConnection) connection).duplicate();
    return new JdbcRowWriter(writer, dataset.table(table).spec(), dialect());
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
