package dev.asyncdb.cli;

import static dev.asyncdb.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.CliRun.Result;
import dev.asyncdb.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a whole: global options, help, version, exit codes and sync. */
class MainTest {
  private static final List<String> COMMANDS = List.of("init", "sync", "schema", "schema infer", "schema validate", "schema manifest",
      "schema bundle", "schema unbundle", "types", "doctor", "check", "create", "sql", "import", "export", "serve", "passwd");

  @TempDir
  Path tmp;

  @Test
  void versionPrintsTheProductVersion() {
    Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("async-db ").doesNotContain("unknown");
  }

  @Test
  void noCommandPrintsUsageListingEveryCommand() {
    Result r = run();
    assertThat(r.code()).isZero();
    for (String c : List.of("init", "sync", "schema", "types", "doctor, check", "create", "sql", "import", "export", "serve", "passwd")) {
      assertThat(r.out()).contains("  " + c + " ");
    }
  }

  @Test
  void helpOnEveryCommandNeverOpensOrCreatesTheProject() {
    Path missing = tmp.resolve("does-not-exist");
    for (String command : COMMANDS) {
      String[] words = command.split(" ");
      String[] args = new String[words.length + 3];
      args[0] = "--project";
      args[1] = missing.toString();
      System.arraycopy(words, 0, args, 2, words.length);
      args[args.length - 1] = "--help";
      Result r = run(args);
      assertThat(r.code()).as(command).isZero();
      assertThat(r.out()).as(command).contains("Usage: async-db " + (command.equals("check") ? "doctor" : command));
      assertThat(r.err()).as(command).isEmpty();
    }
    assertThat(missing).doesNotExist();
  }

  @Test
  void helpCommandShowsASubcommandsHelp() {
    Result r = run("help", "sql");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: async-db sql").contains("--format");
  }

  @Test
  void syncWritesGeneratedFilesAndListsResources() throws Exception {
    CliRun.project(tmp, "db/users.json", "[{\"id\":\"u_1\",\"name\":\"Ada\"}]", "db/settings.json", "{\"theme\":\"dark\"}");
    Result r = run("--project", tmp.toString(), "sync");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Loaded 2 resource(s)").contains("Synced runtime store").contains("users").contains("1 records");
    assertThat(tmp.resolve(".db/schema.generated.json")).exists();
    assertThat(tmp.resolve(".db/state/users.json")).exists();
    assertThat(Files.readString(tmp.resolve(".db/state/users.json"))).contains("Ada");
  }

  @Test
  void globalOptionsWorkAfterTheSubcommandToo() {
    Path project = CliRun.example("data-first", tmp);
    Result r = run("sync", "--project", project.toString(), "--json");
    assertThat(r.code()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
    assertThat(json).containsKeys("log", "resources", "diagnostics");
    assertThat(json.get("resources").toString()).contains("name=posts").contains("records=2").contains("kind=document");
  }

  @Test
  void syncPrintsWarningsOnStderrAndStillSucceeds() {
    Path project = CliRun.example("diagnostics", tmp);
    Result r = run("--project", project.toString(), "sync");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("warn: SCHEMA_UNKNOWN_FIELD").contains("twitterHandle").contains("  hint: ");
    assertThat(r.out()).contains("Synced 2 resource(s)");
  }

  @Test
  void syncWithBrokenSourcesExitsOneWithTheDiagnosticAndNoStackTrace() {
    CliRun.project(tmp, "db/users.json", "[{\"id\": }]");
    Result r = run("--project", tmp.toString(), "sync");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("SOURCE_LOAD_FAILED").contains("db/users.json:1:").contains("hint:").doesNotContain("\tat ");
  }

  @Test
  void verbosePrintsTheStackTrace() {
    Result r = run("--verbose", "--project", tmp.resolve("nope").toString(), "sync");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("DB_PROJECT_NOT_FOUND").contains("\tat ");
  }

  @Test
  void missingProjectFolderIsAnError() {
    Result r = run("--project", tmp.resolve("nope").toString(), "sync");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: DB_PROJECT_NOT_FOUND").contains("hint: ");
  }

  @Test
  void missingConfigFileIsAnError() {
    CliRun.project(tmp, "db/users.json", "[]");
    Result r = run("--project", tmp.toString(), "--config", "other.json", "sync");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("CONFIG_NOT_FOUND");
  }

  @Test
  void configFileReplacesDbConfigJson() {
    CliRun.project(tmp, "data/users.json", "[{\"id\":\"u_1\"}]", "alt.json", "{\"dbDir\": \"./data\"}");
    Result r = run("--project", tmp.toString(), "--config", "alt.json", "sync");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Loaded 1 resource(s) from data");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("sync", "--bogus").code()).isEqualTo(2);
    assertThat(run("frobnicate").code()).isEqualTo(2);
    Result r = run("schema", "users", "extra");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unmatched argument");
  }
}
