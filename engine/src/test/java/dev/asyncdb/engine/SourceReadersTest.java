package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.schema.FieldType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON, JSONC, JSON Lines and CSV sources, and what happens when one is malformed. */
class SourceReadersTest {
  @TempDir
  Path tmp;

  private AsyncDb open(String... files) {
    return AsyncDb.open(OpenOptions.builder(TestProjects.project(tmp, files)).allowSourceErrors(true).build());
  }

  @Test
  void malformedJsonIsADiagnosticWithLineAndColumnAndOtherResourcesStayAvailable() {
    try (AsyncDb db = open("db/users.json", "[{\"id\": \"u_1\"}]", "db/broken.json", "[\n  {\"id\": \"x\",}\n]")) {
      assertThat(db.resourceNames()).containsExactly("users");
      Diagnostic d = db.diagnostics().stream().filter(x -> x.code().equals("SOURCE_LOAD_FAILED")).findFirst().orElseThrow();
      assertThat(d.file()).isEqualTo("db/broken.json");
      assertThat(d.line()).isEqualTo(2);
      assertThat(d.column()).isGreaterThan(10);
      assertThat(d.message()).contains("db/broken.json:2:");
      assertThat(d.hint()).contains(".jsonc");
    }
  }

  @Test
  void openWithoutAllowingErrorsFailsAndNamesTheFile() {
    TestProjects.project(tmp, "db/broken.json", "{\"a\": }");
    assertThatThrownBy(() -> AsyncDb.open(tmp))
        .isInstanceOf(DbException.class)
        .hasMessageContaining("db/broken.json:1:")
        .satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("DB_SYNC_FAILED"));
  }

  @Test
  void jsoncAllowsCommentsAndTrailingCommasButJsonDoesNot() {
    try (AsyncDb db = open("db/settings.jsonc", "{\n // comment\n \"theme\": \"dark\", /* more */\n \"tags\": [1, 2,],\n}",
        "db/strict.json", "{\"a\": 1, // nope\n}")) {
      assertThat(db.document("settings").get()).isEqualTo(Map.of("theme", "dark", "tags", List.of(1L, 2L)));
      assertThat(db.resourceNames()).doesNotContain("strict");
    }
  }

  @Test
  void singleQuotedStringsAreRejectedInJsonc() {
    try (AsyncDb db = open("db/bad.jsonc", "{'a': 1}")) {
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SOURCE_LOAD_FAILED") && "db/bad.jsonc".equals(d.file()));
    }
  }

  @Test
  void csvHandlesQuotesEmbeddedCommasNewlinesAndBom() {
    String csv = "\uFEFFid,Name,Notes,Zip Code,Score\r\nc_1,\"Lovelace, Ada\",\"line one\nline two\",02139,1.5\r\nc_2,\"Say \"\"hi\"\"\",,10001,\"7\"\r\n\r\n";
    try (AsyncDb db = open("db/people.csv", csv)) {
      Map<String, Object> ada = db.collection("people").get("c_1");
      assertThat(ada).containsEntry("name", "Lovelace, Ada").containsEntry("notes", "line one\nline two")
          .containsEntry("zipCode", "02139").containsEntry("score", 1.5);
      Map<String, Object> two = db.collection("people").get("c_2");
      assertThat(two).containsEntry("name", "Say \"hi\"").containsEntry("score", "7").doesNotContainKey("notes");
      assertThat(db.collection("people").count()).isEqualTo(2);
      assertThat(db.schema("people").field("score").type()).isEqualTo(FieldType.JSON);
    }
  }

  @Test
  void csvUnterminatedQuoteAndMissingHeaderAreDiagnostics() {
    try (AsyncDb db = open("db/a.csv", "id,name\n1,\"open\n", "db/b.csv", "", "db/c.csv", "id\nok")) {
      assertThat(db.resourceNames()).containsExactly("c");
      Diagnostic quote = db.diagnostics().stream().filter(d -> d.code().equals("CSV_UNTERMINATED_QUOTE")).findFirst().orElseThrow();
      assertThat(quote.file()).isEqualTo("db/a.csv");
      assertThat(quote.line()).isEqualTo(2);
      assertThat(quote.column()).isEqualTo(3);
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("CSV_MISSING_HEADER") && "db/b.csv".equals(d.file()));
    }
  }

  @Test
  void jsonLinesStreamRecords() {
    try (AsyncDb db = open("db/events.jsonl", "{\"id\":\"e1\",\"n\":1}\n\n{\"id\":\"e2\",\"n\":2.5}\n")) {
      assertThat(db.collection("events").count()).isEqualTo(2);
      assertThat(db.collection("events").get("e2")).containsEntry("n", 2.5);
    }
  }

  @Test
  void jsonLinesErrorNamesTheLine() {
    try (AsyncDb db = open("db/events.ndjson", "{\"id\":\"e1\"}\n{\"id\": oops}\n")) {
      Diagnostic d = db.diagnostics().stream().filter(x -> x.code().equals("SOURCE_LOAD_FAILED")).findFirst().orElseThrow();
      assertThat(d.line()).isEqualTo(2);
    }
  }

  @Test
  void nonObjectItemsAreReportedAndSkipped() {
    try (AsyncDb db = open("db/items.json", "[{\"id\":\"a\"}, 42, \"x\"]")) {
      assertThat(db.collection("items").count()).isEqualTo(1);
      assertThat(db.diagnostics()).anyMatch(d -> d.code().equals("SCHEMA_RECORD_INVALID") && d.message().contains("[1, 2]"));
    }
  }

  @Test
  void duplicateKeysInARecordKeepTheLastValueLikeJsonParse() {
    try (AsyncDb db = open("db/items.json", "[{\"id\":\"a\",\"v\":1,\"v\":2}]")) {
      assertThat(db.collection("items").get("a")).containsEntry("v", 2L);
    }
  }

  @Test
  void dotFoldersAndOperationsAreSkippedAndNestedFoldersAreRead() {
    try (AsyncDb db = open("db/.hidden/x.json", "[]", "db/operations/op.json", "{}", "db/cms/pages.json", "[{\"id\":\"p\"}]")) {
      assertThat(db.resourceNames()).containsExactly("pages");
    }
  }

  @Test
  void filesMappingToOneResourceNameAreReported() {
    try (AsyncDb db = open("db/user-profiles.json", "[{\"id\":\"a\"}]", "db/userProfiles.json", "[{\"id\":\"b\"}]")) {
      Diagnostic d = db.diagnostics().stream().filter(x -> x.code().equals("DUPLICATE_RESOURCE_NAME")).findFirst().orElseThrow();
      assertThat(d.message()).contains("db/user-profiles.json").contains("db/userProfiles.json");
      assertThat(d.hint()).contains("naming");
    }
    assertThatThrownBy(() -> AsyncDb.open(tmp)).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("DB_SYNC_FAILED"));
  }

  @Test
  void configFileIsReadWithComments() {
    try (AsyncDb db = open("db.config.json", "{ // comment\n \"dbDir\": \"./data\" }", "data/things.json", "[{\"id\":\"t\"}]")) {
      assertThat(db.resourceNames()).containsExactly("things");
    }
  }

  @Test
  void legacyRuntimeConfigIsRejected() {
    TestProjects.project(tmp, "db.config.json", "{\"runtime\": {}}");
    assertThatThrownBy(() -> AsyncDb.open(tmp)).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("CONFIG_UNSUPPORTED_RUNTIME_BOUNDARY"));
  }

  @Test
  void loadProgressCountsEveryByteOfTheDataFilesOnce() throws Exception {
    StringBuilder big = new StringBuilder("[");
    for (int i = 0; i < 40_000; i++) {
      big.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\",\"text\":\"").append("x".repeat(40)).append("\"}");
    }
    big.append("]");
    TestProjects.project(tmp, "db/big.json", big.toString(), "db/small.csv", "id,name\n1,Ada\n", "db/lines.jsonl", "{\"id\":1}\n{\"id\":2}\n",
        "db/broken.json", "[{\"id\": 1,");
    long total = 0;
    for (String f : List.of("big.json", "small.csv", "lines.jsonl", "broken.json")) {
      total += java.nio.file.Files.size(tmp.resolve("db").resolve(f));
    }
    List<long[]> updates = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(tmp).allowSourceErrors(true).progress((read, all) -> updates.add(new long[] {read, all})).build())) {
      assertThat(db.collection("big").count()).isEqualTo(40_000);
    }
    long expected = total;
    assertThat(updates.size()).isGreaterThan(2);
    assertThat(updates).allSatisfy(u -> assertThat(u[1]).isEqualTo(expected));
    assertThat(updates.stream().mapToLong(u -> u[0]).max().getAsLong()).isEqualTo(expected);
    assertThat(updates.get(updates.size() - 1)[0]).isEqualTo(expected);
  }
}
