package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.backup.BundleWriter;
import dev.asyncdb.engine.backup.RestoreReport;
import dev.asyncdb.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup bundles, restore with dry run and undo, and version snapshots of versioned durability. */
class BackupRestoreTest {
  @TempDir
  Path tmp;

  private Path project(String config) {
    Path p = TestProjects.project(tmp.resolve("p"), "db/users.json", "[{\"id\":\"u_1\",\"name\":\"Ada\"},{\"id\":\"u_2\",\"name\":\"Grace\"}]",
        "db/settings.json", "{\"theme\":\"light\"}");
    if (config != null) {
      TestProjects.project(p, "db.config.json", config);
    }
    return p;
  }

  @Test
  void aBackupRestoresWhatChangedAfterItAndTheRestoreCanBeUndone() throws Exception {
    Path bundle = tmp.resolve("backups/db-backup.json");
    try (AsyncDb db = AsyncDb.open(project(null))) {
      List<BundleWriter.Entry> entries = db.backup(bundle);
      assertThat(entries).extracting(BundleWriter.Entry::name).containsExactlyInAnyOrder("users", "settings");
      assertThat(entries).filteredOn(e -> e.name().equals("users")).singleElement().satisfies(e -> {
        assertThat(e.records()).isEqualTo(2);
        assertThat(e.hash()).startsWith("sha256:");
      });
      Map<String, Object> parsed = (Map<String, Object>) Json.parse(Files.readString(bundle));
      assertThat(parsed).containsEntry("kind", "db.backup").containsKey("createdAt");
      assertThat(Files.readString(tmp.resolve("p/.db/backup.json"))).contains("lastBackupAt");

      db.collection("users").create(Map.of("id", "u_3", "name", "Linus"));
      db.collection("users").update("u_1", Map.of("name", "Ada L."));
      db.collection("users").delete("u_2");
      db.document("settings").set("theme", "dark");

      RestoreReport dry = db.restore(bundle, true);
      assertThat(dry.dryRun()).isTrue();
      assertThat(dry.undo()).isNull();
      assertThat(dry.resources()).filteredOn(d -> d.name().equals("users")).singleElement().satisfies(d -> {
        assertThat(d.added()).isEqualTo(1);   // u_2 comes back
        assertThat(d.changed()).isEqualTo(1); // u_1's name
        assertThat(d.removed()).isEqualTo(1); // u_3 goes
      });
      assertThat(db.collection("users").get("u_3")).isNotNull();

      RestoreReport done = db.restore(bundle, false);
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactly("u_1", "u_2");
      assertThat(db.collection("users").get("u_1")).containsEntry("name", "Ada");
      assertThat(db.document("settings").get()).containsEntry("theme", "light");
      // Undo: the snapshot taken before the restore is itself a bundle.
      assertThat(done.undo()).exists();
      db.restore(done.undo(), false);
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactlyInAnyOrder("u_1", "u_3");
      assertThat(db.document("settings").get()).containsEntry("theme", "dark");
    }
  }

  @Test
  void aBackupIsOnePointInTimeWhileWritesContinue() throws Exception {
    Path bundle = tmp.resolve("b.json");
    try (AsyncDb db = AsyncDb.open(project(null))) {
      AtomicBoolean stop = new AtomicBoolean();
      Thread writer = new Thread(() -> {
        while (!stop.get()) {
          db.collection("users").create(Map.of("id", "w_" + System.nanoTime(), "name", "W"));
        }
      });
      writer.start();
      for (int i = 0; i < 5; i++) {
        List<BundleWriter.Entry> entries = db.backup(bundle);
        Map<String, Object> users = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) Json.parse(Files.readString(bundle))).get("resources")).get("users");
        assertThat((List<?>) users.get("value")).hasSize(((Number) users.get("records")).intValue());
        assertThat(entries).filteredOn(e -> e.name().equals("users")).singleElement().extracting(BundleWriter.Entry::records)
            .isEqualTo(((Number) users.get("records")).longValue());
      }
      stop.set(true);
      writer.join();
    }
  }

  @Test
  void aDamagedBundleIsRefusedBeforeAnythingChanges() throws Exception {
    Path bundle = tmp.resolve("b.json");
    try (AsyncDb db = AsyncDb.open(project(null))) {
      db.backup(bundle);
      Files.writeString(bundle, Files.readString(bundle).replace("\"Grace\"", "\"Mallory\""));
      db.collection("users").delete("u_2");
      assertThatThrownBy(() -> db.restore(bundle, false)).satisfies(e -> {
        DbException d = (DbException) e;
        assertThat(d.code()).isEqualTo("DB_BACKUP_CORRUPT");
        assertThat(d.getMessage()).contains("\"users\"", "does not match its hash");
        assertThat(d.hint()).contains("nothing was restored");
      });
      assertThat(db.collection("users").get("u_2")).isNull();
      Files.writeString(bundle, "{\"kind\":\"something else\"}");
      assertThatThrownBy(() -> db.restore(bundle, false)).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("DB_BACKUP_INVALID"));
      assertThatThrownBy(() -> db.restore(tmp.resolve("missing.json"), true))
          .satisfies(e -> assertThat(e.getMessage()).contains("missing.json", "does not exist"));
    }
    try (AsyncDb ro = AsyncDb.open(OpenOptions.builder(tmp.resolve("p")).readOnly(true).build())) {
      assertThatThrownBy(() -> ro.restore(bundle, false)).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("DB_READ_ONLY"));
    }
  }

  @Test
  void versionedDurabilityKeepsVersionsToRollBackTo() throws Exception {
    Path p = project("{\"stores\":{\"json\":{\"durability\":\"versioned\"}}}");
    try (AsyncDb db = AsyncDb.open(p)) {
      db.collection("users").create(Map.of("id", "u_3", "name", "Linus"));
      db.checkpoint();
      db.collection("users").delete("u_1");
      db.checkpoint();
      List<Map<String, Object>> versions = db.versions("users");
      assertThat(versions).hasSizeGreaterThanOrEqualTo(2);
      assertThat(versions.get(versions.size() - 1)).containsEntry("records", 2L);

      RestoreReport latest = db.restoreVersion("users", "latest", false);
      assertThat(latest.undo()).exists();
      assertThat(db.collection("users").all()).extracting(r -> r.get("id")).containsExactlyInAnyOrder("u_1", "u_2", "u_3");

      long first = ((Number) versions.get(0).get("version")).longValue();
      db.restoreVersion("users", Long.toString(first), false);
      assertThat(db.collection("users").count()).isEqualTo(3);
      assertThatThrownBy(() -> db.restoreVersion("users", "999", false)).satisfies(e -> {
        assertThat(((DbException) e).code()).isEqualTo("DB_VERSION_NOT_FOUND");
        assertThat(((DbException) e).hint()).contains("latest");
      });
    }
  }

  @Test
  void withoutVersionedDurabilityThereIsNoHistoryAndTheErrorSaysHowToGetIt() {
    try (AsyncDb db = AsyncDb.open(project(null))) {
      assertThatThrownBy(() -> db.restoreVersion("users", "latest", false)).satisfies(e -> {
        assertThat(((DbException) e).code()).isEqualTo("DB_NO_VERSIONS");
        assertThat(((DbException) e).hint()).contains("versioned", "restore --from");
      });
    }
  }
}
