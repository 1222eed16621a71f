package dev.asyncdb.cli.schema;

import static dev.asyncdb.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.CliRun;
import dev.asyncdb.cli.CliRun.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schema [NAME]}, {@code schema infer} and {@code schema validate} on the examples. */
class SchemaCommandTest {
  @TempDir
  Path tmp;

  private static Map<String, Object> json(String text) {
    return CliRun.object(text);
  }

  @Test
  void schemaPrintsTheGeneratedSchemaOfEveryResourceWithoutWritingFiles() {
    Path project = CliRun.example("relations", tmp);
    Result r = run("--project", project.toString(), "schema");
    assertThat(r.code()).isZero();
    Map<String, Object> schema = json(r.out());
    assertThat(schema).containsKeys("version", "generatedAt", "resources", "relations", "rest", "graphql", "diagnostics");
    assertThat(CliRun.object(schema, "resources")).containsOnlyKeys("posts", "users");
    assertThat(r.out()).contains("\"to\": \"users\"");
    assertThat(project.resolve(".db")).doesNotExist();
  }

  @Test
  void schemaNamePrintsOneResourceFoundThroughItsAliases() {
    Path project = CliRun.example("schema-first", tmp);
    Result r = run("--project", project.toString(), "schema", "audit-events");
    assertThat(r.code()).isZero();
    Map<String, Object> resource = json(r.out());
    assertThat(resource).containsEntry("kind", "collection").containsEntry("typeName", "AuditEvent").containsEntry("idField", "id");
  }

  @Test
  void unknownResourceIsSchemaUnknownResource() {
    Path project = CliRun.example("data-first", tmp);
    Result r = run("--project", project.toString(), "schema", "nope");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: SCHEMA_UNKNOWN_RESOURCE: Unknown resource \"nope\".").contains("hint: Use one of: posts, settings, users.");
  }

  @Test
  void schemaOfABrokenProjectFailsWithItsDiagnostics() {
    CliRun.project(tmp, "db/users.json", "[{\"id\": }]");
    Result r = run("--project", tmp.toString(), "schema");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("SOURCE_LOAD_FAILED").contains("DB_SYNC_FAILED");
  }

  @Test
  void inferIgnoresSchemaFiles() {
    Path project = CliRun.example("diagnostics", tmp);
    Result r = run("--project", project.toString(), "schema", "infer", "users");
    assertThat(r.code()).isZero();
    Map<String, Object> users = json(r.out());
    assertThat(CliRun.object(users, "fields")).containsKey("twitterHandle");
    assertThat(CliRun.object(users, "source")).containsEntry("typeSource", "data");
    Result all = run("--project", project.toString(), "schema", "infer");
    assertThat(CliRun.object(json(all.out()), "resources")).containsOnlyKeys("users");
  }

  @Test
  void inferOutWritesASchemaSourceThatSyncThenUsesAsTheContract() {
    Path project = CliRun.example("csv", tmp);
    Result r = run("--project", project.toString(), "schema", "infer", "customers", "--out", "db/customers.schema.jsonc");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Generated db/customers.schema.jsonc\n");
    Map<String, Object> source = json(CliRun.read(project.resolve("db/customers.schema.jsonc")));
    assertThat(source).containsEntry("kind", "collection").containsEntry("idField", "customerId");
    assertThat(CliRun.object(source, "fields")).containsKeys("customerId", "postalCode", "signupScore");
    Result schema = run("--project", project.toString(), "schema", "customers");
    assertThat(CliRun.object(json(schema.out()), "source")).containsEntry("typeSource", "schema");
  }

  @Test
  void inferOutRefusesToOverwriteADifferentFileWithoutForce() {
    Path project = CliRun.example("csv", tmp);
    CliRun.project(project, "db/customers.schema.jsonc", "{\"kind\": \"collection\"}");
    Result r = run("--project", project.toString(), "schema", "infer", "customers", "--out", "db/customers.schema.jsonc");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("SCHEMA_OUTPUT_EXISTS").contains("--force");
    assertThat(CliRun.read(project.resolve("db/customers.schema.jsonc"))).isEqualTo("{\"kind\": \"collection\"}");
    assertThat(run("--project", project.toString(), "schema", "infer", "customers", "--out", "db/customers.schema.jsonc", "--force").code())
        .isZero();
  }

  @Test
  void inferOutWithoutANameIsAUsageError() {
    Path project = CliRun.example("csv", tmp);
    Result r = run("--project", project.toString(), "schema", "infer", "--out", "x.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("error: SCHEMA_INFER_OUT_REQUIRES_RESOURCE").contains("async-db schema infer --help");
    assertThat(project.resolve("x.json")).doesNotExist();
  }

  @Test
  void inferOfASchemaOnlyResourceSaysThereIsNoDataFile() {
    Path project = CliRun.example("relations", tmp);
    Result r = run("--project", project.toString(), "schema", "infer", "users");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("SCHEMA_UNKNOWN_RESOURCE").contains("No data file").contains("reads data files only");
  }

  @Test
  void validateOfACleanProjectSaysSchemaValid() {
    Result r = run("--project", CliRun.example("relations", tmp).toString(), "schema", "validate");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Schema valid\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void validateWithWarningsPrintsThemAndSucceeds() {
    Result r = run("--project", CliRun.example("diagnostics", tmp).toString(), "schema", "validate");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Schema valid with warnings\n");
    assertThat(r.err()).contains("warn: SCHEMA_UNKNOWN_FIELD").contains("metadata.priority");
  }

  @Test
  void validateWithErrorsPrintsEveryDiagnosticAndExitsOne() {
    CliRun.project(tmp, "db/users.json", "[{\"id\": }]", "db/posts.schema.json",
        "{\"kind\": \"collection\", \"fields\": {\"id\": {\"type\": \"string\", \"required\": true}, \"n\": {\"type\": \"integer\"}},"
            + " \"seed\": [{\"id\": \"p1\", \"n\": \"x\"}]}",
        "db/settings.json", "{\"theme\": \"dark\"}");
    Result r = run("--project", tmp.toString(), "schema", "validate");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: SOURCE_LOAD_FAILED").contains("db/users.json:1:").contains("SCHEMA_FIELD_TYPE_MISMATCH")
        .contains("Schema invalid: 2 error(s)");
    assertThat(r.out()).isEmpty();
  }
}
