package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collection API and every write rule, including each rejected input. */
class CollectionApiTest {
  @TempDir
  Path tmp;
  AsyncDb db;

  static final String USERS_SCHEMA = """
      {
        "kind": "collection",
        "fields": {
          "id": {"type": "string", "required": true},
          "name": {"type": "string", "required": true, "minLength": 2},
          "email": {"type": "string", "required": true, "unique": true, "pattern": "^[^@]+@[^@]+$"},
          "role": {"type": "enum", "values": ["admin", "user"], "default": "user"},
          "age": {"type": "integer", "min": 0, "max": 150},
          "score": {"type": "number"},
          "joinedAt": {"type": "datetime"},
          "birthday": {"type": "date"},
          "avatar": {"type": "bytes", "encoding": "base64"},
          "profile": {"type": "object", "fields": {"city": {"type": "string", "required": true}}},
          "tags": {"type": "array", "items": {"type": "string"}, "maxLength": 3}
        }
      }
      """;

  @BeforeEach
  void open() {
    TestProjects.project(tmp,
        "db/users.schema.json", USERS_SCHEMA,
        "db/users.json", "[{\"id\":\"u_1\",\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"admin\",\"age\":36},"
            + "{\"id\":\"u_2\",\"name\":\"Grace\",\"email\":\"grace@example.com\",\"age\":85,\"tags\":[\"navy\"]}]",
        "db/memberships.schema.json", "{\"kind\":\"collection\",\"identity\":{\"fields\":[\"tenantId\",\"slug\"]},"
            + "\"fields\":{\"tenantId\":{\"type\":\"string\",\"required\":true},\"slug\":{\"type\":\"string\",\"required\":true},\"n\":{\"type\":\"integer\"}},"
            + "\"seed\":[{\"tenantId\":\"t1\",\"slug\":\"a\",\"n\":1}]}",
        "db/events.schema.json", "{\"kind\":\"collection\",\"writePolicy\":\"append-only\",\"fields\":{\"id\":{\"type\":\"string\"},\"type\":{\"type\":\"string\",\"required\":true}},\"seed\":[]}");
    db = AsyncDb.open(tmp);
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    db.close();
  }

  private static void fails(String code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(DbException.class).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo(code));
  }

  @Test
  void createAppliesDefaultsGeneratesCounterIdsAndAppendsIdLast() {
    Collection users = db.collection("users");
    Map<String, Object> a = users.create(Map.of("name", "Katherine", "email", "kj@example.com"));
    assertThat(a).containsEntry("id", "3").containsEntry("role", "user");
    assertThat(List.copyOf(a.keySet())).last().isEqualTo("id");
    assertThat(users.create(Map.of("name", "Dorothy", "email", "dv@example.com")).get("id")).isEqualTo("4");
    assertThat(users.all()).extracting(r -> r.get("id")).containsExactly("u_1", "u_2", "3", "4");
  }

  @Test
  void getComparesIdsByStringForm() {
    Collection users = db.collection("users");
    users.create(Map.of("id", "7", "name", "Seven", "email", "s@example.com"));
    assertThat(users.get(7)).containsEntry("name", "Seven");
    assertThat(users.exists(7L)).isTrue();
    assertThat(users.get("nope")).isNull();
    assertThat(users.exists("nope")).isFalse();
  }

  @Test
  void duplicateIdIsRejectedWithAnActionableError() {
    assertThatThrownBy(() -> db.collection("users").create(Map.of("id", "u_1", "name", "Again", "email", "x@example.com")))
        .isInstanceOf(DbException.class)
        .satisfies(e -> {
          DbException d = (DbException) e;
          assertThat(d.code()).isEqualTo("DB_CREATE_DUPLICATE_ID");
          assertThat(d.status()).isEqualTo(409);
          assertThat(d.getMessage()).contains("users").contains("u_1");
          assertThat(d.details()).containsEntry("id", "u_1");
          assertThat(d.hint()).isNotBlank();
        });
    assertThat(db.collection("users").count()).isEqualTo(2);
  }

  @Test
  void invalidEnumNamesResourceRecordFieldValueAndAllowedValues() {
    assertThatThrownBy(() -> db.collection("users").patch("u_1", Map.of("role", "owner")))
        .isInstanceOf(DbException.class)
        .satisfies(e -> {
          DbException d = (DbException) e;
          assertThat(d.code()).isEqualTo("DB_SCHEMA_VALIDATION_FAILED");
          assertThat(d.getMessage()).contains("role").contains("users").contains("u_1").contains("\"owner\"").contains("\"admin\", \"user\"");
          assertThat(d.hint()).contains("admin");
        });
    assertThat(db.collection("users").get("u_1")).containsEntry("role", "admin");
  }

  @Test
  void everyKindOfBadValueIsRejected() {
    Collection users = db.collection("users");
    Map<String, Object> base = Map.of("name", "Valid", "email", "v@example.com");
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "age", "old")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "age", 1.5)));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "age", -1)));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(Map.of("name", "No email")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(Map.of("name", "Bad", "email", "not-an-email")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(Map.of("name", "A", "email", "short@example.com")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "joinedAt", "yesterday")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "birthday", "2024-02-30")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "avatar", "***")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "profile", Map.of("zip", "1"))));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "tags", List.of("a", "b", "c", "d"))));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "tags", List.of(1))));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "score", "high")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> users.create(with(base, "email", "ada@example.com")));
    assertThat(users.count()).isEqualTo(2);
    Map<String, Object> ok = users.create(with(with(with(base, "joinedAt", "2024-03-01T12:34:56.123+02:00"), "birthday", "2000-02-29"), "avatar", "aGk="));
    assertThat(ok).containsEntry("birthday", "2000-02-29");
  }

  @Test
  void patchMergesKeepsIdAndReturnsNullForMissing() {
    Collection users = db.collection("users");
    Map<String, Object> p = users.patch("u_2", Map.of("id", "changed", "name", "Grace Hopper"));
    assertThat(p).containsEntry("id", "u_2").containsEntry("name", "Grace Hopper").containsEntry("age", 85L);
    assertThat(users.get("u_2")).isEqualTo(p);
    assertThat(users.update("missing", Map.of("name", "x"))).isNull();
  }

  @Test
  void deleteRemovesAndReportsWhetherAnythingExisted() {
    Collection users = db.collection("users");
    assertThat(users.delete("u_1")).isTrue();
    assertThat(users.delete("u_1")).isFalse();
    assertThat(users.get("u_1")).isNull();
    assertThat(users.count()).isEqualTo(1);
    assertThat(users.create(Map.of("id", "u_1", "name", "Ada again", "email", "ada2@example.com"))).containsEntry("id", "u_1");
    assertThat(users.all()).extracting(r -> r.get("id")).containsExactly("u_2", "u_1");
  }

  @Test
  void etagPreconditionsGuardUpdatesAndDeletes() {
    Collection users = db.collection("users");
    String tag = users.etag("u_1");
    assertThat(tag).isEqualTo(AsyncDb.recordEtag(users.get("u_1"))).startsWith("\"").endsWith("\"").hasSize(66);
    users.patch("u_1", Map.of("age", 37), WriteOptions.ifMatch(tag));
    fails("DB_PRECONDITION_FAILED", () -> users.patch("u_1", Map.of("age", 38), WriteOptions.ifMatch(tag)));
    fails("DB_PRECONDITION_FAILED", () -> users.delete("u_1", WriteOptions.ifMatch(tag)));
    fails("DB_PRECONDITION_FAILED", () -> users.delete("missing", WriteOptions.ifMatch("*")));
    assertThat(users.get("u_1")).containsEntry("age", 37L);
    assertThat(users.delete("u_1", WriteOptions.ifMatch("*"))).isTrue();
  }

  @Test
  void compoundKeysAreMapsAndNeverGenerated() {
    Collection m = db.collection("memberships");
    assertThat(m.get(Map.of("tenantId", "t1", "slug", "a"))).containsEntry("n", 1L);
    m.create(Map.of("tenantId", "t1", "slug", "b", "n", 2));
    m.create(Map.of("tenantId", "t2", "slug", "a", "n", 3));
    assertThat(m.get(Map.of("slug", "a", "tenantId", "t2"))).containsEntry("n", 3L);
    fails("DB_CREATE_DUPLICATE_ID", () -> m.create(Map.of("tenantId", "t1", "slug", "a")));
    fails("DB_SCHEMA_VALIDATION_FAILED", () -> m.create(Map.of("tenantId", "t3")));
    assertThat(m.patch(Map.of("tenantId", "t1", "slug", "b"), Map.of("n", 20))).containsEntry("n", 20L);
    assertThat(m.delete(Map.of("tenantId", "t1", "slug", "a"))).isTrue();
    assertThat(m.count()).isEqualTo(2);
  }

  @Test
  void appendOnlyResourcesAcceptOnlyAppend() {
    Collection events = db.collection("events");
    Map<String, Object> e = events.append(Map.of("type", "login"));
    assertThat(e).containsEntry("id", "1");
    fails("DB_APPEND_ONLY", () -> events.create(Map.of("type", "x")));
    fails("DB_APPEND_ONLY", () -> events.patch("1", Map.of("type", "x")));
    fails("DB_APPEND_ONLY", () -> events.update("1", Map.of("type", "x")));
    fails("DB_APPEND_ONLY", () -> events.delete("1"));
    assertThat(events.all()).hasSize(1);
  }

  @Test
  void unknownResourcesSuggestNamesAndPathLikeNamesResolveToNothing() {
    assertThatThrownBy(() -> db.collection("user")).isInstanceOf(DbException.class)
        .satisfies(e -> {
          DbException d = (DbException) e;
          assertThat(d.code()).isEqualTo("DB_UNKNOWN_RESOURCE");
          assertThat(d.status()).isEqualTo(404);
          assertThat(d.hint()).contains("\"users\"");
          assertThat(d.details().get("available").toString()).contains("users");
        });
    fails("DB_UNKNOWN_RESOURCE", () -> db.collection("../users"));
    fails("DB_UNKNOWN_RESOURCE", () -> db.collection("/etc/passwd"));
    fails("DB_RESOURCE_KIND_MISMATCH", () -> db.document("users"));
  }

  @Test
  void findCountAndAggregateFollowTheQueryOptions() {
    Collection users = db.collection("users");
    users.create(Map.of("name", "Linus", "email", "l@example.com", "age", 54, "tags", List.of("kernel", "navy")));
    assertThat(users.find(Query.where("age", Query.Op.GT, 40).orderBy("-age"))).extracting(r -> r.get("name")).containsExactly("Grace", "Linus");
    assertThat(users.find(Map.of("where", Map.of("tags", Map.of("contains", "navy")), "orderBy", "name"))).extracting(r -> r.get("name"))
        .containsExactly("Grace", "Linus");
    assertThat(users.find(Query.all().orderBy("name").limit(1).offset(1))).extracting(r -> r.get("name")).containsExactly("Grace");
    assertThat(users.find(Query.where("role", Query.Op.IN, List.of("admin")))).hasSize(1);
    assertThat(users.find(Query.where("name", Query.Op.CONTAINS, "ra"))).extracting(r -> r.get("id")).containsExactly("u_2");
    assertThat(users.count(Query.where("role", "user"))).isEqualTo(2);
    assertThat(users.find(Query.where("id", "u_2").and("age", Query.Op.GTE, 80))).hasSize(1);
    List<Map<String, Object>> byRole = users.aggregate(Map.of("groupBy", "role",
        "metrics", Map.of("n", "count", "oldest", Map.of("op", "max", "field", "age"), "avg", Map.of("op", "avg", "field", "age")),
        "orderBy", "-n"));
    assertThat(byRole).containsExactly(
        Map.of("role", "user", "n", 2L, "oldest", 85L, "avg", 69.5),
        Map.of("role", "admin", "n", 1L, "oldest", 36L, "avg", 36.0));
    fails("DB_QUERY_INVALID", () -> users.aggregate(Map.of("metrics", Map.of("x", Map.of("op", "median", "field", "age")))));
  }

  @Test
  void readOnlyOpenRefusesWrites() {
    db.close();
    db = AsyncDb.open(OpenOptions.builder(tmp).readOnly(true).build());
    fails("DB_READ_ONLY", () -> db.collection("users").create(Map.of("name", "No", "email", "no@example.com")));
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> m = new java.util.LinkedHashMap<>(base);
    m.put(key, value);
    return m;
  }
}
