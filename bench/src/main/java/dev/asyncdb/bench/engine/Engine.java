package dev.asyncdb.bench.engine;

import dev.asyncdb.bench.data.Dataset;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database under test: it opens (loads) a generated dataset, answers SQL through a JDBC
 * connection and, when it keeps data durably on disk, accepts single-row writes.
 */
public interface Engine extends AutoCloseable {

  /** The name shown in the report, e.g. {@code SQLite (memory)}. */
  String name();

  /** How the engine stores and loads the data, for the report. */
  String setup();

  /** How this engine writes date and datetime literals. */
  Dialect dialect();

  /** Opens the engine over {@code dataset}, loading every table's rows where it needs to. */
  void open(Dataset dataset) throws Exception;

  /**
   * Before the read workloads: finishes what loading left to do, so that no query is timed while
   * it runs (for engines that load in {@link #open}, nothing). Timed as part of the open.
   */
  default void settle() throws Exception {}

  /** The connection the read workloads use. */
  Connection connection() throws SQLException;

  /** The product and version the engine reports once open, or a dash when it cannot say. */
  default String version() {
    try {
      java.sql.DatabaseMetaData meta = connection().getMetaData();
      return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    } catch (SQLException | RuntimeException e) {
      return "—";
    }
  }

  /** The first answer after opening: the number of rows of {@code table}. */
  default long count(String table) throws Exception {
    try (Statement statement = connection().createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * A writer of durable single-row inserts into {@code table}, one per writing thread; only
   * engines that keep their data in files support it.
   */
  default RowWriter openWriter(String table) throws Exception {
    throw new UnsupportedOperationException(name() + " does not take durable writes");
  }

  @Override
  void close() throws SQLException;
}
