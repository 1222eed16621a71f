package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store behaviour: json state and resync, memory, static, sourceFile. */
class StoresTest {
  @TempDir
  Path tmp;

  @Test
  void jsonStateKeepsRuntimeEditsWhileTheSourceIsUnchanged() throws Exception {
    TestProjects.project(tmp, "db/users.json", "[{\"id\":\"u_1\",\"name\":\"Ada\"}]");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      db.collection("users").create(Map.of("name", "Grace"));
    }
    assertThat(Files.readString(tmp.resolve("db/users.json"))).doesNotContain("Grace");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").count()).isEqualTo(2);
    }
    Files.writeString(tmp.resolve("db/users.json"), "[{\"id\":\"u_9\",\"name\":\"New seed\"}]");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactly("u_9");
    }
  }

  @Test
  void unchangedSourcesAreNotRehashedButAnyChangeInSizeOrTimeIs() throws Exception {
    Path source = tmp.resolve("db/users.json");
    TestProjects.project(tmp, "db/users.json", "[{\"id\":\"u_1\",\"name\":\"Ada\"}]");
    java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    Files.setLastModifiedTime(source, past);
    try (AsyncDb db = AsyncDb.open(tmp)) {
      db.collection("users").create(Map.of("name", "Grace"));
    }
    String sources = Files.readString(tmp.resolve(".db/state/.sources.json"));
    assertThat(sources).contains("\"size\"").contains("\"mtime\"").contains("\"hashedAt\"");
    // Same size and modification time: trusted without reading the file (like git's index), edits kept.
    Files.writeString(source, "[{\"id\":\"u_1\",\"name\":\"Bob\"}]");
    Files.setLastModifiedTime(source, past);
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").count()).isEqualTo(2);
    }
    // A new modification time forces a rehash, which sees the new content and rebuilds from it.
    Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 30_000));
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("name")).containsExactly("Bob");
    }
  }

  @Test
  void stateFilesUseTheOriginalFormat() throws Exception {
    TestProjects.project(tmp, "db/items.json", "[{\"id\":\"a\",\"n\":3.0,\"list\":[],\"obj\":{},\"nested\":{\"x\":[1,2]}}]");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      Map<String, Object> b = new java.util.LinkedHashMap<>();
      b.put("id", "b");
      b.put("n", 1.5);
      b.put("list", java.util.List.of("x"));
      b.put("obj", Map.of());
      b.put("nested", Map.of("x", java.util.List.of()));
      db.collection("items").create(b);
    }
    assertThat(Files.readString(tmp.resolve(".db/state/items.json"))).isEqualTo("""
        [
          {
            "id": "a",
            "n": 3,
            "list": [],
            "obj": {},
            "nested": {
              "x": [
                1,
                2
              ]
            }
          },
          {
            "id": "b",
            "n": 1.5,
            "list": [
              "x"
            ],
            "obj": {},
            "nested": {
              "x": []
            }
          }
        ]
        """);
  }

  @Test
  void editingAnEmbeddedSeedRefreshesASchemaOnlyResource() throws Exception {
    String schema = "{\"kind\":\"collection\",\"fields\":{\"id\":{\"type\":\"string\"}},\"seed\":[{\"id\":\"u_1\"}]}";
    TestProjects.project(tmp, "db/users.schema.json", schema);
    AsyncDb.open(tmp).close();
    Files.writeString(tmp.resolve("db/users.schema.json"), schema.replace("u_1", "u_9"));
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactly("u_9");
    }
  }

  @Test
  void missingIdsAreGeneratedInStateButNotInTheSource() throws Exception {
    TestProjects.project(tmp, "db/notes.json", "[{\"text\":\"a\"},{\"id\":\"5\",\"text\":\"b\"},{\"text\":\"c\",\"id\":\"\"}]");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("notes").all()).extracting(r -> r.get("id")).containsExactly("6", "5", "7");
      assertThat(db.collection("notes").get("6").keySet()).containsExactly("id", "text");
    }
    assertThat(Files.readString(tmp.resolve("db/notes.json"))).doesNotContain("\"6\"");
  }

  @Test
  void sourceFileStoreWritesBackIdsAndChangesButRefusesCsv() throws Exception {
    TestProjects.project(tmp,
        "db.config.json", "{\"stores\":{\"default\":\"sourceFile\"}}",
        "db/notes.json", "[{\"text\":\"a\"}]",
        "db/rows.csv", "id,v\n1,2\n");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(Files.readString(tmp.resolve("db/notes.json"))).contains("\"id\": \"1\"");
      db.collection("notes").create(Map.of("text", "b"));
      assertThat(Files.readString(tmp.resolve("db/notes.json"))).contains("\"text\": \"b\"");
      assertThatThrownBy(() -> db.collection("rows").create(Map.of("v", 3)))
          .satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("STORE_SOURCE_NOT_WRITABLE"));
    }
  }

  @Test
  void readOnlyOpensWriteNothingButSeePersistedState() throws Exception {
    TestProjects.project(tmp, "db/users.json", "[{\"id\":\"u_1\"}]", "db/notes.json", "[{\"text\":\"no id\"}]",
        "db.config.json", "{\"resources\":{\"notes\":{\"store\":\"sourceFile\"}}}");
    String notesBefore = Files.readString(tmp.resolve("db/notes.json"));
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(tmp).readOnly(true).build())) {
      assertThat(db.collection("notes").all()).extracting(r -> r.get("id")).containsExactly("1");
    }
    assertThat(tmp.resolve(".db")).doesNotExist();
    assertThat(Files.readString(tmp.resolve("db/notes.json"))).isEqualTo(notesBefore);
    try (AsyncDb db = AsyncDb.open(tmp)) {
      db.collection("users").create(Map.of("id", "u_2"));
    }
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(tmp).readOnly(true).build())) {
      assertThat(db.collection("users").count()).isEqualTo(2);
    }
  }

  @Test
  void memoryStoreForgetsAndStaticStoreRefusesWrites() {
    TestProjects.project(tmp,
        "db.config.json", "{\"resources\":{\"scratch\":{\"store\":\"memory\"},\"docs\":{\"store\":\"content\"}},\"stores\":{\"content\":{\"driver\":\"static\"}}}",
        "db/scratch.json", "[]",
        "db/docs.json", "[{\"id\":\"d\"}]");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      db.collection("scratch").create(Map.of("v", 1));
      assertThat(db.collection("scratch").count()).isEqualTo(1);
      assertThatThrownBy(() -> db.collection("docs").delete("d"))
          .satisfies(e -> {
            assertThat(((DbException) e).code()).isEqualTo("STORE_RESOURCE_READ_ONLY");
            assertThat(((DbException) e).status()).isEqualTo(405);
          });
    }
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("scratch").count()).isZero();
    }
  }

  @Test
  void unknownStoreIsAClearError() {
    TestProjects.project(tmp, "db.config.json", "{\"resources\":{\"a\":{\"store\":\"redis\"}}}", "db/a.json", "[]");
    assertThatThrownBy(() -> AsyncDb.open(tmp)).satisfies(e -> {
      assertThat(((DbException) e).code()).isEqualTo("STORE_NOT_FOUND");
      assertThat(e.getMessage()).contains("redis");
    });
  }

  @Test
  void aFailedCheckpointLosesNothingAndIsRetried() throws Exception {
    TestProjects.project(tmp, "db/users.json", "[{\"id\":\"u_1\"}]");
    Path state = tmp.resolve(".db/state");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      db.awaitSync();
      Files.walk(state).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      Files.writeString(state, "not a folder");
      // The write is acknowledged from the log; only the state file lags behind.
      assertThat(db.collection("users").create(Map.of("id", "u_2"))).containsEntry("id", "u_2");
      assertThatThrownBy(db::checkpoint).satisfies(e -> {
        assertThat(((DbException) e).code()).isEqualTo("STORE_WRITE_FAILED");
        assertThat(e.getMessage()).contains("Checkpoint", ".db");
        assertThat(((DbException) e).hint()).contains("Nothing is lost");
      });
      assertThat(db.collection("users").count()).isEqualTo(2);
      Files.delete(state);
      db.checkpoint();
      assertThat(Files.readString(state.resolve("users.json"))).contains("u_2");
    }
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.collection("users").get("u_2")).isNotNull();
    }
  }

}
