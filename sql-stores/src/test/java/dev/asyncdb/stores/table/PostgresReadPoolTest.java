package dev.asyncdb.stores.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.stores.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The read pool against a real PostgreSQL server: sessions are reused the way Calcite hands them back, and left clean. */
@ExtendWith(PostgresServer.class)
class PostgresReadPoolTest {

  private static ReadPool pool() {
    return new ReadPool(() -> {
      try {
        return DriverManager.getConnection(PostgresServer.url());
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static long backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aConnectionClosedThroughItsResultSetsStatementGoesBackToThePool() throws Exception {
    try (ReadPool pool = pool()) {
      long first;
      // What Calcite's JDBC enumerator does when a pushed-down query's result is closed.
      Connection borrowed = pool.getConnection();
      PreparedStatement ps = borrowed.prepareStatement("SELECT pg_backend_pid()");
      ResultSet rs = ps.executeQuery();
      rs.next();
      first = rs.getLong(1);
      Statement statement = rs.getStatement();
      Connection owner = statement.getConnection();
      rs.close();
      statement.close();
      owner.close();
      try (Connection again = pool.getConnection()) {
        assertThat(backendPid(again)).as("the same database session serves the next reader").isEqualTo(first);
      }
    }
  }

  @Test
  void aTransactionLeftOpenIsRolledBackAndAutocommitRestored() throws Exception {
    try (ReadPool pool = pool()) {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TEMP TABLE read_pool_probe (x INT)");
        }
      }
      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT to_regclass('pg_temp.read_pool_probe') IS NULL")) {
        assertThat(c.getAutoCommit()).isTrue();
        rs.next();
        assertThat(rs.getBoolean(1)).as("the table of the rolled-back transaction is gone").isTrue();
      }
    }
  }

  @Test
  void aClosedPoolSaysSoAndAFailingOpenIsTheStoresOwnError() {
    ReadPool closed = pool();
    closed.close();
    assertThatThrownBy(closed::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("The store was closed")
        .hasMessageContaining("Reopen the project");
    DbException down = new DbException("STORE_CONNECTION_FAILED", 503, "Store \"pg\" could not connect", "Check the server.", Map.of(), null);
    try (ReadPool failing = new ReadPool(() -> {
      throw down;
    })) {
      assertThatThrownBy(failing::getConnection).isSameAs(down);
    }
  }

  @Test
  void lookupsKeepTheirStatementOnTheirOwnSessionAndAClosedPoolRefusesThem() throws Exception {
    ReadPool pool = pool();
    PreparedStatement[] first = new PreparedStatement[1];
    long pid;
    try {
      int answer = pool.lookup("SELECT ?::int + 1, pg_backend_pid()", ps -> {
        first[0] = ps;
        ps.setInt(1, 41);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertThat(answer).isEqualTo(42);
      pid = pool.lookup("SELECT ?::int + 1, pg_backend_pid()", ps -> {
        assertThat(ps).as("the idle session comes back with its statement").isSameAs(first[0]);
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(2);
        }
      });
      // The session ends (as in a server restart): that lookup fails, the next one opens a new session.
      PostgresServer.exec("SELECT pg_terminate_backend(" + pid + ")");
      assertThatThrownBy(() -> pool.lookup("SELECT ?::int + 1, pg_backend_pid()", ps -> {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      })).isInstanceOf(SQLException.class);
      long again = pool.lookup("SELECT ?::int + 1, pg_backend_pid()", ps -> {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(2);
        }
      });
      assertThat(again).isNotEqualTo(pid);
    } finally {
      pool.close();
    }
    assertThatThrownBy(() -> pool.lookup("SELECT 1", ps -> null)).isInstanceOf(SQLException.class).hasMessageContaining("The store was closed");
  }
}
