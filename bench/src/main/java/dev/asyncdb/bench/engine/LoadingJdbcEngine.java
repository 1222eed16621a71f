package dev.asyncdb.bench.engine;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.data.DatasetTable;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Base of the peers that are filled row by row over JDBC (SQLite, H2): connect, create each
 * table with its primary key, stream the JSON rows in with {@link JdbcTableLoader}.
 */
public abstract class LoadingJdbcEngine implements Engine {

  private final String name;
  private final String setup;
  private final Dialect dialect;
  private Connection connection;
  private Dataset dataset;

  protected LoadingJdbcEngine(String name, String setup, Dialect dialect) {
    this.name = name;
    this.setup = setup;
    this.dialect = dialect;
  }

  /** Opens a new connection to this engine's database. */
  protected abstract Connection connect() throws Exception;

  /** Runs before the first table is created, e.g. to clear a previous run's files. */
  protected void beforeOpen() throws Exception {}

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String setup() {
    return setup;
  }

  @Override
  public final Dialect dialect() {
    return dialect;
  }

  @Override
  public void open(Dataset dataset) throws Exception {
    beforeOpen();
    this.dataset = dataset;
    this.connection = connect();
    for (DatasetTable table : dataset.tables()) {
      JdbcTableLoader.load(connection, dialect, table);
    }
  }

  @Override
  public Connection connection() throws SQLException {
    if (connection == null) {
      throw new SQLException(name + " is not open");
    }
    return connection;
  }

  /** A writer on a connection of its own, for the engines that keep their data in files. */
  protected RowWriter jdbcWriter(String table) throws Exception {
    return new JdbcRowWriter(connect(), dataset.table(table).spec(), dialect);
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
