package dev.asyncdb.cli.backup;

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

/** {@code backup} and {@code restore} as the reference shows them, and their errors. */
class BackupRestoreCommandTest {
  @TempDir
  Path tmp;

  @Test
  void backupThenRestoreWithDryRunAndUndo() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    String p = project.toString();
    Result backup = run("--project", p, "backup", "--out", "backups/db-backup.json");
    assertThat(backup.code()).as(backup.err()).isZero();
    assertThat(backup.out()).contains("Backed up", "users", "sha256:");
    assertThat(project.resolve("backups/db-backup.json")).exists();

    assertThat(run("--project", p, "create", "users", "{\"name\":\"Katherine Johnson\",\"email\":\"kj@example.com\",\"role\":\"user\"}").code()).isZero();

    Result dry = run("--project", p, "--json", "restore", "--from", "backups/db-backup.json", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    Map<String, Object> report = (Map<String, Object>) Json.parse(dry.out());
    assertThat(report).containsEntry("dryRun", true).containsEntry("undo", null);
    assertThat((List<Map<String, Object>>) report.get("resources")).filteredOn(r -> r.get("resource").equals("users"))
        .singleElement().satisfies(r -> assertThat(r).containsEntry("removed", 1L));
    assertThat(CliRun.read(project.resolve(".db/state/users.json"))).contains("Katherine");

    Result restored = run("--project", p, "restore", "--from", "backups/db-backup.json");
    assertThat(restored.code()).as(restored.err()).isZero();
    assertThat(restored.out()).contains("Restored.", "Undo with: async-db restore --from ");
    assertThat(CliRun.read(project.resolve(".db/state/users.json"))).doesNotContain("Katherine");

    String undo = restored.out().substring(restored.out().indexOf("--from ") + 7).trim();
    assertThat(run("--project", p, "restore", "--from", undo).code()).isZero();
    assertThat(CliRun.read(project.resolve(".db/state/users.json"))).contains("Katherine");
  }

  @Test
  void versionsNeedVersionedDurabilityAndListThemWhenKept() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    String p = project.toString();
    Result none = run("--project", p, "restore", "users", "--version", "latest");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).contains("DB_NO_VERSIONS", "versioned");

    Files.writeString(project.resolve("db.config.json"), "{\"stores\":{\"json\":{\"durability\":\"versioned\"}}}");
    assertThat(run("--project", p, "create", "users", "{\"name\":\"A\",\"email\":\"a@example.com\",\"role\":\"user\"}").code()).isZero();
    assertThat(run("--project", p, "create", "users", "{\"name\":\"B\",\"email\":\"b@example.com\",\"role\":\"user\"}").code()).isZero();
    Result list = run("--project", p, "restore", "users", "--list");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("VERSION", "CREATED", "RECORDS");
    Result latest = run("--project", p, "restore", "users", "--version", "latest");
    assertThat(latest.code()).as(latest.err()).isZero();
    assertThat(CliRun.read(project.resolve(".db/state/users.json"))).contains("\"A\"").doesNotContain("\"B\"");
  }

  @Test
  void unclearArgumentsAndDamagedBundlesAreErrors() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    String p = project.toString();
    Result nothing = run("--project", p, "restore");
    assertThat(nothing.code()).isNotZero();
    assertThat(nothing.err()).contains("RESTORE_ARGUMENTS", "--from FILE");
    Files.writeString(project.resolve("broken.json"), "{\"kind\":\"db.backup\",\"resources\":{\"users\":{\"kind\":\"collection\",\"value\":[],\"hash\":\"sha256:00\"}}}");
    Result damaged = run("--project", p, "restore", "--from", "broken.json");
    assertThat(damaged.code()).isEqualTo(1);
    assertThat(damaged.err()).contains("DB_BACKUP_CORRUPT", "\"users\"", "nothing was restored");
  }
}
