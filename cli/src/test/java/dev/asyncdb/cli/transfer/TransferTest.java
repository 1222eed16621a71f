package dev.asyncdb.cli.transfer;

import static dev.asyncdb.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.CliRun;
import dev.asyncdb.cli.CliRun.Result;
import dev.asyncdb.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} and {@code export}: loading through the engine, unloading, round trips and every failure path. */
class TransferTest {
  @TempDir
  Path tmp;

  @Test
  void exportWritesJsonToStdoutAndTheSummaryToStderr() {
    Result r = run("--project", CliRun.example("data-first", tmp).toString(), "export", "users");
    assertThat(r.code()).isZero();
    assertThat(Json.parse(r.out()).toString()).contains("Ada Lovelace").contains("Grace Hopper");
    assertThat(r.err()).isEqualTo("Exported 2 record(s) from users\n");
  }

  @Test
  void exportCsvQuotesStringsThatWouldReadBackAsOtherTypes() {
    Path project = CliRun.project(tmp.resolve("p"), "db/items.json",
        "[{\"id\": \"1\", \"name\": \"a, b\", \"zip\": \"02139\", \"flag\": \"true\", \"n\": 3, \"ok\": false, \"tags\": [\"x\"]}, {\"id\": \"2\", \"name\": \"\"}]");
    Result r = run("--project", project.toString(), "export", "items", "--out", "items.csv");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Exported 2 record(s) from items to items.csv\n");
    assertThat(CliRun.read(project.resolve("items.csv"))).isEqualTo("""
        id,name,zip,flag,n,ok,tags
        "1","a, b",02139,"true",3,false,"[""x""]"
        "2","",,,,,
        """);
  }

  @Test
  void csvExportReadsBackUnchangedThroughImport() throws Exception {
    Path source = CliRun.example("csv", tmp);
    Path exported = tmp.resolve("customers-copy.csv");
    Result out = run("--project", source.toString(), "export", "customers", "--format", "csv");
    Files.writeString(exported, out.out());
    Path target = CliRun.project(tmp.resolve("target"), "db/.keep/x", "");
    Result imported = run("--project", target.toString(), "import", exported.toString(), "--as", "customers");
    assertThat(imported.code()).isZero();
    assertThat(imported.out()).isEqualTo("Imported 3 record(s) into new collection customers (db/customers.csv)\n");
    assertThat(run("--project", target.toString(), "export", "customers").out())
        .isEqualTo(run("--project", source.toString(), "export", "customers").out());
  }

  @Test
  void importIntoAnExistingCollectionCreatesEachRecordAndReportsFailures() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    Path file = tmp.resolve("more.csv");
    Files.writeString(file, "id,name,email,role\nu_9,Mary Jackson,mj@example.com,user\nu_1,Dup,d@example.com,user\n,Dorothy Vaughan,dv@example.com,user\n");
    Result r = run("--project", project.toString(), "import", file.toString(), "--as", "users");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("Imported 2 of 3 record(s) into users (1 failed)\n");
    assertThat(r.err()).isEqualTo("error: record 2: DB_CREATE_DUPLICATE_ID: Cannot create users record u_1: a record with that id already exists.\n");
    Result count = run("--project", project.toString(), "sql", "--format", "csv", "-e", "select id from users order by id");
    assertThat(count.out()).isEqualTo("id\n4\nu_1\nu_2\nu_9\n");
  }

  @Test
  void importJsonReportsAsJsonWhenAsked() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    Path file = tmp.resolve("users.json");
    Files.writeString(file, "[{\"name\": \"A\", \"email\": \"a@e.com\", \"role\": \"user\"}, {\"name\": \"B\"}]");
    Result r = run("--project", project.toString(), "--json", "import", file.toString());
    assertThat(r.code()).isEqualTo(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) Json.parse(r.out());
    assertThat(report).containsEntry("resource", "users").containsEntry("created", 1L).containsEntry("failed", 1L);
    assertThat(report.get("errors").toString()).contains("record=2").contains("DB_SCHEMA_VALIDATION_FAILED");
  }

  @Test
  void importAnObjectReplacesADocument() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    Path file = tmp.resolve("prefs.jsonc");
    Files.writeString(file, "{\n  // comments are fine\n  \"theme\": \"dark\", \"locale\": \"fr\", \"features\": {\"billing\": true, \"graphql\": false}\n}");
    Result r = run("--project", project.toString(), "import", file.toString(), "--as", "settings");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Imported prefs.jsonc into document settings (replaced)\n");
    assertThat(Json.parse(run("--project", project.toString(), "export", "settings").out())).isEqualTo(
        Map.of("theme", "dark", "locale", "fr", "features", Map.of("billing", true, "graphql", false)));
  }

  @Test
  void importOfANewNameAddsTheFileAsASource() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    Path file = tmp.resolve("audit-log.json");
    Files.writeString(file, "[{\"id\": \"e1\", \"type\": \"login\"}]");
    Result r = run("--project", project.toString(), "import", file.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Imported 1 record(s) into new collection auditLog (db/auditLog.json)\n");
    assertThat(run("--project", project.toString(), "sql", "-e", "select type from auditLog").out()).contains(" login\n");
  }

  @Test
  void aNewSourceThatDoesNotSyncIsTakenBackOut() throws Exception {
    Path project = CliRun.project(tmp.resolve("p"), "db/users.json", "[{\"id\": \"u\"}]",
        "db.config.json", "{\"resources\": {\"ghost\": {\"store\": \"nope\"}}}");
    Path file = tmp.resolve("ghost.json");
    Files.writeString(file, "[{\"id\": \"g\"}]");
    Result r = run("--project", project.toString(), "import", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: STORE_NOT_FOUND");
    assertThat(project.resolve("db/ghost.json")).doesNotExist();
  }

  @Test
  void aFileInTheWayOfANewSourceIsNotReplaced() throws Exception {
    Path project = CliRun.project(tmp.resolve("p"), "db/items.json", "[]", "db.config.json", "{\"schema\": {\"source\": \"schema\"}}");
    Path file = tmp.resolve("items.json");
    Files.writeString(file, "[{\"id\": \"a\"}]");
    Result r = run("--project", project.toString(), "import", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: IMPORT_TARGET_EXISTS: db/items.json exists but is not a resource.");
    assertThat(CliRun.read(project.resolve("db/items.json"))).isEqualTo("[]");
  }

  @Test
  void importFailuresAndUsageErrors() throws Exception {
    String project = CliRun.example("data-first", tmp).toString();
    Result missing = run("--project", project, "import", tmp.resolve("none.csv").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("IMPORT_FILE_NOT_FOUND");

    Path txt = tmp.resolve("data.txt");
    Files.writeString(txt, "[]");
    Result unknownExt = run("--project", project, "import", txt.toString());
    assertThat(unknownExt.code()).isEqualTo(2);
    assertThat(unknownExt.err()).contains("IMPORT_FORMAT_REQUIRED");
    Result badFormat = run("--project", project, "import", txt.toString(), "--format", "xml");
    assertThat(badFormat.code()).isEqualTo(2);
    assertThat(badFormat.err()).contains("IMPORT_UNKNOWN_FORMAT");
    Result badName = run("--project", project, "import", txt.toString(), "--format", "json", "--as", "../x");
    assertThat(badName.code()).isEqualTo(2);
    assertThat(badName.err()).contains("IMPORT_INVALID_NAME");

    Path broken = tmp.resolve("broken.csv");
    Files.writeString(broken, "id,name\n1,\"unterminated\n");
    Result parse = run("--project", project, "import", broken.toString(), "--as", "users");
    assertThat(parse.code()).isEqualTo(1);
    assertThat(parse.err()).contains("IMPORT_PARSE_FAILED").contains("broken.csv:2:");

    Path object = tmp.resolve("one.json");
    Files.writeString(object, "{\"id\": \"x\"}");
    Result shape = run("--project", project, "import", object.toString(), "--as", "users");
    assertThat(shape.code()).isEqualTo(1);
    assertThat(shape.err()).contains("IMPORT_SHAPE_MISMATCH").contains("array of objects");
    Path array = tmp.resolve("many.json");
    Files.writeString(array, "[1]");
    Result notObjects = run("--project", project, "import", array.toString(), "--as", "users");
    assertThat(notObjects.err()).contains("Item 1 of the file is number, not an object.");
    Result docShape = run("--project", project, "import", array.toString(), "--as", "settings");
    assertThat(docShape.code()).isEqualTo(1);
    assertThat(docShape.err()).contains("settings is a document");
    assertThat(List.of(missing, parse, shape)).allSatisfy(r -> assertThat(r.err()).doesNotContain("\tat "));
  }

  @Test
  void exportFailuresAndUsageErrors() {
    Path project = CliRun.example("data-first", tmp);
    Result csvDoc = run("--project", project.toString(), "export", "settings", "--format", "csv");
    assertThat(csvDoc.code()).isEqualTo(1);
    assertThat(csvDoc.err()).contains("EXPORT_CSV_NEEDS_COLLECTION");
    Result unknown = run("--project", project.toString(), "export", "people");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("DB_UNKNOWN_RESOURCE").contains("Use one of: posts, settings, users.");
    Result format = run("--project", project.toString(), "export", "users", "--format", "xml");
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("EXPORT_UNKNOWN_FORMAT");
    CliRun.project(project, "out.json", "keep me");
    Result exists = run("--project", project.toString(), "export", "users", "--out", "out.json");
    assertThat(exists.code()).isEqualTo(1);
    assertThat(exists.err()).contains("EXPORT_OUTPUT_EXISTS");
    assertThat(CliRun.read(project.resolve("out.json"))).isEqualTo("keep me");
    assertThat(run("--project", project.toString(), "export", "users", "--out", "out.json", "--force").code()).isZero();
  }
}
