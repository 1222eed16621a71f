package dev.asyncdb.cli;

import static dev.asyncdb.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.CliRun.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate-store}: a resource moved to SQLite, verified, rebound; and its failures. */
class MigrateStoreCommandTest {
  @TempDir
  Path tmp;

  private Path project() {
    return CliRun.project(tmp, "db.config.json", "{\"stores\": {\"local\": {\"driver\": \"sqlite\", \"file\": \"./data/app.sqlite\"}}}",
        "db/users.json", "[{\"id\":\"u_1\",\"name\":\"Ada\"}]");
  }

  @Test
  void movesTheResourceAndSavesTheBinding() {
    Path project = project();
    Result r = run("--project", project.toString(), "migrate-store", "users", "--to", "local");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Moved users from json to local: 1 record(s)").contains("verified").contains("Binding saved");
    assertThat(CliRun.read(project.resolve("db.config.json"))).contains("\"store\": \"local\"");
    assertThat(project.resolve("data/app.sqlite")).exists();
    Result sql = run("--project", project.toString(), "create", "users", "{\"id\":\"u_2\",\"name\":\"Grace\"}");
    assertThat(sql.code()).isZero();
  }

  @Test
  void anUnknownStoreExitsOneWithTheCode() {
    Result r = run("--project", project().toString(), "migrate-store", "users", "--to", "elsewhere");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("STORE_NOT_FOUND").contains("elsewhere");
  }

  @Test
  void theTargetIsRequired() {
    Result r = run("--project", project().toString(), "migrate-store", "users");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--to");
  }
}
