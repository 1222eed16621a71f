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
}
