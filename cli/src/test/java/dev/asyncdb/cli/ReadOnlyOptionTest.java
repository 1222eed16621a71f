package dev.asyncdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.AsyncDb;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --read-only}: query a project that another writer owns; without it the owner is named. */
class ReadOnlyOptionTest {
  @TempDir
  Path tmp;

  @Test
  void sqlReadsAnOwnedProjectWithReadOnlyAndNamesTheOwnerWithout() {
    Path project = CliRun.example("data-first", tmp);
    try (AsyncDb owner = AsyncDb.open(project)) {
      owner.collection("users").create(Map.of("name", "Katherine Johnson", "email", "kj@example.com", "role", "user"));
      CliRun.Result refused = CliRun.run("--project", project.toString(), "sql", "-e", "select count(*) as n from users");
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("is open for writing by this process", "--read-only");
      CliRun.Result read = CliRun.run("--project", project.toString(), "--read-only", "sql", "--format", "csv", "-e", "select count(*) as n from users");
      assertThat(read.code()).as(read.err()).isZero();
      assertThat(read.out()).isEqualTo("n\n3\n");
      CliRun.Result write = CliRun.run("--project", project.toString(), "--read-only", "create", "users", "{\"name\":\"X\",\"email\":\"x@example.com\",\"role\":\"user\"}");
      assertThat(write.code()).isEqualTo(1);
      assertThat(write.err()).contains("DB_READ_ONLY");
    }
  }
}
