package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-resource transactions: staged reads, the write rules at staging time, atomic commit, rollback, conflicts. */
class TransactionTest {
  @TempDir
  Path tmp;
  AsyncDb db;

  @BeforeEach
  void open() {
    TestProjects.project(tmp,
        "db/users.schema.json", """
            {"kind": "collection", "fields": {
              "id": {"type": "string", "required": true},
              "name": {"type": "string", "required": true},
              "email": {"type": "string", "unique": true},
              "role": {"type": "enum", "values": ["admin", "user"], "default": "user"},
              "secret": {"type": "string", "readOnly": true}
            }}
            """,
        "db/users.json", "[{\"id\":\"1\",\"name\":\"Ada\",\"email\":\"ada@example.com\"},{\"id\":\"2\",\"name\":\"Grace\",\"email\":\"grace@example.com\"}]",
        "db/events.schema.json", "{\"kind\":\"collection\",\"writePolicy\":\"append-only\",\"fields\":{\"id\":{\"type\":\"string\"},\"type\":{\"type\":\"string\",\"required\":true}},\"seed\":[]}",
        "db/settings.json", "{\"theme\": \"dark\", \"pageSize\": 20}");
    db = AsyncDb.open(tmp);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static void fails(String code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(DbException.class).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo(code));
  }

  private List<Object> ids() {
    return db.collection("users").all().stream().map(r -> r.get("id")).toList();
  }

  @Test
  void stagedWritesAreVisibleToTheTransactionOnlyUntilCommit() {
    Transaction tx = Transaction.begin(db);
    Map<String, Object> created = tx.insert("users", Map.of("name", "Linus"));
    assertThat(created).containsEntry("id", "3").containsEntry("role", "user");
    tx.patch("users", "1", Map.of("name", "Ada L."), WriteOptions.NONE);
    tx.delete("users", "2", WriteOptions.NONE);
    tx.updateDocument("settings", d -> {
      d.put("theme", "light");
      return d;
    }, WriteOptions.NONE);
    assertThat(tx.get("users", "3")).containsEntry("name", "Linus");
    assertThat(tx.get("users", "2")).isNull();
    assertThat(tx.document("settings")).containsEntry("theme", "light");
    assertThat(ids()).containsExactly("1", "2");
    assertThat(db.document("settings").get("theme")).isEqualTo("dark");

    tx.commit();
    assertThat(ids()).containsExactly("1", "3");
    assertThat(db.collection("users").get("1")).containsEntry("name", "Ada L.");
    assertThat(db.document("settings").get("theme")).isEqualTo("light");
    db.close();
    db = AsyncDb.open(tmp);
    assertThat(ids()).containsExactly("1", "3");
    assertThat(db.document("settings").get("theme")).isEqualTo("light");
    assertThat(db.collection("users").create(Map.of("name", "Next")).get("id")).isEqualTo("4");
  }

  @Test
  void rollbackAndSavepointsDiscardStagedChanges() {
    Transaction tx = Transaction.begin(db);
    tx.insert("users", Map.of("id", "a", "name", "A", "email", "a@example.com"));
    int mark = tx.savepoint();
    tx.insert("users", Map.of("id", "b", "name", "B", "email", "b@example.com"));
    tx.patch("users", "a", Map.of("email", "a2@example.com"), WriteOptions.NONE);
    tx.rollbackTo(mark);
    assertThat(tx.get("users", "b")).isNull();
    assertThat(tx.get("users", "a")).containsEntry("email", "a@example.com");
    // The unique index follows the rollback: b's address is free again, a's still taken.
    tx.insert("users", Map.of("id", "c", "name", "C", "email", "b@example.com"));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> tx.insert("users", Map.of("id", "d", "name", "D", "email", "a@example.com")));
    tx.rollback();
    assertThat(ids()).containsExactly("1", "2");
    fails("DB_TRANSACTION_FINISHED", () -> tx.insert("users", Map.of("name", "x")));
  }

  @Test
  void everyWriteRuleAppliesWhenStagedAndARejectedWriteStagesNothing() {
    Transaction tx = Transaction.begin(db);
    fails("DB_CREATE_DUPLICATE_ID", () -> tx.insert("users", Map.of("id", "1", "name", "Again")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> tx.insert("users", Map.of("email", "x@example.com")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> tx.insert("users", Map.of("name", "X", "role", "root")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> tx.insert("users", Map.of("name", "X", "email", "ada@example.com")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> tx.insert("users", Map.of("name", "X", "secret", "s")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> tx.patch("users", "2", Map.of("email", "ada@example.com"), WriteOptions.NONE));
    fails("DB_PRECONDITION_FAILED", () -> tx.patch("users", "2", Map.of("name", "G"), WriteOptions.ifMatch("\"stale\"")));
    fails("DB_APPEND_ONLY", () -> tx.delete("events", "1", WriteOptions.NONE));
    fails("DB_RESOURCE_KIND_MISMATCH", () -> tx.insert("settings", Map.of()));
    assertThat(tx.hasChanges()).isFalse();
    assertThat(tx.patch("users", "missing", Map.of("name", "x"), WriteOptions.NONE)).isNull();
    assertThat(tx.delete("users", "missing", WriteOptions.NONE)).isFalse();
    assertThat(tx.insert("events", Map.of("type", "login"))).containsEntry("id", "1");
    assertThat(tx.patch("users", "2", Map.of("name", "G"), WriteOptions.ifMatch(db.collection("users").etag("2")))).containsEntry("name", "G");
    tx.commit();
    assertThat(db.collection("events").all()).hasSize(1);
  }

  @Test
  void firstCommitterWinsOnTheSameRecord() {
    Transaction first = Transaction.begin(db);
    Transaction second = Transaction.begin(db);
    first.patch("users", "1", Map.of("name", "First"), WriteOptions.NONE);
    second.patch("users", "1", Map.of("name", "Second"), WriteOptions.NONE);
    second.insert("users", Map.of("id", "z", "name", "Z"));
    second.updateDocument("settings", d -> {
      d.put("theme", "second");
      return d;
    }, WriteOptions.NONE);
    first.commit();
    fails("DB_WRITE_CONFLICT", second::commit);
    assertThat(db.collection("users").get("1")).containsEntry("name", "First");
    assertThat(ids()).containsExactly("1", "2");
    assertThat(db.document("settings").get("theme")).isEqualTo("dark");
  }

  @Test
  void disjointRecordsCommitSideBySide() {
    Transaction first = Transaction.begin(db);
    Transaction second = Transaction.begin(db);
    first.patch("users", "1", Map.of("name", "First"), WriteOptions.NONE);
    second.patch("users", "2", Map.of("name", "Second"), WriteOptions.NONE);
    first.commit();
    second.commit();
    assertThat(db.collection("users").all()).extracting(r -> r.get("name")).containsExactly("First", "Second");
  }

  @Test
  void conflictsCoverInsertsDocumentsAndUniqueValuesCommittedMeanwhile() {
    Transaction tx = Transaction.begin(db);
    assertThat(tx.insert("users", Map.of("name", "Mine")).get("id")).isEqualTo("3");
    db.collection("users").create(Map.of("name", "Theirs"));
    fails("DB_WRITE_CONFLICT", tx::commit);

    Transaction unique = Transaction.begin(db);
    unique.insert("users", Map.of("id", "u", "name", "U", "email", "shared@example.com"));
    db.collection("users").create(Map.of("id", "v", "name", "V", "email", "shared@example.com"));
    fails("DB_SCHEMA_VALIDATION_FAILED", unique::commit);
    assertThat(db.collection("users").get("u")).isNull();

    Transaction doc = Transaction.begin(db);
    doc.updateDocument("settings", d -> d, WriteOptions.NONE);
    db.document("settings").update(new LinkedHashMap<>(Map.of("pageSize", 50)));
    fails("DB_WRITE_CONFLICT", doc::commit);
  }
}
