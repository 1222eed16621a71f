package dev.asyncdb.cli.schema;

import static dev.asyncdb.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.CliRun;
import dev.asyncdb.cli.CliRun.Result;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.schema.Relation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schema manifest}: the original's manifest shape plus the ui rules. */
class SchemaManifestTest {
  @TempDir
  Path tmp;

  private static final String FIELDS = """
      {"kind": "collection", "description": "People.", "fields": {
        "id": {"type": "string", "required": true},
        "email": {"type": "string", "unique": true},
        "avatarUrl": {"type": "string"},
        "website": {"type": "string"},
        "bio": {"type": "string"},
        "headline": {"type": "string", "maxLength": 300},
        "name": {"type": "string", "minLength": 1, "maxLength": 80},
        "active": {"type": "boolean"},
        "role": {"type": "enum", "values": ["a", "b", "c"]},
        "plan": {"type": "enum", "values": ["a", "b", "c", "d"]},
        "joined": {"type": "datetime"},
        "age": {"type": "integer", "min": 0},
        "tags": {"type": "array", "items": {"type": "string"}},
        "perms": {"type": "array", "items": {"type": "enum", "values": ["r", "w"]}},
        "scores": {"type": "array", "items": {"type": "number"}},
        "address": {"type": "object", "fields": {"city": {"type": "string"}}},
        "extra": {"type": "object"},
        "teamId": {"type": "string", "relation": {"to": "teams"}},
        "version": {"type": "integer", "readOnly": true}
      }, "seed": []}
      """;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Object root, String... path) {
    Object cur = root;
    for (String p : path) {
      cur = ((Map<String, Object>) cur).get(p);
    }
    return (Map<String, Object>) cur;
  }

  @Test
  void manifestHasTheOriginalShapeAndAUiHintPerField() {
    CliRun.project(tmp, "db/people.schema.json", FIELDS, "db/teams.json", "[{\"id\": \"t1\"}]", "db/settings.json", "{\"theme\": \"dark\"}");
    Result r = run("--project", tmp.toString(), "schema", "manifest");
    assertThat(r.code()).isZero();
    Object m = Json.parse(r.out());
    assertThat(at(m)).containsOnlyKeys("version", "collections", "documents");
    assertThat(at(m, "documents")).containsOnlyKeys("settings");
    Map<String, Object> people = at(m, "collections", "people");
    assertThat(List.copyOf(people.keySet())).containsExactly("kind", "name", "fields", "description", "idField");
    Map<String, String> components = new java.util.LinkedHashMap<>();
    at(people, "fields").forEach((k, v) -> components.put(k, (String) at(v, "ui").get("component")));
    assertThat(components).containsExactly(
        Map.entry("id", "text"), Map.entry("email", "email"), Map.entry("avatarUrl", "image"), Map.entry("website", "url"),
        Map.entry("bio", "textarea"), Map.entry("headline", "textarea"), Map.entry("name", "text"), Map.entry("active", "toggle"),
        Map.entry("role", "radio"), Map.entry("plan", "select"), Map.entry("joined", "datetime"), Map.entry("age", "number"),
        Map.entry("tags", "tags"), Map.entry("perms", "multiSelect"), Map.entry("scores", "list"), Map.entry("address", "fieldset"),
        Map.entry("extra", "json"), Map.entry("teamId", "relationSelect"), Map.entry("version", "number"));
    assertThat(at(people, "fields", "id", "ui")).containsEntry("readonly", true).containsEntry("label", "ID");
    assertThat(at(people, "fields", "version", "ui")).containsEntry("readonly", true);
    assertThat(at(people, "fields", "email", "ui")).doesNotContainKey("readonly");
    assertThat(at(people, "fields", "teamId", "ui")).containsEntry("label", "Team")
        .containsEntry("optionsFrom", Map.of("resource", "teams", "valueField", "id"));
    assertThat(at(people, "fields", "name")).containsEntry("minLength", 1L).containsEntry("maxLength", 80L);
    assertThat(List.copyOf(at(people, "fields", "email").keySet())).containsExactly("type", "required", "nullable", "unique", "ui");
    assertThat(at(people, "fields", "address", "fields", "city", "ui")).containsEntry("component", "text");
    assertThat(at(people, "fields", "tags", "items")).containsEntry("type", "string").doesNotContainKey("ui");
  }

  @Test
  void manifestOutWritesTheFileRelativeToTheProject() {
    Path project = CliRun.example("schema-manifest", tmp);
    Result r = run("--project", project.toString(), "schema", "manifest", "--out", "src/generated/db.schema.json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Generated src/generated/db.schema.json\n");
    Object m = Json.parse(CliRun.read(project.resolve("src/generated/db.schema.json")));
    assertThat(at(m, "collections", "projects", "fields", "notes", "ui")).containsEntry("component", "textarea");
    assertThat(at(m, "collections", "projects", "fields", "ownerId", "ui")).containsEntry("component", "relationSelect");
  }

  @Test
  void manifestGoesToOutputsSchemaManifestWhenConfigured() {
    Path project = CliRun.example("schema-manifest", tmp);
    CliRun.project(project, "db.config.json", "{\"outputs\": {\"schemaManifest\": \"./generated/manifest.json\"}}");
    Result r = run("--project", project.toString(), "schema", "manifest");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Generated generated/manifest.json\n");
    assertThat(project.resolve("generated/manifest.json")).exists();
  }

  @Test
  void labelsAreWordsOfTheFieldName() {
    assertThat(SchemaManifest.label("ownerId")).isEqualTo("Owner ID");
    assertThat(SchemaManifest.label("created_at")).isEqualTo("Created at");
    assertThat(SchemaManifest.label("URL")).isEqualTo("Url");
    assertThat(SchemaManifest.label("bodyMarkdown")).isEqualTo("Body markdown");
  }

  @Test
  void relationFieldsAreRelationSelectsWhateverTheirName() {
    FieldDef f = new FieldDef("emailOwner", FieldType.STRING, false, false, false, null, null, false, null, null, null, null, null,
        false, null, new Relation("owner", "users", "id", "one"), null, null, null, false, null, null, null, false);
    assertThat(SchemaManifest.component(f)).isEqualTo("relationSelect");
  }
}
