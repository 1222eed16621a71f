package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Transaction;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CrossStoreCommitContract} with the orders in a PostgreSQL table, plus the commits that only
 * PostgreSQL can refuse: a deferred {@code UNIQUE} constraint passes every statement and fails the
 * COMMIT, once when PostgreSQL decides the write and once when it commits after a SQLite store
 * that decided it.
 */
@ExtendWith(PostgresServer.class)
class PostgresCrossStoreCommitTest extends CrossStoreCommitContract {
  @Override
  OrdersDatabase database() {
    return OrdersDatabase.postgres();
  }

  @Test
  void aRefusedCommitOfTheDecidingDatabaseIsDroppedAtReopen() throws Exception {
    orders.exec("INSERT INTO " + orders.qualified("app_orders") + " VALUES ('o_0', 'pen', 1, 'R-1')");
    try (AsyncDb db = open()) {
      Transaction tx = Transaction.begin(db);
      tx.insert("notes", Map.of("id", "n_1"));
      tx.insert("orders", Map.of("id", "o_1", "item", "book", "qty", 1, "ref", "R-1"));
      assertThatThrownBy(tx::commit).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_WRITE_FAILED");
        assertThat(e.getMessage()).contains("The commit of store \"app\" (postgres) failed", "app_orders_ref",
            "decided when the project is reopened", "refuses further writes");
      });
      assertThat(notes(db)).isEmpty();
      assertThatThrownBy(() -> db.collection("notes").create(Map.of("id", "n_2")))
          .satisfies(e -> assertThat(e.getMessage()).contains("refuses further writes"));
    }
    assertThat(logged()).as("the log is kept for recovery to decide").singleElement()
        .satisfies(r -> assertThat(r.waitsFor()).containsExactly("app"));
    assertThat(orders.orderIds()).containsExactly("o_0");
    try (AsyncDb db = open()) {
      assertThat(notes(db)).isEmpty();
      assertThat(recoveryNotes(db)).singleElement().asString().contains("never committed in store \"app\"");
      db.collection("notes").create(Map.of("id", "n_3"));
    }
  }

  @Test
  void aDatabaseThatFailsAfterTheDecisionIsReportedNowAndAtReopen() throws Exception {
    // "a_local" (SQLite, envelopes) sorts before "app" (PostgreSQL): it decides, PostgreSQL commits after it.
    Files.writeString(project.resolve("db/tags.json"), "[]");
    writeConfig(Map.of("stores", Map.of("app", orders.store(), "a_local", Map.of("driver", "sqlite", "file", "./data/local.sqlite")),
        "resources", Map.of("tags", Map.of("store", "a_local"))));
    orders.exec("INSERT INTO " + orders.qualified("app_orders") + " VALUES ('o_0', 'pen', 1, 'R-1')");
    try (AsyncDb db = open()) {
      Transaction tx = Transaction.begin(db);
      tx.insert("notes", Map.of("id", "n_1"));
      tx.insert("tags", Map.of("id", "t_1"));
      tx.insert("orders", Map.of("id", "o_1", "item", "book", "qty", 1, "ref", "R-1"));
      assertThatThrownBy(tx::commit).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_WRITE_INCOMPLETE");
        assertThat(e.getMessage()).contains("committed in json, a_local but not in store \"app\" (postgres) (orders)", "app_orders_ref",
            "refuses further writes");
      });
      assertThatThrownBy(() -> db.collection("notes").create(Map.of("id", "n_2")))
          .satisfies(e -> assertThat(e.getMessage()).contains("refuses further writes"));
    }
    assertThat(orders.orderIds()).containsExactly("o_0");
    try (AsyncDb db = open()) {
      assertThat(notes(db)).as("decided by a_local, so replayed").containsExactly("n_1");
      assertThat(db.collection("tags").exists("t_1")).isTrue();
      assertThat(db.collection("orders").exists("o_1")).isFalse();
      assertThat(recoveryNotes(db)).singleElement().asString().contains("committed in store \"a_local\"", "store \"app\" lacks its part");
    }
  }
}
