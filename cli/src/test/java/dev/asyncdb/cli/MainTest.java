package dev.asyncdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI run in-process: outputs, files written and exit codes. */
class MainTest {
  @TempDir
  Path tmp;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void versionPrintsTheProductVersion() {
    Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("async-db ").doesNotContain("unknown");
  }

  @Test
  void syncWritesGeneratedFilesAndListsResources() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/users.json"), "[{\"id\":\"u_1\",\"name\":\"Ada\"}]");
    Files.writeString(tmp.resolve("db/settings.json"), "{\"theme\":\"dark\"}");
    Result r = run("--project", tmp.toString(), "sync");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Loaded 2 resource(s)").contains("Synced runtime store").contains("users").contains("1 records");
    assertThat(tmp.resolve(".db/schema.generated.json")).exists();
    assertThat(tmp.resolve(".db/state/users.json")).exists();
  }

  @Test
  void syncWithBrokenSourcesExitsOneWithTheDiagnosticAndNoStackTrace() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/users.json"), "[{\"id\": }]");
    Result r = run("--project", tmp.toString(), "sync");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("SOURCE_LOAD_FAILED").contains("db/users.json:1:").contains("hint:").doesNotContain("\tat ");
  }

  @Test
  void missingProjectFolderIsAnError() {
    Result r = run("--project", tmp.resolve("nope").toString(), "sync");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("DB_PROJECT_NOT_FOUND");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("sync", "--bogus").code()).isEqualTo(2);
    assertThat(run("frobnicate").code()).isEqualTo(2);
  }

  @Test
  void helpNeverOpensTheProject() {
    Result r = run("--project", tmp.resolve("does-not-exist").toString(), "sync", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: async-db sync");
  }
}
