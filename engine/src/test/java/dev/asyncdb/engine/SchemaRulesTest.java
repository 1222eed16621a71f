package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema rules: unknown-field policies, mixed mode, inference corner cases, relations, config overrides. */
class SchemaRulesTest {
  @TempDir
  Path tmp;

  private static final String SCHEMA = "{\"kind\":\"collection\",\"fields\":{\"id\":{\"type\":\"string\",\"required\":true},"
      + "\"name\":{\"type\":\"string\"}}}";

  private AsyncDb open(boolean allowErrors, String... files) {
    return AsyncDb.open(OpenOptions.builder(TestProjects.project(tmp, files)).allowSourceErrors(allowErrors).build());
  }

  @Test
  void unknownFieldsErrorPolicyRefusesSeedsAndWrites() {
    try (AsyncDb db = open(true, "db.config.json", "{\"schema\":{\"unknownFields\":\"error\"}}",
        "db/users.schema.json", SCHEMA, "db/users.json", "[{\"id\":\"u_1\",\"extra\":1}]")) {
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_UNKNOWN_FIELD") && d.isError() && "extra".equals(d.field()));
      assertThatThrownBy(() -> db.collection("users").create(Map.of("id", "u_2", "other", true)))
          .isInstanceOf(DbException.class).hasMessageContaining("other");
    }
    assertThatThrownBy(() -> AsyncDb.open(tmp)).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("DB_SYNC_FAILED"));
  }

  @Test
  void unknownFieldsAllowPolicyIsSilentAndKeepsValues() {
    try (AsyncDb db = open(false, "db.config.json", "{\"schema\":{\"unknownFields\":\"allow\"}}",
        "db/users.schema.json", SCHEMA, "db/users.json", "[{\"id\":\"u_1\",\"extra\":1}]")) {
      assertThat(db.diagnostics()).noneMatch(d -> d.code().equals("SCHEMA_UNKNOWN_FIELD"));
      assertThat(db.collection("users").create(Map.of("id", "u_2", "other", true))).containsEntry("other", true);
    }
  }

  @Test
  void mixedModeIgnoresTheEmbeddedSeedWithAWarning() {
    try (AsyncDb db = open(false, "db/users.schema.json", SCHEMA.replace("}}}", "}},\"seed\":[{\"id\":\"from-schema\"}]}"),
        "db/users.json", "[{\"id\":\"from-data\"}]")) {
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactly("from-data");
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_SEED_IGNORED_IN_MIXED_MODE") && !d.isError());
    }
  }

  @Test
  void mixedTypesBecomeJsonWithADiagnosticAndNumbersRememberIntegrality() {
    try (AsyncDb db = open(false, "db/things.json", "[{\"id\":\"a\",\"v\":1,\"w\":1,\"x\":1.5},{\"id\":\"b\",\"v\":\"one\",\"w\":2,\"x\":2}]")) {
      assertThat(db.schema("things").field("v").type()).isEqualTo(FieldType.JSON);
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_INFERRED_MIXED_TYPES") && "v".equals(d.field()));
      assertThat(db.schema("things").field("w").integral()).isTrue();
      assertThat(db.schema("things").field("x").integral()).isFalse();
    }
  }

  @Test
  void taggedArraysInferVariants() {
    try (AsyncDb db = open(false, "db/pages.json", "[{\"id\":\"p\",\"blocks\":[{\"type\":\"text\",\"body\":\"hi\"},"
        + "{\"type\":\"image\",\"url\":\"x.png\",\"alt\":\"x\"}]}]")) {
      FieldDef items = db.schema("pages").field("blocks").items();
      assertThat(items.discriminator()).isEqualTo("type");
      assertThat(items.variants()).containsOnlyKeys("image", "text");
      assertThat(items.variants().get("image")).containsKeys("type", "url", "alt");
    }
  }

  @Test
  void idFieldCanBeConfiguredPerCollection() {
    try (AsyncDb db = open(false, "db.config.json", "{\"collections\":{\"chart-mappings\":{\"idField\":\"mappingKey\"}}}",
        "db/chart-mappings.json", "[{\"mappingKey\":\"k1\",\"id\":\"ignored\"}]")) {
      assertThat(db.schema("chartMappings").idField()).isEqualTo("mappingKey");
      assertThat(db.collection("chartMappings").get("k1")).isNotNull();
    }
  }

  @Test
  void relationsToMissingTargetsAreReported() {
    String posts = "{\"kind\":\"collection\",\"fields\":{\"id\":{\"type\":\"string\"},"
        + "\"authorId\":{\"type\":\"string\",\"required\":true,\"relation\":{\"to\":\"users\"}},"
        + "\"editorId\":{\"type\":\"string\",\"relation\":{\"to\":\"users\"}},"
        + "\"tagId\":{\"type\":\"string\",\"relation\":{\"to\":\"tags\"}}},"
        + "\"seed\":[{\"id\":\"p1\",\"authorId\":\"u_9\",\"editorId\":\"u_8\"}]}";
    try (AsyncDb db = open(true, "db/posts.schema.json", posts, "db/users.json", "[{\"id\":\"u_1\"}]")) {
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_RELATION_TARGET_MISSING") && d.isError() && "authorId".equals(d.field())
          && d.message().contains("u_9"));
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_RELATION_TARGET_MISSING") && !d.isError() && "editorId".equals(d.field()));
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_RELATION_TARGET_RESOURCE_MISSING") && "tagId".equals(d.field()));
    }
  }

  @Test
  void invalidSchemaDefinitionsAreDiagnosticsNamingTheFile() {
    try (AsyncDb db = open(true, "db/bad.schema.json", "{\"kind\":\"table\",\"fields\":{\"a\":{\"type\":\"strng\"},\"b\":{\"type\":\"string\",\"pattern\":\"([\"}}}")) {
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_KIND_INVALID") && "db/bad.schema.json".equals(d.file()));
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_FIELD_TYPE_INVALID") && d.message().contains("strng"));
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_FIELD_CONSTRAINT_INVALID") && "b".equals(d.field()));
    }
  }

  @Test
  void schemaKindMustAgreeWithTheData() {
    try (AsyncDb db = open(true, "db/settings.schema.json", "{\"kind\":\"document\",\"fields\":{}}", "db/settings.json", "[]")) {
      assertThat(db.resourceNames()).doesNotContain("settings");
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_KIND_MISMATCH"));
    }
  }
}
