package dev.asyncdb.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Transaction;
import dev.asyncdb.engine.WriteOptions;
import dev.asyncdb.engine.store.ResourceChange;
import dev.asyncdb.engine.store.ResourceChange.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit listeners hear of each published write once, with its record-level changes; failed writes and failing listeners are not their writer's business. */
class CommitListenerTest {
  @TempDir
  Path tmp;

  private AsyncDb open() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/users.json"), "[{\"id\": \"u_1\", \"name\": \"Ada\"}]");
    Files.writeString(tmp.resolve("db/settings.json"), "{\"theme\": \"dark\"}");
    return AsyncDb.open(tmp);
  }

  @Test
  void everyPublishedWriteIsToldOnceWithItsChanges() throws Exception {
    try (AsyncDb db = open()) {
      List<CommittedWrite> heard = new CopyOnWriteArrayList<>();
      Consumer<CommittedWrite> listener = heard::add;
      db.database().addCommitListener(listener);

      db.collection("users").create(Map.of("id", "u_2", "name", "Grace"));
      assertThat(heard).hasSize(1);
      ResourceChange change = heard.get(0).changes().get(0);
      assertThat(change.resource().name()).isEqualTo("users");
      assertThat(change.records()).extracting(ResourceChange.RecordChange::op, ResourceChange.RecordChange::key)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(Op.INSERT, "u_2"));
      assertThat(heard.get(0).version()).isEqualTo(db.database().snapshot().version());

      // A transaction over two resources is one write.
      Transaction tx = Transaction.begin(db);
      tx.delete("users", "u_1", WriteOptions.NONE);
      tx.updateDocument("settings", d -> {
        d.put("theme", "light");
        return d;
      }, WriteOptions.NONE);
      tx.commit();
      assertThat(heard).hasSize(2);
      assertThat(heard.get(1).changes()).extracting(c -> c.resource().name()).containsExactlyInAnyOrder("users", "settings");
      assertThat(heard.get(1).version()).isGreaterThan(heard.get(0).version());

      // A refused write publishes nothing, so nobody hears of it.
      assertThatThrownBy(() -> db.collection("users").create(Map.of("id", "u_2", "name", "Again"))).hasMessageContaining("u_2");
      assertThat(heard).hasSize(2);

      db.database().removeCommitListener(listener);
      db.collection("users").create(Map.of("id", "u_3", "name", "Katherine"));
      assertThat(heard).hasSize(2);
    }
  }

  @Test
  void aFailingListenerDoesNotFailTheWriteNorTheOtherListeners() throws Exception {
    try (AsyncDb db = open()) {
      List<CommittedWrite> heard = new CopyOnWriteArrayList<>();
      db.database().addCommitListener(w -> {
        throw new IllegalStateException("listener bug");
      });
      db.database().addCommitListener(heard::add);
      assertThat(db.collection("users").create(Map.of("id", "u_2", "name", "Grace"))).containsEntry("id", "u_2");
      assertThat(heard).hasSize(1);
      assertThat(db.collection("users").get("u_2")).isNotNull();
    }
  }
}
