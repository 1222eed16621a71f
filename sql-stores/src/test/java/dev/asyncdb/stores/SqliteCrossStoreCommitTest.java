package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CrossStoreCommitContract} with the orders in a real SQLite file, plus what recovery does
 * when it cannot use the markers: the deciding store is no longer configured, its marker table
 * cannot be read, its markers cannot be deleted.
 */
class SqliteCrossStoreCommitTest extends CrossStoreCommitContract {
  @Override
  OrdersDatabase database() throws Exception {
    return OrdersDatabase.sqlite(project);
  }

  @Test
  void aWriteWhoseDecidingStoreIsNoLongerConfiguredIsNotReplayed() throws Exception {
    crashChild(false);
    writeConfig(Map.of());
    try (AsyncDb db = open()) {
      assertThat(notes(db)).isEmpty();
      assertThat(recoveryNotes(db)).singleElement().asString()
          .contains("spans store \"app\", which is no longer configured", "cannot be checked: it was not replayed");
    }
  }

  @Test
  void recoveryThatCannotReadTheMarkersRefusesToOpenAndKeepsTheLog() throws Exception {
    crashChild(false);
    orders.exec("ALTER TABLE _async_db_commits RENAME TO kept", "CREATE TABLE _async_db_commits (something_else TEXT)");
    assertThatThrownBy(this::open).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_READ_FAILED");
      assertThat(e.getMessage()).contains("could not check whether write", "store \"app\" (sqlite)", "commit_id", "The write-ahead log is kept");
      assertThat(e.hint()).contains("reopen the project");
    });
    assertThat(logged()).hasSize(1);
    orders.exec("DROP TABLE _async_db_commits", "ALTER TABLE kept RENAME TO _async_db_commits");
    try (AsyncDb db = open()) {
      assertThat(notes(db)).containsExactly("n_crash");
    }
  }

  @Test
  void markersThatCannotBeDeletedStayBehindWithoutFailingAnything() throws Exception {
    crashChild(false);
    orders.exec("CREATE TRIGGER keep_markers BEFORE DELETE ON _async_db_commits BEGIN SELECT RAISE(ABORT, 'markers are kept here'); END");
    try (AsyncDb db = open()) {
      assertThat(notes(db)).containsExactly("n_crash");
      assertThat(recoveryNotes(db)).singleElement().asString().contains("Could not delete 1 commit marker(s) in store \"app\"", "markers are kept here");
      CrossStoreWriter.order(db, "2", 1);
      db.checkpoint();
      // The next write to the database tries to delete the checkpointed marker, fails, and goes on.
      db.collection("orders").create(Map.of("id", "o_3", "item", "pen", "qty", 1));
      assertThat(orders.orderIds()).containsExactly("o_2", "o_3", "o_crash");
      CrossStoreWriter.order(db, "4", 1);
    }
    assertThat(orders.markers()).as("closing does not fail either").isEqualTo(3);
    orders.exec("DROP TRIGGER keep_markers");
    try (AsyncDb db = open()) {
      assertThat(notes(db)).containsExactly("n_crash", "n_2", "n_4");
    }
  }
}
