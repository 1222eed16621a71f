package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Statement.execute(String)} as sqlline and DBeaver use it: queries take the same plan cache
 * and key-lookup path as {@code executeQuery}, results and update counts follow the JDBC protocol,
 * and statements that are not queries still run.
 */
class ExecuteStatementTest {
  @TempDir
  Path project;

  @Test
  void queriesThroughExecuteTakeTheExecuteQueryPathAndFollowTheProtocol() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/users.json"), "[{\"id\":\"u_1\",\"name\":\"Ada\"},{\"id\":\"u_2\",\"name\":\"Grace\"}]");
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement()) {
      String viaExecuteQuery;
      try (ResultSet rs = s.executeQuery("select name from users where id = 'u_1'")) {
        viaExecuteQuery = rs.getClass().getName();
        assertThat(rs.next()).isTrue();
      }
      assertThat(s.execute("select name from users where id = 'u_2'")).isTrue();
      assertThat(s.getUpdateCount()).isEqualTo(-1);
      ResultSet rs = s.getResultSet();
      assertThat(rs.getClass().getName()).as("the same (key-lookup) result as executeQuery gives").isEqualTo(viaExecuteQuery);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("Grace");
      assertThat(rs.next()).isFalse();
      assertThat(s.getMoreResults()).isFalse();
      assertThat(s.getResultSet()).isNull();
      assertThat(s.getUpdateCount()).isEqualTo(-1);

      assertThat(s.execute("  WITH g AS (select name from users) select count(*) from g")).isTrue();
      try (ResultSet count = s.getResultSet()) {
        assertThat(count.next()).isTrue();
        assertThat(count.getLong(1)).isEqualTo(2);
      }
      assertThat(s.execute("insert into users (id, name) values ('u_3', 'Linus')")).isFalse();
      assertThat(s.getUpdateCount()).isEqualTo(1);
      assertThat(s.getResultSet()).isNull();
      assertThat(s.execute("select count(*) from users")).isTrue();
      try (ResultSet count = s.getResultSet()) {
        assertThat(count.next()).isTrue();
        assertThat(count.getLong(1)).isEqualTo(3);
      }
    }
  }

  @Test
  void aPlainStatementWithParameterMarkersSaysToPrepareIt() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/users.json"), "[{\"id\":\"u_1\",\"name\":\"Ada\"}]");
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement()) {
      for (String sql : java.util.List.of("select name from users where id = ?", "explain plan for select name from users where id = ? and name = 'Ada'",
          "update users set name = ? where id = 'u_1'")) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(java.sql.SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("07001");
          assertThat(e.getMessage()).contains("1 parameter marker (?)", "cannot bind", sql, "Connection.prepareStatement(sql)");
        });
      }
      try (ResultSet rs = s.executeQuery("select name from users where id = 'u_1' and name <> '?'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Ada");
      }
    }
    assertThat(Files.readString(project.resolve("db/users.json"))).contains("Ada");
  }
}
