package dev.asyncdb.cli;

import static dev.asyncdb.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.CliRun.Result;
import dev.asyncdb.engine.json.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code create}: a record through the engine, printed as stored, and every way it can fail. */
class CreateCommandTest {
  @TempDir
  Path tmp;

  @Test
  void createsTheRecordWithAGeneratedIdAndPersistsIt() {
    Path project = CliRun.example("data-first", tmp);
    Result r = run("--project", project.toString(), "create", "users", "{\"name\":\"Katherine Johnson\",\"email\":\"kj@example.com\",\"role\":\"user\"}");
    assertThat(r.code()).isZero();
    assertThat(Json.parse(r.out())).isEqualTo(Map.of("name", "Katherine Johnson", "email", "kj@example.com", "role", "user", "id", "3"));
    assertThat(r.out()).startsWith("{\n  \"name\": \"Katherine Johnson\",");
    assertThat(CliRun.read(project.resolve(".db/state/users.json"))).contains("Katherine Johnson");
    assertThat(CliRun.read(project.resolve("db/users.json"))).doesNotContain("Katherine");
  }

  @Test
  void defaultsOfTheSchemaAreApplied() {
    Result r = run("--project", CliRun.example("relations", tmp).toString(), "create", "posts", "{\"id\":\"p_3\",\"title\":\"T\",\"authorId\":\"u_1\"}");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\"status\": \"draft\"");
  }

  @Test
  void invalidJsonExitsOneWithTheParserMessage() {
    Result r = run("--project", CliRun.example("data-first", tmp).toString(), "create", "users", "{\"name\":");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: CREATE_INVALID_JSON: The JSON argument is not valid JSON: Unexpected end-of-input").contains("hint: ");
  }

  @Test
  void aJsonValueThatIsNotAnObjectIsRefused() {
    Result r = run("--project", CliRun.example("data-first", tmp).toString(), "create", "users", "[{\"name\":\"x\"}]");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("CREATE_INVALID_JSON: The JSON argument must be an object, got array.");
  }

  @Test
  void engineErrorsKeepTheirCodes() {
    String project = CliRun.example("data-first", tmp).toString();
    Result dup = run("--project", project, "create", "users", "{\"id\":\"u_1\",\"name\":\"X\",\"email\":\"x@e.com\",\"role\":\"user\"}");
    assertThat(dup.code()).isEqualTo(1);
    assertThat(dup.err()).contains("error: DB_CREATE_DUPLICATE_ID");
    Result unknown = run("--project", project, "create", "people", "{}");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("error: DB_UNKNOWN_RESOURCE");
    Result document = run("--project", project, "create", "settings", "{}");
    assertThat(document.code()).isEqualTo(1);
    assertThat(document.err()).contains("error: DB_RESOURCE_KIND_MISMATCH");
  }

  @Test
  void missingArgumentsAreUsageErrors() {
    Result r = run("create", "users");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required parameter: 'JSON'");
  }
}
