package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled example opens with the resources, types and diagnostics the original produces. */
class ExamplesTest {
  @TempDir
  Path tmp;

  static Stream<String> examples() throws Exception {
    try (Stream<Path> dirs = Files.list(TestProjects.examples())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleOpensAndWritesGeneratedFiles(String example) throws Exception {
    Path project = TestProjects.copyExample(example, tmp);
    try (AsyncDb db = AsyncDb.open(project)) {
      assertThat(db.resourceNames()).isNotEmpty();
      assertThat(db.diagnostics()).noneMatch(Diagnostic::isError);
      assertThat(db.awaitSync()).contains("Synced runtime store");
      assertThat(project.resolve(".db/schema.generated.json")).exists();
      assertThat(project.resolve(".db/state/.sources.json")).exists();
      for (String name : db.resourceNames()) {
        assertThat(project.resolve(".db/state/" + name + ".json")).exists();
      }
    }
  }

  @Test
  void csvCustomersAreTypedAsTheOriginalTypesThem() {
    try (AsyncDb db = AsyncDb.open(TestProjects.copyExample("csv", tmp))) {
      ResourceSchema s = db.schema("customers");
      assertThat(s.idField()).isEqualTo("customerId");
      assertThat(s.fields().keySet()).containsExactly("active", "customerId", "email", "name", "plan", "postalCode", "signupScore");
      assertThat(s.fields().values()).allMatch(FieldDef::required);
      assertThat(s.field("active").type()).isEqualTo(FieldType.BOOLEAN);
      assertThat(s.field("signupScore").type()).isEqualTo(FieldType.NUMBER);
      assertThat(s.field("signupScore").integral()).isTrue();
      assertThat(s.field("postalCode").type()).isEqualTo(FieldType.STRING);
      Map<String, Object> ada = db.collection("customers").get("c_1");
      assertThat(ada).containsEntry("postalCode", "02139").containsEntry("active", true).containsEntry("signupScore", 98L);
      assertThat(ada.keySet()).containsExactly("customerId", "name", "email", "plan", "active", "signupScore", "postalCode");
    }
  }

  @Test
  void dataFirstInfersCollectionsAndDocument() {
    try (AsyncDb db = AsyncDb.open(TestProjects.copyExample("data-first", tmp))) {
      assertThat(db.resourceNames()).containsExactly("posts", "settings", "users");
      ResourceSchema posts = db.schema("posts");
      assertThat(posts.kind()).isEqualTo(ResourceKind.COLLECTION);
      assertThat(posts.field("published").type()).isEqualTo(FieldType.BOOLEAN);
      assertThat(posts.field("tags").type()).isEqualTo(FieldType.ARRAY);
      assertThat(posts.field("tags").items().type()).isEqualTo(FieldType.STRING);
      ResourceSchema settings = db.schema("settings");
      assertThat(settings.kind()).isEqualTo(ResourceKind.DOCUMENT);
      assertThat(settings.field("features").type()).isEqualTo(FieldType.OBJECT);
      assertThat(settings.field("features").fields()).containsKeys("billing", "graphql");
      assertThat(settings.fields().values()).noneMatch(FieldDef::required);
      assertThat(db.document("settings").get("/features/graphql")).isEqualTo(true);
    }
  }

  @Test
  void diagnosticsExampleWarnsAboutUnknownFields() {
    try (AsyncDb db = AsyncDb.open(TestProjects.copyExample("diagnostics", tmp))) {
      List<Diagnostic> unknown = db.diagnostics().stream().filter(d -> d.code().equals("SCHEMA_UNKNOWN_FIELD")).toList();
      assertThat(unknown).extracting(Diagnostic::field).contains("twitterHandle", "metadata.priority");
      assertThat(unknown).allMatch(d -> d.severity() == Diagnostic.Severity.WARN);
      assertThat(db.collection("users").get("u_1")).containsEntry("twitterHandle", "@ada");
    }
  }

  @Test
  void advancedExampleMixesModesAndReadsJsoncDocument() {
    try (AsyncDb db = AsyncDb.open(TestProjects.copyExample("advanced", tmp))) {
      assertThat(db.schema("projects").fieldsFromSchema()).isTrue();
      assertThat(db.collection("projects").get("proj_1")).containsEntry("status", "active");
      assertThat(db.document("settings").get("theme")).isEqualTo("dark");
      assertThat(db.document("settings").get(List.of("features", "billing"))).isEqualTo(true);
    }
  }

  @Test
  void schemaFirstDefinesEmptyCollectionAndDocumentWithDefaults() {
    try (AsyncDb db = AsyncDb.open(TestProjects.copyExample("schema-first", tmp))) {
      assertThat(db.collection("auditEvents").count()).isZero();
      assertThat(db.collection("AuditEvents").name()).isEqualTo("auditEvents");
      assertThat(db.collection("audit-events").name()).isEqualTo("auditEvents");
      assertThat(db.document("settings").get()).containsEntry("theme", "light");
      Map<String, Object> created = db.collection("users").create(Map.of("name", "Grace", "email", "grace@example.com"));
      assertThat(created).containsEntry("role", "user").containsEntry("id", "2");
    }
  }

  @Test
  void relationsAreDeclaredAndChecked() {
    try (AsyncDb db = AsyncDb.open(TestProjects.copyExample("relations", tmp))) {
      FieldDef author = db.schema("posts").field("authorId");
      assertThat(author.relation().to()).isEqualTo("users");
      assertThat(author.relation().name()).isEqualTo("author");
      assertThat(db.diagnostics()).noneMatch(d -> d.code().startsWith("SCHEMA_RELATION"));
    }
  }

  @Test
  void generatedSchemaIsStableWhenNothingChanged() throws Exception {
    Path project = TestProjects.copyExample("data-first", tmp);
    AsyncDb.open(project).close();
    Path generated = project.resolve(".db/schema.generated.json");
    String first = Files.readString(generated);
    var mtime = Files.getLastModifiedTime(generated);
    AsyncDb.open(project).close();
    assertThat(Files.readString(generated)).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(generated)).isEqualTo(mtime);
  }
}
