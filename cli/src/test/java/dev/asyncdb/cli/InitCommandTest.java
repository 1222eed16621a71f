package dev.asyncdb.cli;

import static dev.asyncdb.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.CliRun.Result;
import dev.asyncdb.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init}: each template, never overwriting, dry runs, and the sync that follows. */
class InitCommandTest {
  @TempDir
  Path tmp;

  @Test
  void dataFirstWritesUsersAndGitignoreThenSyncsAndSuggestsNextSteps() {
    Path project = tmp.resolve("app");
    Result r = run("--project", project.toString(), "init");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Created db/users.json\nCreated .gitignore\nLoaded 1 resource(s) from db\n")
        .contains("Synced runtime store").contains("Next steps:\n  async-db --project " + project + " sql -e \"select * from users\"\n")
        .contains("  async-db --project " + project + " doctor\n");
    assertThat(CliRun.read(project.resolve(".gitignore"))).isEqualTo(".db/\n");
    assertThat(project.resolve(".db/state/users.json")).exists();
    Result sql = run("--project", project.toString(), "sql", "-e", "select name from users order by id");
    assertThat(sql.out()).contains("Ada Lovelace").contains("Grace Hopper");
    assertThat(run("--project", project.toString(), "doctor").out()).isEqualTo("async-db doctor found no issues\n");
  }

  @Test
  void schemaFirstWritesASchemaWithAnEmptySeed() {
    Result r = run("--project", tmp.toString(), "init", "--template", "schema-first");
    assertThat(r.code()).isZero();
    assertThat(CliRun.read(tmp.resolve("db/users.schema.jsonc"))).contains("\"seed\": []").contains("// Users of the app.");
    Result create = run("--project", tmp.toString(), "create", "users", "{\"id\": \"u_1\", \"name\": \"Ada\", \"email\": \"ada@example.com\"}");
    assertThat(create.code()).isZero();
    assertThat(create.out()).contains("\"role\": \"user\"");
    Result invalid = run("--project", tmp.toString(), "create", "users", "{\"name\": \"No email\"}");
    assertThat(invalid.code()).isEqualTo(1);
    assertThat(invalid.err()).contains("email");
  }

  @Test
  void sourceFileUsesTheSourceFileStoreSoWritesLandInTheFixture() {
    Result r = run("--project", tmp.toString(), "--json", "init", "--template", "source-file");
    assertThat(r.code()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) Json.parse(r.out());
    assertThat(report).containsEntry("template", "source-file").containsEntry("dryRun", false);
    assertThat(report.get("files").toString()).contains("path=db.config.json, action=create").contains("path=db/appState.json, action=create");
    assertThat(report.get("sync").toString()).contains("Synced runtime store");
    assertThat(report.get("nextSteps").toString()).contains("select * from appState");
    assertThat(CliRun.read(tmp.resolve("db.config.json"))).contains("\"default\": \"sourceFile\"");
    assertThat(Json.parse(CliRun.read(tmp.resolve("db/appState.json")))).isEqualTo(Map.of("theme", "light", "onboardingDone", false));
  }

  @Test
  void dryRunWritesNothing() {
    Path project = tmp.resolve("app");
    Result r = run("--project", project.toString(), "init", "--dry-run");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Would create db/users.json\nWould create .gitignore\nDry run: nothing was written.\n");
    assertThat(project).doesNotExist();
    Result json = run("--project", project.toString(), "init", "--dry-run", "--json");
    assertThat(json.out()).contains("\"dryRun\": true").contains("\"sync\": []");
    assertThat(project).doesNotExist();
  }

  @Test
  void refusesToOverwriteAndWritesNothingThen() throws Exception {
    CliRun.project(tmp, "db/users.json", "[]");
    Result r = run("--project", tmp.toString(), "init");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: INIT_FILE_EXISTS: init would overwrite db/users.json; nothing was written.");
    assertThat(CliRun.read(tmp.resolve("db/users.json"))).isEqualTo("[]");
    assertThat(tmp.resolve(".gitignore")).doesNotExist();
  }

  @Test
  void runningTwiceKeepsWhatIsThereAndAnExistingGitignoreIsAppendedTo() throws Exception {
    Files.writeString(tmp.resolve(".gitignore"), "node_modules");
    assertThat(run("--project", tmp.toString(), "init").out()).contains("Appended .db/ to .gitignore");
    assertThat(CliRun.read(tmp.resolve(".gitignore"))).isEqualTo("node_modules\n.db/\n");
    Result again = run("--project", tmp.toString(), "init");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("Kept db/users.json\nKept .gitignore\n");
    assertThat(CliRun.read(tmp.resolve(".gitignore"))).isEqualTo("node_modules\n.db/\n");
  }

  @Test
  void unknownTemplateIsAUsageError() {
    Result r = run("--project", tmp.toString(), "init", "--template", "nope");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("INIT_UNKNOWN_TEMPLATE").contains("data-first, schema-first, source-file");
    assertThat(tmp.resolve("db")).doesNotExist();
  }
}
