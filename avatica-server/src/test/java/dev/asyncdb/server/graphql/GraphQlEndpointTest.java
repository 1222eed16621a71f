package dev.asyncdb.server.graphql;

import static dev.asyncdb.server.graphql.GraphQlClient.code;
import static dev.asyncdb.server.graphql.GraphQlClient.data;
import static dev.asyncdb.server.graphql.GraphQlClient.details;
import static dev.asyncdb.server.graphql.GraphQlClient.envelopeCode;
import static dev.asyncdb.server.graphql.GraphQlClient.list;
import static dev.asyncdb.server.graphql.GraphQlClient.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.Limits;
import dev.asyncdb.server.Projects;
import dev.asyncdb.server.ServerConfig;
import dev.asyncdb.server.Users;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /graphql} as an HTTP endpoint: the SDL it shows, the REST envelope for failures of the
 * exchange itself (method, body limit, JSON, switched off), the server's users and grants, and
 * the schema following live reload.
 */
class GraphQlEndpointTest {
  @TempDir
  Path tmp;

  private static ServerConfig config(Path project) {
    return ServerConfig.forProject(project).withPort(0).withRestPort(0);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void getShowsTheSchemaAsSdl() throws Exception {
    Path project = Projects.copy("schema-first", tmp);
    Files.writeString(project.resolve("db/scores.schema.jsonc"), """
        {"kind": "collection", "identity": {"fields": ["team", "season"]},
         "fields": {"team": {"type": "string", "required": true}, "season": {"type": "integer", "required": true},
                    "points": {"type": "integer", "min": 0}, "total": {"type": "integer", "max": 10000000000},
                    "ratio": {"type": "number"}, "tags": {"type": "array", "items": {"type": "string"}}, "won": {"type": "boolean"},
                    "note": {"type": "string", "required": true, "nullable": true}}}
        """);
    try (AsyncDbServer server = AsyncDbServer.start(config(project))) {
      GraphQlClient client = new GraphQlClient(server);
      HttpResponse<String> r = client.send("GET", "/graphql", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      String sdl = r.body();
      assertThat(sdl).contains("""
          type User {
            "Stable user id."
            id: ID!
            "Display name shown in the UI."
            name: String!
            "Unique email address."
            email: String!
            "Local authorization role."
            role: String
          }
          """);
      assertThat(sdl).contains("type Settings {\n  theme: String\n  locale: String\n  features: JSON\n}", "scalar JSON",
          "users: [User!]!", "user(id: ID!): User", "settings: Settings!", "auditEvents: [AuditEvent!]!", "createUser(input: JSON!): User!",
          "updateUser(id: ID!, patch: JSON!): User", "deleteUser(id: ID!): Boolean!", "updateSettings(patch: JSON!): Settings!",
          "setSettings(path: String!, value: JSON): Settings!", "payload: JSON\n");
      assertThat(sdl).contains("input ScoreKey {\n  team: String!\n  season: Int!\n}", "score(key: ScoreKey!): Score",
          "deleteScore(key: ScoreKey!): Boolean!", "  season: Int!\n  points: Int\n  total: Float\n  ratio: Float\n  tags: [JSON]\n  won: Boolean\n  note: String\n");
      assertThat(sdl).doesNotContain("subscription", "Subscription");
      HttpResponse<String> head = client.send("HEAD", "/graphql", null);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
  }

  @Test
  void namesGraphQlCannotCarryAreLeftOutOrRenamedAndSaidSo() throws Exception {
    Path project = Projects.copy("basic", tmp);
    Files.writeString(project.resolve("db/query.json"), "{\"mode\": \"fast\"}");
    Files.writeString(project.resolve("db/settings-history.json"), "[{\"id\": \"h1\", \"first-name\": \"x\", \"ok\": true}]");
    Files.writeString(project.resolve("db/user.json"), "{\"current\": \"u_1\"}");
    try (AsyncDbServer server = AsyncDbServer.start(config(project))) {
      GraphQlClient client = new GraphQlClient(server);
      String sdl = client.send("GET", "/graphql", null).body();
      assertThat(sdl).contains("# Note: the type of resource \"query\" is QueryDocument: Query is taken.",
          "# Note: field \"first-name\" of \"settingsHistory\" is left out: not a GraphQL name",
          "# Note: the type of resource \"user\" is UserDocument: User is taken.",
          "# Note: the record field of \"users\" is userById: user is taken.", "type QueryDocument {", "query: QueryDocument!",
          "user: UserDocument!", "userById(id: ID!): User", "settingsHistoryById(id: ID!): SettingsHistory");
      assertThat(client.data("{ query { mode } user { current } userById(id: \"u_1\") { name } settingsHistory { id ok } }"))
          .isEqualTo(Map.of("query", Map.of("mode", "fast"), "user", Map.of("current", "u_1"), "userById", Map.of("name", "Ada Lovelace"),
              "settingsHistory", List.of(Map.of("id", "h1", "ok", true))));
    }
  }

  @Test
  void storedValuesThatBreakTheSchemaAreNamedErrors() throws Exception {
    // Sync allows source errors while serving: a fixture that contradicts its schema is still served as it is.
    Path project = Files.createDirectories(tmp.resolve("broken/db")).getParent();
    Files.writeString(project.resolve("db/things.schema.jsonc"), "{\"kind\": \"collection\", \"fields\": {\"id\": {\"type\": \"string\","
        + " \"required\": true}, \"flag\": {\"type\": \"boolean\", \"required\": true}}}");
    Files.writeString(project.resolve("db/things.json"), "[{\"id\": \"a\", \"flag\": \"yes\"}, {\"id\": \"b\"}]");
    try (AsyncDbServer server = AsyncDbServer.start(config(project))) {
      GraphQlClient client = new GraphQlClient(server);
      Map<String, Object> wrongType = client.query("{ thing(id: \"a\") { flag } }");
      assertThat(code(wrongType)).isEqualTo("GRAPHQL_VALUE_NOT_SERIALIZABLE");
      assertThat(details(wrongType)).containsEntry("path", List.of("thing", "flag"));
      Map<String, Object> missing = client.query("{ thing(id: \"b\") { flag } }");
      assertThat(code(missing)).isEqualTo("GRAPHQL_REQUIRED_FIELD_NULL");
      assertThat(client.data("{ thing(id: \"b\") { id } }")).isEqualTo(Map.of("thing", Map.of("id", "b")));
    }
  }

  @Test
  void otherMethodsAre405WithTheRestEnvelope() {
    try (AsyncDbServer server = AsyncDbServer.start(config(Projects.copy("basic", tmp)))) {
      GraphQlClient client = new GraphQlClient(server);
      for (String method : List.of("PUT", "DELETE", "PATCH")) {
        HttpResponse<String> r = client.send(method, "/graphql", "{}");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(envelopeCode(r)).isEqualTo("GRAPHQL_METHOD_NOT_ALLOWED");
        assertThat(r.headers().firstValue("Allow")).contains("GET, POST");
      }
    }
  }

  @Test
  void aBodyOverTheLimitIs413AndBadJsonIs400() {
    ServerConfig config = config(Projects.copy("basic", tmp)).withLimits(Limits.defaults().withMaxRequestBytes(256));
    try (AsyncDbServer server = AsyncDbServer.start(config)) {
      GraphQlClient client = new GraphQlClient(server);
      HttpResponse<String> big = client.send("POST", "/graphql", "{\"query\": \"{ users { " + "id ".repeat(200) + "} }\"}");
      assertThat(big.statusCode()).isEqualTo(413);
      assertThat(envelopeCode(big)).isEqualTo("JSON_BODY_TOO_LARGE");
      HttpResponse<String> broken = client.send("POST", "/graphql", "{\"query\": \"{ users { id } }\"");
      assertThat(broken.statusCode()).isEqualTo(400);
      assertThat(envelopeCode(broken)).isEqualTo("REST_INVALID_JSON_BODY");
      assertThat(data(client.post("{\"query\": \"{ users { id } }\"}"))).containsKey("users");
    }
  }

  @Test
  void graphQlCanBeTurnedOffInTheConfig() throws Exception {
    Path project = Projects.copy("basic", tmp);
    try (AsyncDbServer server = AsyncDbServer.start(config(project))) {
      assertThat(map(Json.parse(new GraphQlClient(server).send("GET", "/", null).body()))).containsEntry("graphql", "/graphql");
    }
    Files.writeString(project.resolve("db.config.json"), "{\"graphql\": {\"enabled\": false}}");
    try (AsyncDbServer server = AsyncDbServer.start(config(project))) {
      GraphQlClient client = new GraphQlClient(server);
      for (String method : List.of("GET", "POST")) {
        HttpResponse<String> r = client.send(method, "/graphql", "{\"query\": \"{ users { id } }\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(envelopeCode(r)).isEqualTo("GRAPHQL_DISABLED");
      }
      assertThat(map(Json.parse(client.send("GET", "/", null).body()))).containsEntry("graphql", null);
      assertThat(client.send("GET", "/db/users", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aReadOnlyUserQueriesButCannotMutate() {
    Users users = Users.of("ada", "lovelace-1").with("bob", "builder-22").withReadOnly("bob", true);
    try (AsyncDbServer server = AsyncDbServer.start(config(Projects.copy("basic", tmp)).withUsers(users))) {
      GraphQlClient bob = new GraphQlClient(server, "Authorization", basic("bob", "builder-22"));
      assertThat(bob.data("{ users { id } }")).isEqualTo(Map.of("users", List.of(Map.of("id", "u_1"))));
      assertThat(bob.send("GET", "/graphql", null).statusCode()).isEqualTo(200);
      Map<String, Object> refused = bob.query("mutation Rename { updateUser(id: \"u_1\", patch: {name: \"Bob\"}) { name } }");
      assertThat(code(refused)).isEqualTo("AUTH_READ_ONLY");
      assertThat(details(refused)).containsEntry("user", "bob").containsEntry("operation", "Rename");
      assertThat(bob.data("{ user(id: \"u_1\") { name } }")).isEqualTo(Map.of("user", Map.of("name", "Ada Lovelace")));

      GraphQlClient ada = new GraphQlClient(server, "Authorization", basic("ada", "lovelace-1"));
      assertThat(ada.data("mutation { updateUser(id: \"u_1\", patch: {name: \"Ada King\"}) { name } }"))
          .isEqualTo(Map.of("updateUser", Map.of("name", "Ada King")));
    }
  }

  @Test
  void withUsersConfiguredAnUnauthenticatedRequestIsRefused() {
    try (AsyncDbServer server = AsyncDbServer.start(config(Projects.copy("basic", tmp)).withUsers(Users.of("ada", "lovelace-1")))) {
      GraphQlClient anonymous = new GraphQlClient(server);
      assertThat(anonymous.send("POST", "/graphql", "{\"query\": \"{ users { id } }\"}").statusCode()).isEqualTo(401);
      assertThat(anonymous.send("GET", "/graphql", null).statusCode()).isEqualTo(401);
      GraphQlClient wrong = new GraphQlClient(server, "Authorization", basic("ada", "nope"));
      assertThat(wrong.send("POST", "/graphql", "{\"query\": \"{ users { id } }\"}").statusCode()).isEqualTo(401);
      assertThat(new GraphQlClient(server, "Authorization", basic("ada", "lovelace-1")).data("{ users { id } }")).containsKey("users");
    }
  }

  @Test
  void theSchemaFollowsLiveReload() throws Exception {
    Path project = Projects.copy("basic", tmp);
    try (AsyncDbServer server = AsyncDbServer.start(config(project))) {
      GraphQlClient client = new GraphQlClient(server);
      assertThat(client.send("GET", "/graphql", null).body()).doesNotContain("nickname", "type Tag ");
      assertThat(code(client.query("{ tags { id } }"))).isEqualTo("GRAPHQL_UNKNOWN_QUERY_FIELD");

      Path schema = project.resolve("db/users.schema.jsonc");
      Files.writeString(schema, Files.readString(schema).replace("\"role\": {", "\"nickname\": {\"type\": \"string\", \"description\": \"What friends say.\"},\n    \"role\": {"));
      Files.writeString(project.resolve("db/tags.json"), "[{\"id\": \"t_1\", \"label\": \"news\"}]");
      server.reloadProject();

      String sdl = client.send("GET", "/graphql", null).body();
      assertThat(sdl).contains("\"What friends say.\"\n  nickname: String", "type Tag {", "tags: [Tag!]!");
      assertThat(client.data("{ tags { id label } user(id: \"u_1\") { nickname } }"))
          .isEqualTo(Map.of("tags", List.of(Map.of("id", "t_1", "label", "news")), "user", java.util.Collections.singletonMap("nickname", null)));
      assertThat(data(client.query("mutation { updateUser(id: \"u_1\", patch: {nickname: \"Ada\"}) { nickname } }")))
          .isEqualTo(Map.of("updateUser", Map.of("nickname", "Ada")));
      assertThat(list(data(client.query("{ __type(name: \"Tag\") { fields { name } } }")).get("__type") instanceof Map<?, ?> t ? t.get("fields") : null))
          .contains(Map.of("name", "label"));
    }
  }
}
