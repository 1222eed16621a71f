package dev.asyncdb.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.OpenOptions;
import dev.asyncdb.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kept seed and relation check results over real projects: a reopen of unchanged sources takes
 * them instead of scanning the records, with the same findings (as JSON) a scan gives; a change of the
 * data, the schema, the configuration, a relation's target or the engine build makes the open check
 * again and say why; damaged results are ignored with a warning and rebuilt.
 */
class CheckResultsTest {
  private static final String POSTS = ".db/snapshots/posts.checks.json";
  private static final String TOOK = "Took the check results of posts from " + POSTS;
  private static final String KEPT = "Kept the check results of posts in " + POSTS;
  private static final String SCHEMA = """
      {
        // comments do not count as a schema change
        "kind": "collection",
        "idField": "id",
        "fields": {
          "id": {"type": "string", "required": true},
          "userId": {"type": "string", "required": true, "relation": {"to": "users"}},
          "status": {"type": "enum", "required": true, "values": ["draft", "published"]},
          "views": {"type": "integer", "required": true},
          "createdAt": {"type": "datetime", "required": true}
        }
      }
      """;

  @TempDir
  Path project;

  /** Posts (over 1 MiB, so their results are kept) of 50 users; {@code bad} posts have a broken date, one a missing user. */
  private void writePosts(int count, int bad, Instant mtime) throws IOException {
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < count; i++) {
      String user = i == 7 ? "u_missing" : "u" + (i % 50);
      String date = i % (count / Math.max(1, bad)) == 3 && bad > 0 ? "2024-02-30T10:00:00Z" : "2024-01-1" + (i % 10) + "T10:00:00Z";
      json.append("{\"id\":\"p").append(i).append("\",\"userId\":\"").append(user).append("\",\"status\":\"")
          .append(i % 2 == 0 ? "draft" : "published").append("\",\"views\":").append(i)
          .append(",\"createdAt\":\"").append(date).append("\",\"title\":\"").append("words ".repeat(8)).append("\"}")
          .append(i < count - 1 ? ",\n" : "\n");
    }
    write("db/posts.json", json.append("]\n").toString(), mtime);
  }

  private void writeUsers(int count, Instant mtime) throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":\"u").append(i).append("\",\"name\":\"n").append(i).append("\"}");
    }
    write("db/users.json", json.append("]").toString(), mtime);
  }

  private void write(String path, String content, Instant mtime) throws IOException {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    // Sources modified just now are "racy" (their recorded hash is not trusted): these are older.
    Files.setLastModifiedTime(file, FileTime.from(mtime));
  }

  private static Instant ago(int seconds) {
    return Instant.now().minusSeconds(seconds);
  }

  private record Opened(List<Diagnostic> diagnostics, List<String> log) {}

  private Opened openAndClose() {
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).build())) {
      return new Opened(db.diagnostics(), db.awaitSync());
    }
  }

  /** A project whose posts have 3 broken dates, one post without user, and an unknown field ("title"). */
  private void project() throws IOException {
    writePosts(12_000, 3, ago(7200));
    writeUsers(50, ago(7200));
    write("db/posts.schema.jsonc", SCHEMA, ago(7200));
  }

  /** The findings as users see them (JSON: a kept 5.0 reads back as 5, like any JSON number). */
  private static String json(Opened opened) {
    return Json.write(opened.diagnostics().stream().map(Diagnostic::toMap).toList());
  }

  private static List<String> codes(Opened opened) {
    return opened.diagnostics().stream().map(d -> d.code() + " " + d.field()).toList();
  }

  @Test
  void aReopenTakesTheKeptResultsWithExactlyTheFindingsOfAScan() throws Exception {
    project();
    assertThat(Files.size(project.resolve("db/posts.json"))).isGreaterThan(LoadSnapshots.MIN_SOURCE_BYTES);
    Opened scanned = openAndClose();
    assertThat(scanned.log()).contains(KEPT).noneMatch(l -> l.startsWith("Took the check results"));
    assertThat(codes(scanned)).contains("SCHEMA_RELATION_TARGET_MISSING userId", "SCHEMA_UNKNOWN_FIELD title")
        .filteredOn(c -> c.contains("createdAt")).hasSize(3);

    Opened kept = openAndClose();
    assertThat(kept.log()).contains(TOOK).noneMatch(l -> l.startsWith("Kept the check results"));
    assertThat(json(kept)).isEqualTo(json(scanned));
    // Taken again: nothing to rewrite.
    assertThat(openAndClose().log()).contains(TOOK).noneMatch(l -> l.startsWith("Kept the check results"));
  }

  @Test
  void aChangedSchemaIsCheckedAgain() throws Exception {
    project();
    openAndClose();
    // Comments and layout are no change.
    write("db/posts.schema.jsonc", SCHEMA.replace("// comments do not count as a schema change", "/* another comment */"), ago(3600));
    assertThat(openAndClose().log()).contains(TOOK);

    // A narrower view count: the posts above it are findings now.
    write("db/posts.schema.jsonc", SCHEMA.replace("\"views\": {\"type\": \"integer\", \"required\": true}",
        "\"views\": {\"type\": \"integer\", \"required\": true, \"max\": 11990}"), ago(1800));
    Opened changed = openAndClose();
    assertThat(changed.log()).contains("Check results " + POSTS + " not used: db/posts.schema.jsonc changed", KEPT);
    assertThat(codes(changed)).contains("SCHEMA_FIELD_CONSTRAINT_VIOLATION views");
    assertThat(json(openAndClose())).isEqualTo(json(changed));
  }

  @Test
  void changedDataIsCheckedAgain() throws Exception {
    project();
    Opened before = openAndClose();
    writePosts(12_000, 6, ago(3600));
    Opened changed = openAndClose();
    assertThat(changed.log()).contains(KEPT).noneMatch(l -> l.startsWith("Took the check results"));
    assertThat(codes(changed).stream().filter(c -> c.contains("createdAt")).count())
        .isGreaterThan(codes(before).stream().filter(c -> c.contains("createdAt")).count());
    Opened again = openAndClose();
    assertThat(again.log()).contains(TOOK);
    assertThat(json(again)).isEqualTo(json(changed));
  }

  @Test
  void aChangedConfigurationIsCheckedAgain() throws Exception {
    project();
    Opened warned = openAndClose();
    assertThat(warned.diagnostics()).filteredOn(d -> d.code().equals("SCHEMA_UNKNOWN_FIELD")).allMatch(d -> !d.isError());
    write("db.config.json", "{\"schema\": {\"unknownFields\": \"error\"}}", ago(60));
    Opened strict = openAndClose();
    assertThat(strict.log()).contains("Check results " + POSTS + " not used: the configuration changed", KEPT);
    assertThat(strict.diagnostics()).filteredOn(d -> d.code().equals("SCHEMA_UNKNOWN_FIELD")).isNotEmpty().allMatch(Diagnostic::isError);
    assertThat(openAndClose().log()).contains(TOOK);
  }

  @Test
  void aChangedRelationTargetRechecksOnlyTheRelationsIntoIt() throws Exception {
    project();
    Opened before = openAndClose();
    assertThat(relationFinding(before).message()).startsWith("1 record(s) of posts");
    // Ten users fewer: the posts of u40..u49 lose their user; the posts' own results still hold.
    writeUsers(40, ago(3600));
    Opened changed = openAndClose();
    assertThat(changed.log()).contains(TOOK, KEPT);
    assertThat(relationFinding(changed).message()).startsWith("2401 record(s) of posts");
    assertThat(changed.diagnostics().stream().filter(d -> d.field().equals("createdAt")).map(Diagnostic::toMap).toList())
        .isEqualTo(before.diagnostics().stream().filter(d -> d.field().equals("createdAt")).map(Diagnostic::toMap).toList());
    Opened again = openAndClose();
    assertThat(again.log()).contains(TOOK).noneMatch(l -> l.startsWith("Kept the check results"));
    assertThat(json(again)).isEqualTo(json(changed));
  }

  private static Diagnostic relationFinding(Opened opened) {
    return opened.diagnostics().stream().filter(d -> d.code().equals("SCHEMA_RELATION_TARGET_MISSING")).findFirst().orElseThrow();
  }

  @Test
  void resultsOfAnotherEngineBuildAreNotTrusted() throws Exception {
    project();
    openAndClose();
    Map<String, Object> body = body();
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) body.get("data");
    Path posts = project.resolve("db/posts.json");
    CheckResults.Input input = new CheckResults.Input("db/posts.json", LoadSnapshots.SourceStamp.of(posts, "db/posts.json"),
        (String) data.get("sha256"));
    String config = (String) body.get("config");
    String schemaHash = (String) ((Map<?, ?>) body.get("schema")).get("sha256");

    CheckResults same = new CheckResults(project, project.resolve(".db"), (String) body.get("engine"), config);
    assertThat(same.read("posts", input, "db/posts.schema.jsonc", schemaHash)).isNotNull();
    assertThat(body.get("engine")).isEqualTo(AsyncDb.build());

    CheckResults other = new CheckResults(project, project.resolve(".db"), "9.9.9+20300101T000000Z", config);
    assertThat(other.read("posts", input, "db/posts.schema.jsonc", schemaHash)).isNull();
    assertThat(other.notes()).containsExactly("Check results " + POSTS + " not used: they were made by engine build "
        + AsyncDb.build() + ", this is 9.9.9+20300101T000000Z");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> body() throws IOException {
    return (Map<String, Object>) ((Map<String, Object>) Json.parse(Files.readString(project.resolve(POSTS)))).get("body");
  }

  @Test
  void damagedEditedAndForeignResultsAreIgnoredWithAWarningAndRebuilt() throws Exception {
    project();
    Opened scanned = openAndClose();
    Path file = project.resolve(POSTS);

    // An edited finding: valid JSON, but not what was kept.
    Files.writeString(file, Files.readString(file).replace("\"severity\":\"error\"", "\"severity\":\"warn\""));
    Opened edited = openAndClose();
    assertThat(edited.log()).contains("Check results " + POSTS + " not used: its SHA-256 does not match its content (damaged or edited)", KEPT);
    assertThat(json(edited)).isEqualTo(json(scanned));

    Files.writeString(file, Files.readString(file).substring(0, 100));
    Opened truncated = openAndClose();
    assertThat(truncated.log()).anyMatch(l -> l.startsWith("Check results " + POSTS + " not used: it is not valid JSON")).contains(KEPT);
    assertThat(json(truncated)).isEqualTo(json(scanned));

    Files.writeString(file, "[1, 2, 3]");
    assertThat(openAndClose().log()).contains("Check results " + POSTS + " not used: the file is not a JSON object", KEPT);

    // A well-formed file of another format version.
    Map<String, Object> body = body();
    body.put("format", "asyncdb-checks/0");
    Files.writeString(file, Json.write(Map.of("body", body, "sha256", dev.asyncdb.engine.json.Etags.sha256Hex(
        Json.canonical(body).getBytes(StandardCharsets.UTF_8)))));
    assertThat(openAndClose().log()).contains("Check results " + POSTS + " not used: it is in format asyncdb-checks/0, this engine reads "
        + CheckResults.FORMAT, KEPT);
    // A finding of an unknown severity, with a matching hash.
    body = body();
    ((Map<String, Object>) ((List<Object>) body.get("seed")).get(0)).put("severity", "fatal");
    Files.writeString(file, Json.write(Map.of("body", body, "sha256", dev.asyncdb.engine.json.Etags.sha256Hex(
        Json.canonical(body).getBytes(StandardCharsets.UTF_8)))));
    Opened foreign = openAndClose();
    assertThat(foreign.log()).contains("Check results " + POSTS + " not used: a finding has severity \"fatal\"", KEPT);
    assertThat(json(foreign)).isEqualTo(json(scanned));

    Opened rebuilt = openAndClose();
    assertThat(rebuilt.log()).contains(TOOK);
    assertThat(json(rebuilt)).isEqualTo(json(scanned));
  }

  @Test
  void resultsOfASourceThatChangedWhileItWasLoadedAreNotKept() throws Exception {
    project();
    Path posts = project.resolve("db/posts.json");
    LoadSnapshots.SourceStamp asRead = LoadSnapshots.SourceStamp.of(posts, "db/posts.json");
    Files.setLastModifiedTime(posts, FileTime.from(ago(60)));
    CheckResults checks = new CheckResults(project, project.resolve(".db"), AsyncDb.build(), "config");
    checks.write(new CheckResults.Pending("posts", posts, new CheckResults.Input("db/posts.json", asRead, null), () -> "hash",
        "db/posts.schema.jsonc", "schema", List.of(), List.of()));
    assertThat(checks.notes()).containsExactly("No check results kept for posts: db/posts.json changed while it was loaded");
    assertThat(project.resolve(POSTS)).doesNotExist();

    // The same for a relation's target.
    Path users = project.resolve("db/users.json");
    LoadSnapshots.SourceStamp usersAsRead = LoadSnapshots.SourceStamp.of(users, "db/users.json");
    Files.setLastModifiedTime(users, FileTime.from(ago(60)));
    checks.write(new CheckResults.Pending("posts", posts, new CheckResults.Input("db/posts.json", LoadSnapshots.SourceStamp.of(posts,
        "db/posts.json"), null), () -> "hash", "db/posts.schema.jsonc", "schema", List.of(),
        List.of(new CheckResults.PendingRelation("userId", "users", users, usersAsRead, () -> "hash", null, List.of()))));
    assertThat(checks.notes()).contains("No check results kept for posts: db/users.json changed while it was loaded");
    assertThat(project.resolve(POSTS)).doesNotExist();
  }

  @Test
  void resultsThatCannotBeWrittenCostOnlyTheNextOpensChecks() throws Exception {
    project();
    Path posts = project.resolve("db/posts.json");
    // The snapshots folder is a file: nothing can be written under it.
    Files.createDirectories(project.resolve(".db"));
    Files.writeString(project.resolve(".db/snapshots"), "in the way");
    CheckResults checks = new CheckResults(project, project.resolve(".db"), AsyncDb.build(), "config");
    checks.write(new CheckResults.Pending("posts", posts, new CheckResults.Input("db/posts.json",
        LoadSnapshots.SourceStamp.of(posts, "db/posts.json"), null), () -> "hash", "db/posts.schema.jsonc", "schema", List.of(), List.of()));
    assertThat(checks.notes()).singleElement().asString().startsWith("Could not keep the check results of posts in " + POSTS + ": ");
    assertThat(checks.read("posts", new CheckResults.Input("db/posts.json", LoadSnapshots.SourceStamp.of(posts, "db/posts.json"), "hash"),
        "db/posts.schema.jsonc", "schema")).isNull();
  }

  @Test
  void smallCollectionsAndGeneratedIdsKeepNoResults() throws Exception {
    writePosts(1_000, 1, ago(7200));
    writeUsers(50, ago(7200));
    write("db/posts.schema.jsonc", SCHEMA, ago(7200));
    assertThat(openAndClose().log()).noneMatch(l -> l.contains("check results"));
    assertThat(project.resolve(POSTS)).doesNotExist();

    // Records without ids get ids generated per open: findings naming them would be stale.
    writePosts(12_000, 1, ago(3600));
    write("db/posts.json", Files.readString(project.resolve("db/posts.json")).replaceAll("\"id\":\"p\\d+\",", ""), ago(3600));
    assertThat(openAndClose().log()).noneMatch(l -> l.contains("check results"));
    assertThat(project.resolve(POSTS)).doesNotExist();
  }
}
