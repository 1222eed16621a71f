package dev.asyncdb.server.graphql;

import static dev.asyncdb.server.graphql.GraphQlClient.code;
import static dev.asyncdb.server.graphql.GraphQlClient.data;
import static dev.asyncdb.server.graphql.GraphQlClient.details;
import static dev.asyncdb.server.graphql.GraphQlClient.error;
import static dev.asyncdb.server.graphql.GraphQlClient.list;
import static dev.asyncdb.server.graphql.GraphQlClient.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.Projects;
import dev.asyncdb.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing through GraphQL mutations on a copy of the {@code schema-first} example (plus a
 * compound-key collection): every write goes through the engine, so it is validated, durable and
 * visible over REST at once; a refused write changes nothing and answers with the engine's code.
 */
class GraphQlMutationTest {
  @TempDir
  Path tmp;
  AsyncDbServer server;
  GraphQlClient client;

  @BeforeEach
  void start() throws IOException {
    Path project = Projects.copy("schema-first", tmp);
    Files.writeString(project.resolve("db/scores.schema.jsonc"), """
        {"kind": "collection", "identity": {"fields": ["team", "season"]},
         "fields": {"team": {"type": "string", "required": true}, "season": {"type": "integer", "required": true},
                    "points": {"type": "integer", "min": 0}, "total": {"type": "integer", "max": 10000000000}, "ratio": {"type": "number"}},
         "seed": [{"team": "red", "season": 2024, "points": 10, "total": 5000000000, "ratio": 0.5},
                  {"team": "blue", "season": 2024, "points": 3000000000}]}
        """);
    server = AsyncDbServer.start(ServerConfig.forProject(project).withPort(0).withRestPort(0));
    client = new GraphQlClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<Object> restUsers() {
    return list(Json.parse(client.send("GET", "/db/users", null).body()));
  }

  private Map<String, Object> restSettings() {
    return map(Json.parse(client.send("GET", "/db/settings", null).body()));
  }

  @Test
  void createStoresARecordThroughTheEngine() {
    Map<String, Object> created = map(client.data("mutation { createUser(input: {name: \"Grace Hopper\", email: \"grace@example.com\"})"
        + " { id name role } }").get("createUser"));
    assertThat(created).containsEntry("name", "Grace Hopper").containsEntry("role", "user");
    assertThat(created.get("id")).asString().isNotBlank();
    assertThat(restUsers()).hasSize(2);
    assertThat(client.send("GET", "/db/users/" + created.get("id"), null).body()).contains("grace@example.com");
  }

  @Test
  void anInvalidCreateIsTheEnginesErrorAndStoresNothing() {
    Map<String, Object> answer = client.query("mutation { createUser(input: {name: \"No Email\", role: \"boss\"}) { id } }");
    assertThat(code(answer)).isEqualTo("DB_SCHEMA_VALIDATION_FAILED");
    assertThat(Json.write(details(answer))).contains("email", "role");
    assertThat(error(answer).get("path")).isEqualTo(List.of("createUser"));
    assertThat(restUsers()).hasSize(1);
    Map<String, Object> duplicate = client.query("mutation { createUser(input: {id: \"u_1\", name: \"Again\", email: \"again@example.com\"}) { id } }");
    assertThat(code(duplicate)).isEqualTo("DB_CREATE_DUPLICATE_ID");
    assertThat(code(client.query("mutation { createUser(input: [1, 2]) { id } }"))).isEqualTo("GRAPHQL_INVALID_ARGUMENT_TYPE");
    assertThat(restUsers()).hasSize(1);
  }

  @Test
  void updateMergesAPatchAndRefusesAnInvalidOne() {
    Map<String, Object> data = data(client.query("mutation ($id: ID!, $patch: JSON!) { updateUser(id: $id, patch: $patch) { id name email } }",
        Map.of("id", "u_1", "patch", Map.of("name", "Ada King")), null));
    assertThat(data).isEqualTo(Map.of("updateUser", Map.of("id", "u_1", "name", "Ada King", "email", "ada@example.com")));
    Map<String, Object> invalid = client.query("mutation { updateUser(id: \"u_1\", patch: {role: \"boss\"}) { id } }");
    assertThat(code(invalid)).isEqualTo("DB_SCHEMA_VALIDATION_FAILED");
    assertThat(map(restUsers().get(0))).containsEntry("name", "Ada King").containsEntry("role", "admin");
    assertThat(client.data("mutation { updateUser(id: \"nobody\", patch: {name: \"X\"}) { id } }")).containsEntry("updateUser", null);
    assertThat(code(client.query("mutation { updateUser(patch: {name: \"X\"}) { id } }"))).isEqualTo("GRAPHQL_MISSING_ID_ARGUMENT");
  }

  @Test
  void deleteAnswersWhetherARecordWasDeleted() {
    assertThat(client.data("mutation { deleteUser(id: \"u_1\") }")).isEqualTo(Map.of("deleteUser", true));
    assertThat(client.send("GET", "/db/users/u_1", null).statusCode()).isEqualTo(404);
    assertThat(client.data("mutation { deleteUser(id: \"u_1\") }")).isEqualTo(Map.of("deleteUser", false));
    assertThat(code(client.query("mutation { deleteUser }"))).isEqualTo("GRAPHQL_MISSING_ID_ARGUMENT");
  }

  @Test
  void aDocumentIsReadUpdatedAndSetByPath() {
    assertThat(client.data("{ settings { theme features } }")).isEqualTo(Map.of("settings", Map.of("theme", "light", "features", Map.of("billing", false))));
    Map<String, Object> updated = map(client.data("mutation { updateSettings(patch: {theme: \"dark\"}) { theme locale } }").get("updateSettings"));
    assertThat(updated).isEqualTo(Map.of("theme", "dark", "locale", "en-US"));
    Map<String, Object> set = map(client.data("mutation { setSettings(path: \"/features/billing\", value: true) { theme features } }").get("setSettings"));
    assertThat(set).isEqualTo(Map.of("theme", "dark", "features", Map.of("billing", true)));
    assertThat(restSettings()).containsEntry("theme", "dark").containsEntry("features", Map.of("billing", true));
  }

  @Test
  void anInvalidDocumentWriteChangesNothing() {
    Map<String, Object> set = client.query("mutation { setSettings(path: \"/features/billing\", value: \"yes\") { theme } }");
    assertThat(code(set)).isEqualTo("DB_SCHEMA_VALIDATION_FAILED");
    Map<String, Object> update = client.query("mutation { updateSettings(patch: {theme: 42}) { theme } }");
    assertThat(code(update)).isEqualTo("DB_SCHEMA_VALIDATION_FAILED");
    assertThat(code(client.query("mutation { setSettings(path: \"\", value: {}) { theme } }"))).isEqualTo("DB_DOCUMENT_SET_ROOT");
    assertThat(restSettings()).containsEntry("theme", "light").containsEntry("features", Map.of("billing", false));
  }

  @Test
  void theFirstFailingMutationStopsTheOperationButEarlierWritesStay() {
    Map<String, Object> answer = client.query("mutation { a: createUser(input: {id: \"u_a\", name: \"A\", email: \"a@example.com\"}) { id }"
        + " b: createUser(input: {id: \"u_b\", name: \"B\"}) { id } c: createUser(input: {id: \"u_c\", name: \"C\", email: \"c@example.com\"}) { id } }");
    assertThat(code(answer)).isEqualTo("DB_SCHEMA_VALIDATION_FAILED");
    assertThat(error(answer).get("path")).isEqualTo(List.of("b"));
    assertThat(restUsers()).extracting(u -> map(u).get("id")).containsExactly("u_1", "u_a");
  }

  @Test
  void aCompoundKeyIsAnInputObject() {
    assertThat(client.data("{ score(key: {team: \"red\", season: 2024}) { team season points total ratio } }"))
        .isEqualTo(Map.of("score", Map.of("team", "red", "season", 2024L, "points", 10L, "total", 5000000000L, "ratio", 0.5)));
    Map<String, Object> updated = map(client.data("mutation { updateScore(key: {team: \"red\", season: 2024}, patch: {points: 11}) { points } }")
        .get("updateScore"));
    assertThat(updated).isEqualTo(Map.of("points", 11L));
    assertThat(client.data("mutation { deleteScore(key: {team: \"red\", season: 2024}) }")).isEqualTo(Map.of("deleteScore", true));
    assertThat(code(client.query("{ score { team } }"))).isEqualTo("GRAPHQL_MISSING_ID_ARGUMENT");
    assertThat(code(client.query("{ score(key: {team: \"red\"}) { team } }"))).isEqualTo("GRAPHQL_INVALID_ARGUMENT_TYPE");
  }

  @Test
  void anIntegerBeyondInt32IsANamedError() {
    Map<String, Object> answer = client.query("{ scores { team points } }");
    assertThat(code(answer)).isEqualTo("GRAPHQL_INT_OUT_OF_RANGE");
    assertThat(details(answer)).containsEntry("resource", "scores").containsEntry("field", "points").containsEntry("value", 3000000000L);
    // total declares a max past 32 bits, so it is a Float and reads whatever it holds.
    assertThat(list(client.data("{ scores { total } }").get("scores"))).contains(Map.of("total", 5000000000L));
  }
}
