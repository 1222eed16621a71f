package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.store.wal.WalReader;
import dev.asyncdb.engine.store.wal.WalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQL transaction ({@code setAutoCommit(false)}) over a json collection and a table of a SQLite
 * file commits in both stores or in neither: the SQLite table refuses a row at commit (a CHECK the
 * engine's schema does not know) and the json collection stays as it was, in memory and in the log.
 */
class CrossStoreSqlTransactionTest {
  @TempDir
  Path project;

  @BeforeEach
  void projectWithJsonNotesAndSqliteOrders() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/notes.schema.json"),
        "{\"kind\":\"collection\",\"fields\":{\"id\":{\"type\":\"string\"},\"text\":{\"type\":\"string\"}},\"seed\":[]}");
    Files.writeString(project.resolve("db.config.json"), """
        {"stores": {"app": {"driver": "sqlite", "file": "./data/app.sqlite",
          "tables": {"orders": {"table": "app_orders", "columns": {"id": "order_id"}, "primaryKey": "id"}}}}}
        """);
    Files.createDirectories(project.resolve("data"));
    try (Connection c = sqlite(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE app_orders (order_id TEXT PRIMARY KEY, item TEXT NOT NULL, qty INTEGER NOT NULL CHECK (qty > 0))");
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:asyncdb:" + project);
  }

  private Connection sqlite() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + project.resolve("data/app.sqlite"));
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void order(Connection c, String id, int qty) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO notes (id, text) VALUES ('n_" + id + "', 'about order " + id + "')");
      s.executeUpdate("INSERT INTO orders (id, item, qty) VALUES ('o_" + id + "', 'book', " + qty + ")");
    }
  }

  private List<WalRecord> logged() throws Exception {
    return WalReader.read(project.resolve(".db/wal")).writes();
  }

  @Test
  void aCommittedSqlTransactionIsInBothStores() throws Exception {
    try (Connection c = connect(); Connection other = connect()) {
      c.setAutoCommit(false);
      order(c, "1", 2);
      assertThat(column(other, "SELECT id FROM notes")).isEmpty();
      c.commit();
      assertThat(column(other, "SELECT id FROM notes")).containsExactly("n_1");
      assertThat(column(other, "SELECT qty FROM orders WHERE id = 'o_1'")).containsExactly("2");
      assertThat(logged()).singleElement().satisfies(r -> assertThat(r.waitsFor()).containsExactly("app"));
    }
    try (Connection s = sqlite()) {
      assertThat(column(s, "SELECT order_id FROM app_orders")).containsExactly("o_1");
      assertThat(column(s, "SELECT count(*) FROM _async_db_commits")).as("the log was checkpointed when the engine closed").containsExactly("0");
    }
    try (Connection c = connect()) {
      assertThat(column(c, "SELECT id FROM notes")).containsExactly("n_1");
    }
  }

  @Test
  void aRowTheDatabaseRefusesAtCommitLeavesBothStoresAsTheyWere() throws Exception {
    try (Connection c = connect(); Connection other = connect()) {
      c.setAutoCommit(false);
      order(c, "1", -1);
      assertThatThrownBy(c::commit).isInstanceOfSatisfying(SQLException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("58030");
        assertThat(e.getMessage()).contains("orders", "store \"app\" (sqlite)", "CHECK constraint failed", "nothing of it was applied", "[STORE_WRITE_FAILED]");
      });
      assertThat(column(other, "SELECT id FROM notes")).isEmpty();
      assertThat(column(other, "SELECT id FROM orders")).isEmpty();
      assertThat(logged()).isEmpty();
      // The connection and the database go on: the next transaction commits.
      order(c, "2", 1);
      c.commit();
      assertThat(column(other, "SELECT id FROM notes")).containsExactly("n_2");
    }
    try (Connection s = sqlite()) {
      assertThat(column(s, "SELECT order_id FROM app_orders")).containsExactly("o_2");
    }
    try (Connection c = connect()) {
      assertThat(column(c, "SELECT id FROM notes")).containsExactly("n_2");
    }
  }
}
