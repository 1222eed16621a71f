package dev.asyncdb.it.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.OpenOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .db/lock} between two real processes: the owner is named, readers are let in, and a killed owner leaves no stale lock. */
class ProjectLockTest {
  @TempDir
  Path tmp;

  @Test
  void aSecondProcessIsToldWhoOwnsTheProjectAndReadsItsLoggedWrites() throws Exception {
    Path project = tmp.resolve("p");
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/notes.json"), "[{\"id\":\"n1\",\"text\":\"seed\"}]");
    Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), project.toString(), "http://127.0.0.1:7332").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String ready = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertThat(ready).startsWith("ready ");
      String pid = ready.substring("ready ".length());
      assertThatThrownBy(() -> AsyncDb.open(project)).satisfies(e -> {
        DbException d = (DbException) e;
        assertThat(d.code()).isEqualTo("DB_LOCKED");
        assertThat(d.getMessage()).contains("open for writing by process " + pid, "since ", "serving it at http://127.0.0.1:7332");
        assertThat(d.hint()).contains("jdbc:asyncdb:remote:http://127.0.0.1:7332", "read-only");
        assertThat(d.details()).containsEntry("pid", Long.parseLong(pid));
      });
      try (AsyncDb reader = AsyncDb.open(OpenOptions.builder(project).readOnly(true).build())) {
        // Not checkpointed yet: the reader sees it through the owner's log.
        assertThat(reader.collection("notes").get("from-holder")).containsEntry("text", "written by the owner");
      }
    } finally {
      owner.destroyForcibly();
      owner.waitFor(30, TimeUnit.SECONDS);
    }
    // The operating system released the lock with the process: no stale lock, and the write survived.
    try (AsyncDb db = AsyncDb.open(project)) {
      assertThat(db.collection("notes").get("from-holder")).isNotNull();
      db.collection("notes").create(Map.of("id", "n2", "text", "after the owner died"));
    }
  }
}
