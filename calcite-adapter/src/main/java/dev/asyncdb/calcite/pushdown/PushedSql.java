package dev.asyncdb.calcite.pushdown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;

/**
 * The SQL statements a query sends to the databases of its mapped tables, for EXPLAIN: Calcite
 * writes them only when it implements a plan, so the query is prepared (not run) once more on the
 * connection and each statement its JDBC converters generate is collected.
 */
public final class PushedSql {
  private PushedSql() {}

  /** The statements, in plan order; empty when nothing is pushed down. */
  public static List<String> of(Connection calcite, String query) throws SQLException {
    List<String> sent = new ArrayList<>();
    try (Hook.Closeable hook = Hook.QUERY_PLAN.addThread((Consumer<Object>) sql -> sent.add(String.valueOf(sql)));
        PreparedStatement ps = calcite.prepareStatement(query)) {
      return sent;
    }
  }
}
