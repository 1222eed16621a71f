package dev.asyncdb.cli.doctor;

import static dev.asyncdb.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.CliRun;
import dev.asyncdb.cli.CliRun.Result;
import dev.asyncdb.engine.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} / {@code check}: every finding of the original's doctor, both output forms and the exit codes. */
class DoctorCommandTest {
  @TempDir
  Path tmp;

  private Path messyProject() {
    return CliRun.project(tmp,
        "db/users.json", "[{\"id\": \"u1\", \"name\": \"A\", \"age\": 30}, {\"id\": \"u1\", \"name\": \"B\", \"age\": \"old\"}, {\"id\": 2, \"name\": \"C\"}]",
        "db/posts.json", "[{\"id\": \"p1\", \"userId\": \"u1\"}, {\"id\": \"p2\", \"userId\": 2}]",
        "db/comments.json", "[{\"id\": \"c1\", \"postId\": \"p1\"}, {\"id\": \"c2\", \"postId\": \"p9\"}]",
        "db/pages.json", "[{\"id\": \"pg1\", \"blocks\": [{\"text\": \"a\"}, {\"src\": \"b.png\"}]},"
            + " {\"id\": \"pg2\", \"blocks\": [{\"type\": \"text\", \"text\": \"a\"}, {\"type\": \"image\", \"src\": \"b.png\"}]}]",
        "db/tags.json", "[{\"id\": \"t1\", \"label\": \"x\"}]",
        "db/tags.schema.json", "{\"kind\": \"collection\", \"idField\": \"id\", \"fields\": {\"id\": {\"type\": \"string\", \"required\": true},"
            + " \"label\": {\"type\": \"string\", \"required\": true}}}");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> findings(String json) {
    return (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(json)).get("findings");
  }

  private static List<String> codes(List<Map<String, Object>> findings) {
    List<String> codes = new ArrayList<>();
    findings.forEach(f -> codes.add(f.get("code") + "@" + f.get("resource") + (f.get("field") == null ? "" : "." + f.get("field"))));
    return codes;
  }

  @Test
  void theExamplesAreClean() {
    for (String example : List.of("data-first", "relations", "schema-first", "csv", "basic")) {
      Result r = run("--project", CliRun.example(example, tmp).toString(), "doctor");
      assertThat(r.code()).as(example).isZero();
      assertThat(r.out()).as(example).isEqualTo("async-db doctor found no issues\n");
    }
  }

  @Test
  void findsDuplicateAndMixedIdsInconsistentTypesRelationsAndSchemaGuidance() {
    Result r = run("--project", messyProject().toString(), "doctor", "--json");
    assertThat(r.code()).isZero();
    List<Map<String, Object>> findings = findings(r.out());
    assertThat(codes(findings)).contains(
        "DOCTOR_DUPLICATE_ID@users.id",
        "DOCTOR_MIXED_ID_TYPES@users.id",
        "DOCTOR_INCONSISTENT_FIELD_TYPES@users.age",
        "DOCTOR_INCONSISTENT_FIELD_TYPES@posts.userId",
        "DOCTOR_RELATION_SUGGESTION@posts.userId",
        "DOCTOR_RELATION_MISSING_TARGET_VALUES@comments.postId",
        "DOCTOR_SCHEMA_RECOMMENDED@pages.blocks",
        "DOCTOR_SCHEMA_MATCHES_INFERENCE@tags");
    assertThat(codes(findings)).doesNotContain("DOCTOR_RELATION_SUGGESTION@comments.postId");
    Map<String, Object> dup = findings.stream().filter(f -> f.get("code").equals("DOCTOR_DUPLICATE_ID")).findFirst().orElseThrow();
    assertThat(List.copyOf(dup.keySet())).startsWith("code", "severity", "source");
    assertThat(dup).containsEntry("severity", "warn").containsEntry("source", "doctor");
    assertThat(dup.get("details")).isEqualTo(Map.of("idField", "id", "value", "u1", "firstRecordIndex", 0L, "recordIndex", 1L));
    Map<String, Object> missing = findings.stream().filter(f -> f.get("code").equals("DOCTOR_RELATION_MISSING_TARGET_VALUES")).findFirst().orElseThrow();
    assertThat(missing.get("details").toString()).contains("missingValues=[p9]").contains("matchingCount=1").contains("to=posts");
    assertThat(findings.stream().filter(f -> "schema".equals(f.get("source"))).count()).isPositive();
    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) ((Map<String, Object>) Json.parse(r.out())).get("summary");
    assertThat(summary.get("error")).isEqualTo(0L);
    assertThat((Long) summary.get("warn")).isGreaterThanOrEqualTo(5L);
    assertThat((Long) summary.get("info")).isEqualTo(3L);
  }

  @Test
  void textOutputCountsThenListsFindingsWithHints() {
    Result r = run("--project", messyProject().toString(), "doctor");
    assertThat(r.code()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).matches("async-db doctor found 0 error\\(s\\), \\d+ warning\\(s\\), 3 info\\(s\\)");
    assertThat(r.out()).contains("warn: DOCTOR_DUPLICATE_ID: users has duplicate id \"u1\" in records 0 and 1.\n  hint: Make each users.id value unique")
        .contains("info: DOCTOR_RELATION_SUGGESTION: Possible relation detected: posts.userId -> users.id.");
    assertThat(r.out()).doesNotContain("\u001b[");
  }

  @Test
  void strictMakesWarningsFailAndCheckIsTheSameCommand() {
    Path project = messyProject();
    assertThat(run("--project", project.toString(), "check").code()).isZero();
    Result strict = run("--project", project.toString(), "check", "--strict");
    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.out()).startsWith("async-db doctor found 0 error(s)");
    Result clean = run("--project", CliRun.example("relations", tmp).toString(), "doctor", "--strict");
    assertThat(clean.code()).isZero();
  }

  @Test
  void brokenSourcesAreErrorFindingsAndExitOne() {
    CliRun.project(tmp, "db/users.json", "[{\"id\": }]", "db/posts.json", "[]");
    Result r = run("--project", tmp.toString(), "--json", "doctor");
    assertThat(r.code()).isEqualTo(1);
    List<Map<String, Object>> findings = findings(r.out());
    assertThat(findings).anySatisfy(f -> assertThat(f).containsEntry("code", "SOURCE_LOAD_FAILED").containsEntry("severity", "error")
        .containsEntry("source", "schema").containsEntry("file", "db/users.json"));
  }

  @Test
  void aResourceBoundToAMissingStoreIsDoctorStoreNotFound() {
    CliRun.project(tmp, "db/cache.json", "[{\"id\": \"k\"}]", "db/users.json", "[{\"id\": \"u\"}]",
        "db.config.json", "{\"resources\": {\"cache\": {\"store\": \"redis\"}}}");
    Result r = run("--project", tmp.toString(), "doctor");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("async-db doctor found 1 error(s)")
        .contains("error: DOCTOR_STORE_NOT_FOUND: Resource \"cache\" is not available: No store named \"redis\" is configured.")
        .contains("  hint: Define it under \"stores\"");
  }

  @Test
  void aLargeJsonStoreCollectionWithoutIndexesIsAWarningUnlessIndexesAreDeclared() {
    StringBuilder records = new StringBuilder("[");
    for (int i = 0; i <= StoreChecks.LARGE_JSON_STORE_RECORDS; i++) {
      records.append(i == 0 ? "" : ",").append("{\"id\":\"e").append(i).append("\",\"n\":").append(i).append('}');
    }
    CliRun.project(tmp, "db/events.json", records.append(']').toString());
    Result r = run("--project", tmp.toString(), "doctor", "--strict");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("warn: DOCTOR_LARGE_JSON_STORE_WITHOUT_INDEXES: Resource \"events\" has 1001 records in the JSON store");
    CliRun.project(tmp, "db.config.json", "{\"resources\": {\"events\": {\"indexes\": [{\"fields\": [\"n\"]}]}}}");
    assertThat(run("--project", tmp.toString(), "doctor", "--strict").code()).isZero();
    CliRun.project(tmp, "db.config.json", "{\"resources\": {\"events\": {\"store\": \"memory\"}}}");
    assertThat(run("--project", tmp.toString(), "doctor", "--strict").code()).isZero();
  }
}
