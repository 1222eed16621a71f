package dev.asyncdb.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.OpenOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relations over columns of many distinct values (packed text) are checked byte for byte against the target's key index. */
class RelationCheckerTest {
  @TempDir
  Path project;

  @Test
  void missingTargetsAmongThousandsOfPackedValuesAreFoundAndNullOrEmptyValuesAreNot() throws Exception {
    StringBuilder users = new StringBuilder("[{\"id\":\"ü7\"}");
    for (int i = 0; i < 1000; i++) {
      users.append(",{\"id\":\"u").append(i).append("\"}");
    }
    StringBuilder posts = new StringBuilder("[");
    for (int i = 0; i < 2000; i++) {
      String author = switch (i) {
        case 10 -> "\"u5000\"";
        case 20 -> "\"ü8\"";
        case 30 -> "\"u1 \"";
        case 40 -> "\"\"";
        case 50 -> "null";
        case 60 -> "\"ü7\"";
        default -> "\"u" + (i % 1000) + "\"";
      };
      posts.append(i == 0 ? "" : ",").append("{\"id\":\"p").append(i).append("\",\"authorId\":").append(author).append('}');
    }
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/users.json"), users.append("]").toString());
    Files.writeString(project.resolve("db/posts.json"), posts.append("]").toString());
    Files.writeString(project.resolve("db/posts.schema.json"), """
        {"fields": {"id": {"type": "string", "required": true},
                    "authorId": {"type": "string", "nullable": true, "relation": {"to": "users"}}}}""");

    List<Diagnostic> missing;
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).build())) {
      missing = db.diagnostics().stream().filter(d -> d.code().equals("SCHEMA_RELATION_TARGET_MISSING")).toList();
    }
    assertThat(missing).singleElement().satisfies(d -> {
      assertThat(d.message()).startsWith("3 record(s) of posts have a authorId with no matching users.id")
          .contains("p10 → u5000", "p20 → ü8", "p30 → u1 ");
      assertThat(d.details()).containsEntry("count", 3L);
    });
  }

  @Test
  void aRelationCheckedInTwoHalvesListsTheFirstMissingTargetsInRowOrder() throws Exception {
    StringBuilder users = new StringBuilder("[");
    for (int i = 0; i < 5000; i++) {
      users.append(i == 0 ? "" : ",").append("{\"id\":\"u").append(i).append("\"}");
    }
    int[] dangling = {7, 60_000, 60_001, 60_002, 60_003, 60_004, 119_999};
    StringBuilder posts = new StringBuilder("[");
    for (int i = 0, next = 0; i < 120_000; i++) {
      boolean bad = next < dangling.length && dangling[next] == i;
      next += bad ? 1 : 0;
      posts.append(i == 0 ? "" : ",").append("{\"id\":\"p").append(i).append("\",\"authorId\":\"")
          .append(bad ? "gone" + i : "u" + (i % 5000)).append("\"}");
    }
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/users.json"), users.append("]").toString());
    Files.writeString(project.resolve("db/posts.json"), posts.append("]").toString());
    Files.writeString(project.resolve("db/posts.schema.json"), """
        {"fields": {"id": {"type": "string", "required": true},
                    "authorId": {"type": "string", "required": true, "relation": {"to": "users"}}}}""");

    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).build())) {
      Diagnostic d = db.diagnostics().stream().filter(x -> x.code().equals("SCHEMA_RELATION_TARGET_MISSING")).findFirst().orElseThrow();
      assertThat(d.isError()).isTrue();
      assertThat(d.message()).isEqualTo("7 record(s) of posts have a authorId with no matching users.id (p7 → gone7, p60000 → gone60000,"
          + " p60001 → gone60001, p60002 → gone60002, p60003 → gone60003, …).");
    }
  }
}
