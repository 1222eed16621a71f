package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.OpenOptions;
import dev.asyncdb.engine.Query;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One behaviour contract, run against every store kind ({@link StoreKinds}). */
@ExtendWith(StoreKinds.class)
class StoreConformanceTest {
  private static final String SCHEMA = "{\"kind\":\"collection\",\"fields\":{\"id\":{\"type\":\"string\",\"required\":true},"
      + "\"name\":{\"type\":\"string\",\"required\":true},\"age\":{\"type\":\"integer\"},\"tags\":{\"type\":\"array\"}}}";

  @TempDir
  Path tmp;

  private Map<String, Object> config;

  private AsyncDb open(StoreKind kind) throws Exception {
    if (config == null) {
      Files.createDirectories(tmp.resolve("db"));
      Files.writeString(tmp.resolve("db/users.schema.json"), SCHEMA);
      Files.writeString(tmp.resolve("db/users.json"), "[{\"id\":\"u_1\",\"name\":\"Ada\",\"age\":36},{\"id\":\"u_2\",\"name\":\"Alan\",\"age\":41}]");
      Files.writeString(tmp.resolve("db/settings.json"), "{\"theme\":\"dark\",\"limits\":{\"max\":3}}");
      config = kind.config(tmp);
    }
    return AsyncDb.open(OpenOptions.builder(tmp).config(config).build());
  }

  @TestTemplate
  void createReadUpdateDelete(StoreKind kind) throws Exception {
    try (AsyncDb db = open(kind)) {
      var users = db.collection("users");
      assertThat(users.count()).isEqualTo(2);
      users.create(Map.of("id", "u_3", "name", "Grace", "age", 85, "tags", List.of("navy", "cobol")));
      assertThat(users.get("u_3")).containsEntry("name", "Grace").containsEntry("tags", List.of("navy", "cobol"));
      users.patch("u_1", Map.of("age", 37));
      assertThat(users.get("u_1")).containsEntry("age", 37L);
      assertThat(users.delete("u_2")).isTrue();
      assertThat(users.delete("u_2")).isFalse();
      assertThat(users.find(Query.where("name", "Grace"))).extracting(r -> r.get("id")).containsExactly("u_3");
      assertThat(users.all()).extracting(r -> r.get("id")).containsExactly("u_1", "u_3");
    }
  }

  @TestTemplate
  void refusedWritesChangeNothing(StoreKind kind) throws Exception {
    try (AsyncDb db = open(kind)) {
      var users = db.collection("users");
      assertThatThrownBy(() -> users.create(Map.of("id", "u_9", "age", "old")))
          .isInstanceOfSatisfying(DbException.class, e -> assertThat(e.code()).isEqualTo("DB_SCHEMA_VALIDATION_FAILED"));
      assertThatThrownBy(() -> users.create(Map.of("id", "u_1", "name", "Twin")))
          .isInstanceOfSatisfying(DbException.class, e -> assertThat(e.code()).isEqualTo("DB_CREATE_DUPLICATE_ID"));
      assertThat(users.count()).isEqualTo(2);
    }
    try (AsyncDb db = open(kind)) {
      assertThat(db.collection("users").exists("u_9")).isFalse();
    }
  }

  @TestTemplate
  void writesSurviveReopenWhenTheStorePersists(StoreKind kind) throws Exception {
    try (AsyncDb db = open(kind)) {
      db.collection("users").create(Map.of("id", "u_3", "name", "Grace"));
      db.collection("users").update("u_1", Map.of("name", "Ada L."));
      db.collection("users").delete("u_2");
      db.document("settings").update(Map.of("theme", "light"));
    }
    try (AsyncDb db = open(kind)) {
      List<String> expected = kind.persists() ? List.of("u_1", "u_3") : List.of("u_1", "u_2");
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactlyElementsOf(expected);
      assertThat(db.collection("users").get("u_1").get("name")).isEqualTo(kind.persists() ? "Ada L." : "Ada");
      assertThat(db.document("settings").get()).containsEntry("theme", kind.persists() ? "light" : "dark")
          .containsEntry("limits", Map.of("max", 3L));
    }
  }

  @TestTemplate
  void concurrentWritersAllLand(StoreKind kind) throws Exception {
    int threads = 4;
    int each = 50;
    try (AsyncDb db = open(kind)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              db.collection("users").create(Map.of("id", "t" + thread + "_" + i, "name", "writer " + thread));
            }
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      assertThat(db.collection("users").count()).isEqualTo(2 + threads * each);
    }
    try (AsyncDb db = open(kind)) {
      assertThat(db.collection("users").count()).isEqualTo(kind.persists() ? 2 + threads * each : 2);
    }
  }
}
