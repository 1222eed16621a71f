package dev.asyncdb.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one tiny query on a JVM's first connection while the project is still loading, so class
 * loading and code generation of the SQL layer (about a second) overlap the load instead of
 * following it.
 */
final class SqlWarmUp {
  private static final AtomicBoolean DONE = new AtomicBoolean();

  private SqlWarmUp() {}

  static void once(Connection connection) {
    if (!DONE.compareAndSet(false, true)) {
      return;
    }
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("select count(*), max(x) from (values (1), (2)) as t(x) where x > 0 group by x order by 1")) {
      while (rs.next()) {
        rs.getLong(1);
      }
    } catch (SQLException e) {
      // A failed warm-up only costs the time it was meant to save.
    }
  }
}
