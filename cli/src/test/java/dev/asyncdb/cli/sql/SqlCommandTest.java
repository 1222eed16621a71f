package dev.asyncdb.cli.sql;

import static dev.asyncdb.cli.CliRun.run;
import static dev.asyncdb.cli.CliRun.runWithInput;
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

/** {@code sql} over {@code jdbc:asyncdb:}: scripts from -e, -f and stdin, every output format, and the failure paths. */
class SqlCommandTest {
  @TempDir
  Path tmp;

  private String project(String example) {
    return CliRun.example(example, tmp).toString();
  }

  @Test
  void executePrintsAnAlignedTableWithARowCount() {
    Result r = run("--project", project("data-first"), "sql", "-e", "select id, name from users order by id");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("""
         id  | name
        -----+--------------
         u_1 | Ada Lovelace
         u_2 | Grace Hopper
        (2 rows)

        """);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void numbersAreRightAlignedAndNullsShown() {
    Result r = run("--project", project("csv"), "sql", "-e",
        "select customerId, signupScore, cast(null as varchar) as note from customers where signupScore > 90 order by customerId");
    assertThat(r.out()).contains(" customerId | signupScore | note\n")
        .contains(" c_1        |          98 | NULL\n")
        .contains("(2 rows)");
  }

  @Test
  void everyStatementOfAScriptRuns() {
    Result r = run("--project", project("data-first"), "sql", "-e", "select count(*) as n from users; select title from posts where id = 'p_2';");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(" n\n---\n 2\n(1 row)").contains(" Debugging at sea\n(1 row)");
  }

  @Test
  void csvJsonAndMarkdownFormats() {
    String p = project("data-first");
    assertThat(run("--project", p, "sql", "--format", "csv", "-e", "select id, name from users order by id").out())
        .isEqualTo("id,name\nu_1,Ada Lovelace\nu_2,Grace Hopper\n");
    Object json = Json.parse(run("--project", p, "sql", "--format", "json", "-e", "select u.id, name, published from users u join posts p on p.authorId = u.id order by u.id").out());
    assertThat(json).isEqualTo(List.of(Map.of("id", "u_1", "name", "Ada Lovelace", "published", true),
        Map.of("id", "u_2", "name", "Grace Hopper", "published", false)));
    assertThat(run("--project", p, "sql", "--format", "MARKDOWN", "-e", "select id, name from users order by id").out())
        .isEqualTo("| id | name |\n| --- | --- |\n| u_1 | Ada Lovelace |\n| u_2 | Grace Hopper |\n");
    assertThat(run("--project", p, "--json", "sql", "-e", "select count(*) as n from users").out().replaceAll("\\s", "")).isEqualTo("[{\"n\":2}]");
    assertThat(run("--project", p, "sql", "--format", "json", "-e", "select id from users where id = 'none'").out()).isEqualTo("[]\n");
  }

  @Test
  void csvQuotesFieldsThatNeedIt() {
    Path p = CliRun.project(tmp.resolve("q"), "db/notes.json", "[{\"id\": \"n1\", \"text\": \"a, \\\"b\\\"\"}]");
    assertThat(run("--project", p.toString(), "sql", "--format", "csv", "-e", "select id, text from notes").out())
        .isEqualTo("id,text\nn1,\"a, \"\"b\"\"\"\n");
  }

  @Test
  void fileRunsAScriptAndStdinIsReadWhenNotATerminal() throws Exception {
    String p = project("relations");
    Path script = tmp.resolve("q.sql");
    Files.writeString(script, "-- authors\nselect name from users\nwhere id = 'u_1';\n");
    Result file = run("--project", p, "sql", "-f", script.toString());
    assertThat(file.code()).isZero();
    assertThat(file.out()).contains(" Ada Lovelace\n(1 row)");
    Result piped = runWithInput("select count(*) as n from posts;\n.tables\n.schema posts\n", "--project", p, "sql");
    assertThat(piped.code()).isZero();
    assertThat(piped.out()).contains(" n\n---\n 2\n").contains("posts\nusers\n")
        .contains("CREATE TABLE posts (\n  id VARCHAR NOT NULL,").contains("  PRIMARY KEY (id)\n);");
    assertThat(piped.out()).doesNotContain("sqlite_master");
  }

  @Test
  void sqlErrorsPrintTheMessageAndStopTheScriptWithExitOne() {
    Result r = run("--project", project("data-first"), "sql", "-e", "select 1 as a; select * from nope; select 2 as b");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains(" a\n").doesNotContain(" b\n");
    assertThat(r.err()).startsWith("error: line 1: ").contains("Table 'nope' not found").doesNotContain("\tat ");
  }

  @Test
  void aSingleStatementErrorHasNoLineNumber() {
    Result r = runWithInput("", "--project", project("data-first"), "sql", "-e", "selec 1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: ").doesNotContain("line 1:");
  }

  @Test
  void metaCommandErrorsFailScripts() {
    Result r = runWithInput(".schema nope\n", "--project", project("data-first"), "sql");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("No table named nope. Tables: posts, settings, users.");
    Result unknown = runWithInput(".frob\n", "--project", project("relations"), "sql");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("Unknown command .frob");
    Result format = runWithInput(".format xml\n", "--project", tmp.resolve("relations").toString(), "sql");
    assertThat(format.code()).isEqualTo(1);
    assertThat(format.err()).contains("Usage: .format table|csv|json|markdown (now table)");
    Result timer = runWithInput(".timer maybe\n", "--project", tmp.resolve("relations").toString(), "sql");
    assertThat(timer.code()).isEqualTo(1);
    assertThat(timer.err()).contains("Usage: .timer on|off");
  }

  @Test
  void quitStopsTheScript() {
    Result r = runWithInput("select 1 as a;\n.quit\nselect * from nope;\n", "--project", project("data-first"), "sql");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(" a\n");
  }

  @Test
  void formatAndTimerMetaCommandsChangeTheOutput() {
    Result r = runWithInput(".format csv\nselect id from users order by id;\n.timer on\n.format table\nselect 1 as x;\n", "--project",
        project("data-first"), "sql");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("id\nu_1\nu_2\n").containsPattern("\\(1 row, \\d+ ms\\)");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    String p = project("data-first");
    Path script = tmp.resolve("q.sql");
    Files.writeString(script, "select 1;");
    Result both = run("--project", p, "sql", "-e", "select 1", "-f", script.toString());
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("SQL_SCRIPT_CONFLICT");
    Result format = run("--project", p, "sql", "--format", "xml", "-e", "select 1");
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("'xml' is not a format");
    Result config = run("--project", p, "--config", "db.config.json", "sql", "-e", "select 1");
    assertThat(config.code()).isEqualTo(2);
    assertThat(config.err()).contains("SQL_CONFIG_UNSUPPORTED");
  }

  @Test
  void aBrokenSourceLeavesOnlyItsTableOutAndIsReported() {
    Path p = CliRun.project(tmp.resolve("broken"), "db/users.json", "[{\"id\": }]", "db/posts.json", "[{\"id\": \"p1\"}]");
    Result r = run("--project", p.toString(), "sql", "-e", "select id from posts");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(" p1\n(1 row)");
    assertThat(r.err()).contains("error: SOURCE_LOAD_FAILED").contains("db/users.json:1:");
    Result missing = run("--project", p.toString(), "sql", "-e", "select * from users");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("Table 'users' is unavailable because its source failed to load: SOURCE_LOAD_FAILED: db/users.json:1:");
  }

  @Test
  void missingFileAndMissingProjectFail() {
    Result file = run("--project", project("data-first"), "sql", "-f", tmp.resolve("none.sql").toString());
    assertThat(file.code()).isEqualTo(1);
    assertThat(file.err()).contains("SQL_FILE_NOT_FOUND");
    Result folder = run("--project", tmp.resolve("none").toString(), "sql", "-e", "select 1");
    assertThat(folder.code()).isEqualTo(1);
    assertThat(folder.err()).contains("DB_PROJECT_NOT_FOUND");
    assertThat(tmp.resolve("none")).doesNotExist();
  }
}
