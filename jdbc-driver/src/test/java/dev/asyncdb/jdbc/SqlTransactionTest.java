package dev.asyncdb.jdbc;

import static dev.asyncdb.jdbc.SqlWriteTest.rows;
import static dev.asyncdb.jdbc.SqlWriteTest.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactions over JDBC: own writes visible, atomic commit across tables, rollback, snapshot isolation, conflicts. */
class SqlTransactionTest {
  @TempDir
  Path project;

  @BeforeEach
  void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/accounts.json"), "[{\"id\": \"a\", \"balance\": 100}, {\"id\": \"b\", \"balance\": 50}]");
    Files.writeString(project.resolve("db/audit.schema.json"),
        "{\"kind\":\"collection\",\"writePolicy\":\"append-only\",\"fields\":{\"id\":{\"type\":\"string\"},\"action\":{\"type\":\"string\",\"required\":true}},\"seed\":[]}");
    Files.writeString(project.resolve("db/stats.json"), "{\"transfers\": 0}");
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:asyncdb:" + project);
  }

  private static long balance(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select balance from accounts where id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private static void transfer(Connection c, long amount) throws SQLException {
    update(c, "update accounts set balance = balance - ? where id = 'a'", amount);
    update(c, "update accounts set balance = balance + ? where id = 'b'", amount);
    update(c, "insert into audit (action) values ('transfer')");
    update(c, "update stats set transfers = transfers + 1");
  }

  @Test
  void aTransactionSeesItsOwnWritesAndCommitsThemAcrossTablesAtOnce() throws Exception {
    try (Connection c = connect(); Connection other = connect()) {
      assertThat(c.getAutoCommit()).isTrue();
      c.setAutoCommit(false);
      transfer(c, 30);
      // Own writes: the key-lookup fast path, scans and aggregates all see them.
      assertThat(balance(c, "a")).isEqualTo(70);
      assertThat(rows(c, "select sum(balance), count(*) from accounts")).containsExactly(List.of(150L, 2L));
      assertThat(rows(c, "select count(*) from audit")).containsExactly(List.of(1L));
      assertThat(rows(c, "select transfers from stats")).containsExactly(List.of(1L));
      // Nobody else sees them yet.
      assertThat(balance(other, "a")).isEqualTo(100);
      assertThat(rows(other, "select count(*) from audit")).containsExactly(List.of(0L));
      c.commit();
      assertThat(balance(other, "a")).isEqualTo(70);
      assertThat(balance(other, "b")).isEqualTo(80);
      assertThat(rows(other, "select count(*) from audit")).containsExactly(List.of(1L));
      assertThat(rows(other, "select transfers from stats")).containsExactly(List.of(1L));
    }
  }

  @Test
  void rollbackDiscardsEverythingAndAFailedStatementOnlyItself() throws Exception {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      transfer(c, 10);
      c.rollback();
      assertThat(balance(c, "a")).isEqualTo(100);
      assertThat(rows(c, "select count(*) from audit")).containsExactly(List.of(0L));

      update(c, "insert into accounts (id, balance) values ('c', 1)");
      assertThatThrownBy(() -> update(c, "insert into accounts (id, balance) values ('d', 2), ('a', 3)")).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
      c.commit();
      assertThat(rows(c, "select id from accounts")).containsExactly(List.of("a"), List.of("b"), List.of("c"));
    }
  }

  @Test
  void readsInsideATransactionKeepTheirSnapshot() throws Exception {
    try (Connection reader = connect(); Connection writer = connect()) {
      reader.setAutoCommit(false);
      assertThat(balance(reader, "a")).isEqualTo(100);
      update(writer, "update accounts set balance = 1 where id = 'a'");
      assertThat(balance(reader, "a")).isEqualTo(100);
      assertThat(rows(reader, "select balance from accounts where id = 'a'")).containsExactly(List.of(100L));
      reader.commit();
      assertThat(balance(reader, "a")).isEqualTo(1);
    }
  }

  @Test
  void theSecondWriterOfARecordGetsASerializationFailure() throws Exception {
    try (Connection first = connect(); Connection second = connect()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      update(first, "update accounts set balance = balance + 1 where id = 'a'");
      update(second, "update accounts set balance = balance + 100 where id = 'a'");
      update(second, "insert into audit (action) values ('lost')");
      first.commit();
      assertThatThrownBy(second::commit).isInstanceOf(SQLTransactionRollbackException.class)
          .hasMessageContaining("Write conflict on accounts record a").hasMessageContaining("[DB_WRITE_CONFLICT]")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"));
      assertThat(balance(second, "a")).isEqualTo(101);
      assertThat(rows(second, "select count(*) from audit")).containsExactly(List.of(0L));
    }
  }

  @Test
  void autocommitStatementsNeverLoseAnUpdate() throws Exception {
    AtomicInteger done = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> unexpected = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thread = new Thread(() -> {
        try (Connection c = connect()) {
          for (int i = 0; i < 25; i++) {
            try {
              update(c, "update accounts set balance = balance + 1 where id = 'b'");
              done.incrementAndGet();
            } catch (SQLException e) {
              if (!"40001".equals(e.getSQLState())) {
                throw e;
              }
            }
          }
        } catch (Throwable e) {
          synchronized (unexpected) {
            unexpected.add(e);
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(unexpected).isEmpty();
    try (Connection c = connect()) {
      assertThat(balance(c, "b")).isEqualTo(50 + done.get());
    }
  }

  @Test
  void closingDiscardsAndTurningAutocommitOnCommits() throws Exception {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      update(c, "update accounts set balance = 0 where id = 'a'");
    }
    try (Connection c = connect()) {
      assertThat(balance(c, "a")).isEqualTo(100);
      c.setAutoCommit(false);
      update(c, "update accounts set balance = 5 where id = 'a'");
      c.setAutoCommit(true);
    }
    try (Connection c = connect()) {
      assertThat(balance(c, "a")).isEqualTo(5);
    }
  }

  @Test
  void isolationIsSnapshotIsolationReportedAsRepeatableRead() throws Exception {
    try (Connection c = connect()) {
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      assertThatThrownBy(() -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE)).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
      assertThat(c.getMetaData().supportsTransactions()).isTrue();
      assertThat(c.getMetaData().getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      assertThat(c.getMetaData().supportsGetGeneratedKeys()).isTrue();
    }
  }

  @Test
  void etagOfTheRecordMakesAnOptimisticUpdate() throws Exception {
    try (Connection c = connect(); Connection other = connect()) {
      String etag = (String) rows(c, "select etag(_record) from accounts where id = 'a'").get(0).get(0);
      AsyncDb db = c.unwrap(AsyncDb.class);
      assertThat(etag).as("the same ETag the Java and REST APIs give").isEqualTo(db.collection("accounts").etag("a")).startsWith("\"");
      update(other, "update accounts set balance = 90 where id = 'a'");
      String optimistic = "update accounts set balance = balance + 1 where id = 'a' and ETag(_record) = ?";
      assertThat(update(c, optimistic, etag)).as("someone changed it: nothing updated").isZero();
      assertThat(balance(c, "a")).isEqualTo(90);
      String fresh = (String) rows(c, "select etag(_record) from accounts where id = 'a'").get(0).get(0);
      assertThat(fresh).isNotEqualTo(etag);
      assertThat(update(c, optimistic, fresh)).isEqualTo(1);
      assertThat(balance(c, "a")).isEqualTo(91);
      assertThat(rows(c, "select count(*) from accounts where etag(_record) is null")).containsExactly(List.of(0L));
    }
  }
}
