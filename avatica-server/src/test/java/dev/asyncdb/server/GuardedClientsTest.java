package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link ConnectionGuard} refuses what is not the request's own; real clients, which only ever
 * use their own, never notice. Ours and Avatica's own driver, as alice (project {@code app}) and
 * bob (project {@code shop}) at the same time: queries read in many frames, prepared statements,
 * batches and metadata. And the registry the guard asks forgets what closes or expires.
 */
class GuardedClientsTest {
  @TempDir
  Path tmp;

  private AsyncDbServer start(Limits limits) throws Exception {
    Users users = Users.of("alice", "alice-pass").with("bob", "bob-pass")
        .withGrant("alice", new Grant(Grant.Mode.WRITE, Map.of("app", Grant.Mode.WRITE)))
        .withGrant("bob", new Grant(Grant.Mode.WRITE, Map.of("shop", Grant.Mode.WRITE)));
    Map<String, Path> projects = new LinkedHashMap<>();
    projects.put("app", Projects.items(Files.createDirectories(tmp.resolve("app")), 300));
    projects.put("shop", MultiProjectTest.shop(tmp));
    return AsyncDbServer.start(ServerConfig.forProjects(projects).withPort(0).withUsers(users).withLimits(limits));
  }

  private static Connection ours(AsyncDbServer server, String user, String project) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(project), user, user + "-pass");
  }

  private static Connection avaticas(AsyncDbServer server, String user, String project) throws SQLException {
    Properties p = new Properties();
    p.setProperty("project", project);
    return DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf;authentication=BASIC;avatica_user="
        + user + ";avatica_password=" + user + "-pass", p);
  }

  @Test
  void ourRemoteDriverWorksAsBefore() throws Exception {
    try (AsyncDbServer server = start(Limits.defaults().withMaxFrameRows(5))) {
      try (Connection alice = ours(server, "alice", "app"); Connection bob = ours(server, "bob", "shop")) {
        exercise(alice, bob, "ours");
      }
      assertNothingRecorded(server);
    }
  }

  @Test
  void avaticasOwnDriverWorksAsBefore() throws Exception {
    try (AsyncDbServer server = start(Limits.defaults().withMaxFrameRows(5))) {
      try (Connection alice = avaticas(server, "alice", "app"); Connection bob = avaticas(server, "bob", "shop")) {
        exercise(alice, bob, "avatica");
      }
      assertNothingRecorded(server);
    }
  }

  /** Alice and bob, each on their own project, their calls interleaved; {@code tag} keeps rows one driver inserts apart. */
  private static void exercise(Connection alice, Connection bob, String tag) throws SQLException {
    try (Statement hers = alice.createStatement(); Statement his = bob.createStatement()) {
      hers.setFetchSize(7);
      his.setFetchSize(1);
      try (ResultSet items = hers.executeQuery("select id from items order by n"); ResultSet orders = his.executeQuery("select id from orders order by id")) {
        List<String> read = new ArrayList<>();
        List<String> his2 = new ArrayList<>();
        // Read both cursors in turn, frame after frame (at most 5 rows each, the server's cap).
        while (items.next()) {
          read.add(items.getString(1));
          if (orders.next()) {
            his2.add(orders.getString(1));
          }
        }
        assertThat(read).hasSize(300).startsWith("i0", "i1").endsWith("i299");
        assertThat(his2).containsExactly("o_1", "o_2");
      }
    }
    try (PreparedStatement byN = alice.prepareStatement("select id from items where n >= ? order by n")) {
      byN.setFetchSize(3);
      byN.setInt(1, 290);
      assertThat(rows(byN.executeQuery())).containsExactly("i290", "i291", "i292", "i293", "i294", "i295", "i296", "i297", "i298", "i299");
      byN.setInt(1, 298);
      assertThat(rows(byN.executeQuery())).containsExactly("i298", "i299");
    }
    try (PreparedStatement insert = alice.prepareStatement("insert into items (id, n) values (?, ?)")) {
      for (int i = 0; i < 3; i++) {
        insert.setString(1, tag + "-p" + i);
        insert.setInt(2, 1000 + i);
        insert.addBatch();
      }
      assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
    }
    try (Statement batch = bob.createStatement()) {
      batch.addBatch("insert into orders (id, total) values ('" + tag + "-s1', 1)");
      batch.addBatch("insert into orders (id, total) values ('" + tag + "-s2', 2)");
      assertThat(batch.executeBatch()).containsExactly(1, 1);
    }
    assertThat(RemoteQueryTest.column(alice, "select count(*) from items where id like ?", tag + "-%")).containsExactly("3");
    assertThat(RemoteQueryTest.column(bob, "select count(*) from orders where id like ?", tag + "-%")).containsExactly("2");

    DatabaseMetaData hersMeta = alice.getMetaData();
    DatabaseMetaData hisMeta = bob.getMetaData();
    try (ResultSet t = hersMeta.getTables(null, "db", "%", null); ResultSet o = hisMeta.getTables(null, "db", "%", null)) {
      assertThat(column(t, "TABLE_NAME")).contains("items").doesNotContain("orders");
      assertThat(column(o, "TABLE_NAME")).contains("orders").doesNotContain("items");
    }
    try (ResultSet c = hersMeta.getColumns(null, "db", "items", null)) {
      assertThat(column(c, "COLUMN_NAME")).contains("id", "n");
    }
    try (ResultSet s = hersMeta.getSchemas(); ResultSet types = hisMeta.getTypeInfo()) {
      assertThat(column(s, "TABLE_SCHEM")).contains("db");
      assertThat(column(types, "TYPE_NAME")).contains("VARCHAR");
    }
    alice.setAutoCommit(false);
    try (Statement s = alice.createStatement()) {
      s.executeUpdate("insert into items (id, n) values ('" + tag + "-tx', 2000)");
    }
    alice.commit();
    alice.setAutoCommit(true);
    assertThat(RemoteQueryTest.column(bob, "select count(*) from orders")).containsExactly("4");
    assertThat(RemoteQueryTest.column(alice, "select count(*) from items where n >= 1000")).containsExactly("4");
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    try (rs) {
      return column(rs, null);
    }
  }

  /** Column {@code name} (null: the first) of every row. */
  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    while (rs.next()) {
      values.add(name == null ? rs.getString(1) : rs.getString(name));
    }
    return values;
  }

  private static void assertNothingRecorded(AsyncDbServer server) {
    assertThat(server.openConnections()).isZero();
    assertThat(server.recordedConnections()).isZero();
    assertThat(server.recordedStatements()).as("statements of closed connections").isZero();
  }

  /**
   * A statement Avatica expires on a connection still in use is forgotten at the next idle sweep,
   * and an expired connection takes its statements with it. Its client then gets what any unknown
   * id gets.
   */
  @Test
  void idleExpiryForgetsStatementsAndConnections() throws Exception {
    try (AsyncDbServer server = start(Limits.defaults().withIdleTimeout(Duration.ofSeconds(2)))) {
      AvaticaJson alice = new AvaticaJson(server, "alice", "alice-pass");
      alice.open("kept", "app");
      int cursor = alice.statement("kept");
      alice.ok("prepareAndExecute", "connectionId", "kept", "statementId", cursor, "sql", "select id from items", "maxRowsTotal", -1,
          "maxRowsInFirstFrame", 1);
      alice.statement("kept");
      assertThat(server.recordedStatements()).isEqualTo(2);
      // The connection is used all along; its statements are not.
      await("the idle statements are forgotten", () -> {
        alice.ok("databaseProperties", "connectionId", "kept");
        return server.recordedStatements() == 0;
      });
      assertThat(server.openConnections()).isEqualTo(1);
      assertThat(server.recordedConnections()).isEqualTo(1);
      assertThat(AvaticaJson.parse(alice.send("fetch", "connectionId", "kept", "statementId", cursor, "offset", 1, "fetchMaxRowCount", 5)))
          .containsEntry("missingStatement", true);

      alice.statement("kept");
      await("the idle connection is closed", () -> server.openConnections() == 0);
      assertThat(server.recordedConnections()).isZero();
      assertThat(server.recordedStatements()).isZero();
      assertThat(AvaticaJson.parse(alice.send("createStatement", "connectionId", "kept"))).containsEntry("errorCode", 1L);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant limit = Instant.now().plus(Duration.ofMinutes(1));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting until " + what).isBefore(limit);
      Thread.sleep(100);
    }
  }
}
