package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.verify.QueryResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;

/** Executes a query once over JDBC, either capturing its normalized result or only timing it. */
final class JdbcRuns {

  private JdbcRuns() {}

  /** Runs {@code sql} and returns its normalized result. */
  static QueryResult capture(Connection connection, String sql, boolean ordered,
      int timeoutSeconds) throws SQLException {
    try (Statement statement = statement(connection, timeoutSeconds);
        ResultSet rs = statement.executeQuery(sql)) {
      return QueryResult.read(rs, ordered);
    }
  }

  /** Runs {@code sql}, reads every value of every row and returns the elapsed milliseconds. */
  static double timeMillis(Connection connection, String sql, int timeoutSeconds)
      throws SQLException {
    long start = System.nanoTime();
    try (Statement statement = statement(connection, timeoutSeconds);
        ResultSet rs = statement.executeQuery(sql)) {
      drain(rs);
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /** Reads every value of every remaining row, as a client would; returns the row count. */
  static int drain(ResultSet rs) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    int rows = 0;
    while (rs.next()) {
      for (int i = 1; i <= columns; i++) {
        rs.getObject(i);
      }
      rows++;
    }
    return rows;
  }

  private static Statement statement(Connection connection, int timeoutSeconds)
      throws SQLException {
    Statement statement = connection.createStatement();
    try {
      statement.setQueryTimeout(timeoutSeconds);
    } catch (SQLFeatureNotSupportedException e) {
      // The driver cannot cancel by itself; the case budget still bounds how often it runs.
    }
    return statement;
  }
}
