package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calcite's side of a connection is set up in the background; whatever needs it waits for it, and its failure surfaces on use. */
class SqlLayerTest {
  @TempDir
  Path project;

  @BeforeEach
  void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/posts.schema.json"), """
        {"kind": "collection", "fields": {"id": {"type": "string", "required": true}, "status": {"type": "string", "nullable": true}}}
        """);
    Files.writeString(project.resolve("db/posts.json"), """
        [{"id": "p1", "status": "published"}, {"id": "p2", "status": "draft"}, {"id": "p3", "status": "published"}]
        """);
  }

  @Test
  void aFailedSetUpFailsEveryUseWithItsCause() {
    SqlLayer layer = SqlLayer.start(() -> {
      throw new IllegalStateException("schema could not be installed");
    });
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(layer::get).isInstanceOf(SQLException.class)
          .hasMessageContaining("failed to start").hasMessageContaining("schema could not be installed")
          .hasMessageContaining("open a new one")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"))
          .hasCauseInstanceOf(IllegalStateException.class);
    }
    assertThat(layer.isReady()).isFalse();
  }

  @Test
  void closingBeforeTheSetUpEndsClosesTheConnectionWhenItArrives() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Connection[] made = new Connection[1];
    SqlLayer layer = SqlLayer.start(() -> {
      release.await();
      made[0] = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:", new java.util.Properties());
      return made[0];
    });
    layer.close();
    release.countDown();
    Connection calcite = layer.get();
    // The close runs on the set-up's thread right after it completes: wait for it (bounded, not timed).
    for (int i = 0; i < 3000 && !calcite.isClosed(); i++) {
      Thread.sleep(10);
    }
    assertThat(calcite.isClosed()).isTrue();
  }

  @Test
  void nativeStatementsAndEverythingElseWorkRightAfterGetConnection() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM posts WHERE status = 'published'")) {
        assertThat(NativeQueryDifferentialTest.isNative(rs)).isTrue();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2);
        assertThat(rs.getStatement()).isSameAs(s);
      }
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet tables = md.getTables(null, "db", "posts", null)) {
        assertThat(tables.next()).isTrue();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT status FROM posts WHERE id = ?")) {
        ps.setString(1, "p2");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("draft");
        }
      }
    }
  }

  @Test
  void aProjectThatFailsToOpenEndsTheSetUpThread() throws Exception {
    Path missing = project.resolve("no-such-project");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:asyncdb:" + missing)).isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    // The set-up thread waited for the session the failed open never made: it must end (bounded wait, not timed).
    for (int i = 0; i < 3000 && setUpThreads() > 0; i++) {
      Thread.sleep(10);
    }
    assertThat(setUpThreads()).isZero();
  }

  private static long setUpThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("asyncdb-sql-setup") && t.isAlive()).count();
  }

  @Test
  void aStatementClosedBeforeItNeededCalciteIsClosed() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
      Statement s = c.createStatement();
      s.close();
      assertThat(s.isClosed()).isTrue();
      assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM posts")).isInstanceOf(SQLException.class)
          .hasMessageContaining("statement is closed");
    }
  }

  @Test
  void aConnectionClosedRightAwayReleasesTheProject() throws Exception {
    Connection first = DriverManager.getConnection("jdbc:asyncdb:" + project);
    first.close();
    assertThat(first.isClosed()).isTrue();
    assertThatThrownBy(first::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("connection is closed");
    try (Connection again = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = again.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM posts WHERE status = 'draft'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("p2");
    }
  }
}
