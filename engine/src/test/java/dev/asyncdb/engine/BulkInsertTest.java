package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.table.RowRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Transaction#insertRows}: rows staged column by column read and commit exactly like rows
 * inserted one record at a time, a refused row leaves nothing of its call behind, and later writes
 * to the same collection keep the order and the savepoints of the transaction.
 */
class BulkInsertTest {
  private static final List<String> FIELDS = List.of("id", "title", "views", "at");

  @TempDir
  Path tmp;
  AsyncDb db;

  @BeforeEach
  void open() {
    TestProjects.project(tmp,
        "db/posts.schema.json", """
            {"kind": "collection", "fields": {
              "id": {"type": "string", "required": true, "maxLength": 40},
              "title": {"type": "string", "required": true, "maxLength": 20},
              "views": {"type": "integer"},
              "at": {"type": "datetime"}
            }}
            """,
        "db/posts.json", "[{\"id\":\"p0\",\"title\":\"Seed\",\"views\":1}]",
        "db/tags.schema.json", """
            {"kind": "collection", "fields": {
              "id": {"type": "integer"},
              "name": {"type": "string", "required": true},
              "kind": {"type": "string", "default": "plain"}
            }}
            """,
        "db/tags.json", "[]",
        "db/loads.schema.json", """
            {"kind": "collection", "fields": {
              "id": {"type": "string", "required": true, "maxLength": 40},
              "title": {"type": "string", "required": true, "maxLength": 20},
              "views": {"type": "integer"},
              "at": {"type": "datetime"}
            }}
            """,
        "db/loads.json", "[]");
    db = AsyncDb.open(tmp);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static List<Object[]> rows(int from, int to) {
    List<Object[]> rows = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      rows.add(new Object[] {"p" + i, "Post " + i, i % 2 == 0 ? (Object) (long) i : null, "2024-01-01T00:00:00Z"});
    }
    return rows;
  }

  @Test
  void instantsGivenAsNumbersAreStoredAsTheirTextWhereverTheyGo() throws Exception {
    long at = java.time.Instant.parse("2023-11-14T22:13:20.250Z").toEpochMilli();
    Transaction tx = Transaction.begin(db);
    // A date-time field takes the number and stores its text; a string field and the key get the text first.
    Object[][] columns = {
        {new dev.asyncdb.engine.json.EpochMillis(at), "p2"},
        {new dev.asyncdb.engine.json.EpochMillis(0), new dev.asyncdb.engine.json.EpochMillis(at + 750)},
        {new dev.asyncdb.engine.json.EpochMillis(at), new dev.asyncdb.engine.json.EpochMillis(at - 250)}};
    tx.insertColumns("posts", List.of("id", "title", "at"), columns, 2);
    tx.commit();
    assertThat(db.collection("posts").get("2023-11-14T22:13:20.250Z")).containsEntry("title", "1970-01-01T00:00:00Z")
        .containsEntry("at", "2023-11-14T22:13:20.250Z");
    assertThat(db.collection("posts").get("p2")).containsEntry("title", "2023-11-14T22:13:21Z").containsEntry("at", "2023-11-14T22:13:20Z");

    // A year the plain form cannot write is the JDK's text, checked by the validator like any other.
    long far = java.time.Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();
    Transaction wide = Transaction.begin(db);
    wide.insertColumns("posts", List.of("id", "title", "at"), new Object[][] {{"p3"}, {"ok"}, {new dev.asyncdb.engine.json.EpochMillis(far)}}, 1);
    wide.commit();
    assertThat(db.collection("posts").get("p3")).containsEntry("at", "+10000-01-01T00:00:00Z");

    // Rows the column path cannot take (a repeated key) go row by row with the text.
    Transaction repeated = Transaction.begin(db);
    assertThatThrownBy(() -> repeated.insertColumns("posts", List.of("id", "title", "at"),
        new Object[][] {{"p5", "p5"}, {"a", "b"}, {new dev.asyncdb.engine.json.EpochMillis(at), new dev.asyncdb.engine.json.EpochMillis(at)}}, 2))
        .isInstanceOf(RowFailure.class).satisfies(e -> assertThat(((RowFailure) e).index()).isEqualTo(1));
    Transaction text = Transaction.begin(db);
    text.insertColumns("posts", List.of("id", "title", "at"), new Object[][] {{"p6"}, {"x"}, {new dev.asyncdb.engine.json.EpochMillis(at)}}, 1);
    text.commit();
    assertThat(db.collection("posts").get("p6")).containsEntry("at", "2023-11-14T22:13:20.250Z");
  }

  private List<Object> ids() {
    return db.collection("posts").all().stream().map(r -> r.get("id")).toList();
  }

  @Test
  void rowsStagedColumnWiseAreReadInTheTransactionAndCommittedInOrder() throws Exception {
    Transaction tx = Transaction.begin(db);
    List<Map<String, Object>> stored = tx.insertRows("posts", FIELDS, rows(1, 4));
    // Staged column by column: the records are views of the staging table's rows.
    assertThat(stored).hasSize(3).allMatch(RowRecord.class::isInstance);
    assertThat(stored.get(0)).containsExactly(Map.entry("id", "p1"), Map.entry("title", "Post 1"), Map.entry("at", "2024-01-01T00:00:00Z"));
    assertThat(tx.get("posts", "p2")).containsEntry("views", 2L);
    assertThat(tx.staged("posts").size()).isEqualTo(4);
    assertThat(tx.staged("posts").inserted()).extracting(r -> r.get("id")).containsExactly("p1", "p2", "p3");
    assertThat(ids()).containsExactly("p0");

    tx.commit();
    assertThat(ids()).containsExactly("p0", "p1", "p2", "p3");
    assertThat(db.collection("posts").get("p3")).containsEntry("title", "Post 3").doesNotContainKey("views");
    db.close();
    // The checkpoint at close wrote the state file in the original's format.
    assertThat(Files.readString(tmp.resolve(".db/state/posts.json"))).isEqualTo("""
        [
          {
            "id": "p0",
            "title": "Seed",
            "views": 1
          },
          {
            "id": "p1",
            "title": "Post 1",
            "at": "2024-01-01T00:00:00Z"
          },
          {
            "id": "p2",
            "title": "Post 2",
            "views": 2,
            "at": "2024-01-01T00:00:00Z"
          },
          {
            "id": "p3",
            "title": "Post 3",
            "at": "2024-01-01T00:00:00Z"
          }
        ]
        """);
    db = AsyncDb.open(tmp);
    assertThat(ids()).containsExactly("p0", "p1", "p2", "p3");
    assertThat(db.collection("posts").get("p2")).containsEntry("views", 2L);
  }

  @Test
  void aViolationInRow73001Of100kLeavesNothingOfTheCallBehind() {
    Transaction tx = Transaction.begin(db);
    tx.insertRows("posts", FIELDS, rows(200_000, 201_000));
    List<Object[]> load = rows(1, 100_001);
    load.get(73_000)[1] = "A title much longer than twenty characters";
    assertThatThrownBy(() -> tx.insertRows("posts", FIELDS, load)).isInstanceOfSatisfying(RowFailure.class, e -> {
      assertThat(e.index()).isEqualTo(73_000);
      assertThat(e.error().code()).isEqualTo("DB_SCHEMA_VALIDATION_FAILED");
      assertThat(e.error().getMessage()).contains("\"title\"", "record p73001", "at most 20");
    });
    // The earlier call stays; none of the failed call's rows does.
    assertThat(tx.staged("posts").size()).isEqualTo(1_001);
    assertThat(tx.get("posts", "p1")).isNull();
    tx.commit();
    assertThat(db.collection("posts").count()).isEqualTo(1_001);
    assertThat(db.collection("posts").get("p73001")).isNull();
  }

  @Test
  void aDuplicateKeyIsRefusedAtItsRowAgainstCommittedStagedAndEarlierRows() {
    Transaction tx = Transaction.begin(db);
    tx.insertRows("posts", FIELDS, rows(1, 3));
    List<Object[]> committed = rows(10, 20);
    committed.get(5)[0] = "p0";
    assertThatThrownBy(() -> tx.insertRows("posts", FIELDS, committed)).isInstanceOfSatisfying(RowFailure.class, e -> {
      assertThat(e.index()).isEqualTo(5);
      assertThat(e.error().code()).isEqualTo("DB_CREATE_DUPLICATE_ID");
    });
    List<Object[]> staged = rows(10, 20);
    staged.get(7)[0] = "p2";
    assertThatThrownBy(() -> tx.insertRows("posts", FIELDS, staged)).isInstanceOfSatisfying(RowFailure.class, e -> assertThat(e.index()).isEqualTo(7));
    List<Object[]> repeated = rows(10, 20);
    repeated.get(9)[0] = "p12";
    assertThatThrownBy(() -> tx.insertRows("posts", FIELDS, repeated)).isInstanceOfSatisfying(RowFailure.class, e -> {
      assertThat(e.index()).isEqualTo(9);
      assertThat(e.error().code()).isEqualTo("DB_CREATE_DUPLICATE_ID");
    });
    assertThat(tx.staged("posts").inserted()).extracting(r -> r.get("id")).containsExactly("p1", "p2");
    // The refused rows' keys are free: a repeat found while indexing the batch left no key behind.
    assertThat(tx.get("posts", "p10")).isNull();
    tx.insertRows("posts", FIELDS, rows(10, 20));
    assertThat(tx.get("posts", "p10")).containsEntry("title", "Post 10");
    tx.commit();
    assertThat(ids()).containsExactly("p0", "p1", "p2", "p10", "p11", "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p19");
  }

  @Test
  void laterWritesKeepTheOrderAndSavepointsUndoBatchesAfterThem() {
    Transaction tx = Transaction.begin(db);
    tx.insertRows("posts", FIELDS, rows(1, 4));
    int savepoint = tx.savepoint();
    tx.insertRows("posts", FIELDS, rows(4, 6));
    // A record-at-a-time write moves the staged rows into the keyed changes first.
    tx.patch("posts", "p4", Map.of("title", "Patched"), WriteOptions.NONE);
    tx.insert("posts", Map.of("id", "p9", "title", "Single"));
    assertThat(tx.get("posts", "p4")).containsEntry("title", "Patched");
    tx.rollbackTo(savepoint);
    assertThat(tx.get("posts", "p4")).isNull();
    assertThat(tx.get("posts", "p9")).isNull();
    tx.insertRows("posts", FIELDS, rows(6, 8));
    tx.patch("posts", "p2", Map.of("title", "Second"), WriteOptions.NONE);
    tx.delete("posts", "p3", WriteOptions.NONE);
    tx.commit();
    assertThat(ids()).containsExactly("p0", "p1", "p2", "p6", "p7");
    assertThat(db.collection("posts").get("p2")).containsEntry("title", "Second");
  }

  @Test
  void aConcurrentCommitOfAStagedKeyIsAConflict() {
    Transaction tx = Transaction.begin(db);
    tx.insertRows("posts", FIELDS, rows(1, 4));
    db.collection("posts").create(Map.of("id", "p2", "title", "First"));
    assertThatThrownBy(tx::commit).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("DB_WRITE_CONFLICT");
      assertThat(e.getMessage()).contains("record p2");
    });
    assertThat(ids()).containsExactly("p0", "p2");
  }

  @Test
  void aLoadIntoAnEmptyCollectionPublishesTheStagedTableAndLaterWritesBuildOnIt() throws Exception {
    Transaction tx = Transaction.begin(db);
    tx.insertRows("loads", FIELDS, rows(1, 3_001));
    tx.insertRows("loads", FIELDS, rows(3_001, 5_001));
    dev.asyncdb.engine.table.RecordTable staging = tx.staged("loads").bulk().table();
    tx.commit();
    // The staged table is the collection's table now: no copy of its columns.
    assertThat(db.collection("loads").count()).isEqualTo(5_000);
    assertThat(db.database().snapshot().rows("loads").table()).isSameAs(staging);
    assertThat(db.collection("loads").get("p4321")).containsEntry("title", "Post 4321").doesNotContainKey("views");
    // Later writes append to it, replace and delete in it, and a second load is copied behind it.
    db.collection("loads").create(Map.of("id", "p0", "title", "Single"));
    db.collection("loads").update("p2", Map.of("title", "Changed"));
    db.collection("loads").delete("p3");
    Transaction second = Transaction.begin(db);
    second.insertRows("loads", FIELDS, rows(5_001, 5_003));
    List<Object[]> clash = rows(5_003, 5_005);
    clash.get(1)[0] = "p4";
    assertThatThrownBy(() -> second.insertRows("loads", FIELDS, clash)).isInstanceOfSatisfying(RowFailure.class, e -> assertThat(e.index()).isEqualTo(1));
    second.commit();
    assertThat(db.collection("loads").count()).isEqualTo(5_002);
    assertThat(db.collection("loads").get("p2")).containsEntry("title", "Changed");
    assertThat(db.collection("loads").get("p3")).isNull();
    assertThat(db.collection("loads").get("p5002")).containsEntry("views", 5_002L);
    assertThat(db.collection("loads").get("p5003")).isNull();
    db.close();
    db = AsyncDb.open(tmp);
    assertThat(db.collection("loads").count()).isEqualTo(5_002);
    assertThat(db.collection("loads").get("p1")).containsEntry("at", "2024-01-01T00:00:00Z");
    assertThat(db.collection("loads").get("p0")).containsEntry("title", "Single");
  }

  @Test
  void aLoadPartlyRolledBackToASavepointIsCopiedWithoutTheUndoneRows() {
    Transaction tx = Transaction.begin(db);
    tx.insertRows("loads", FIELDS, rows(1, 1_001));
    int savepoint = tx.savepoint();
    tx.insertRows("loads", FIELDS, rows(1_001, 2_001));
    tx.rollbackTo(savepoint);
    tx.insertRows("loads", FIELDS, rows(5_001, 5_011));
    dev.asyncdb.engine.table.RecordTable staging = tx.staged("loads").bulk().table();
    tx.commit();
    // The staging table still holds the undone rows (and their keys): it is copied, not published.
    assertThat(db.database().snapshot().rows("loads").table()).isNotSameAs(staging);
    assertThat(db.collection("loads").count()).isEqualTo(1_010);
    assertThat(db.collection("loads").get("p1500")).isNull();
    assertThat(db.collection("loads").get("p5010")).containsEntry("title", "Post 5010");
    db.collection("loads").create(Map.of("id", "p1500", "title", "Later"));
    assertThat(db.collection("loads").get("p1500")).containsEntry("title", "Later");
  }

  @Test
  void rowsNeedingGeneratedIdsOrDefaultsTakeTheRecordPathWithTheSameRules() {
    Transaction tx = Transaction.begin(db);
    List<Map<String, Object>> stored = tx.insertRows("tags", List.of("id", "name"), List.of(new Object[] {null, "a"}, new Object[] {7, "b"}));
    assertThat(stored).noneMatch(RowRecord.class::isInstance);
    assertThat(stored.get(0)).containsEntry("id", 1L).containsEntry("kind", "plain");
    assertThat(stored.get(1)).containsEntry("id", 7L);
    assertThatThrownBy(() -> tx.insertRows("tags", List.of("id", "name"), List.of(new Object[] {8, "c"}, new Object[] {9, null})))
        .isInstanceOfSatisfying(RowFailure.class, e -> {
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.error().code()).isEqualTo("DB_SCHEMA_VALIDATION_FAILED");
        });
    tx.commit();
    assertThat(db.collection("tags").all()).extracting(r -> r.get("id")).containsExactly(1L, 7L);
  }
}
