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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading through {@code POST /graphql} on a copy of the {@code basic} example (collection
 * {@code users}, document {@code settings}), one server for all: root fields and the GraphQL
 * features graphql-java brings (aliases, variables, operations, fragments, directives,
 * {@code __typename}, introspection), and how requests fail.
 */
class GraphQlQueryTest {
  @TempDir
  static Path tmp;
  static AsyncDbServer server;
  static GraphQlClient client;

  @BeforeAll
  static void start() {
    server = AsyncDbServer.start(ServerConfig.forProject(Projects.copy("basic", tmp)).withPort(0).withRestPort(0));
    client = new GraphQlClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aCollectionIsListedUnderItsName() {
    List<Object> users = list(client.data("{ users { id name email role } }").get("users"));
    assertThat(users).containsExactly(Map.of("id", "u_1", "name", "Ada Lovelace", "email", "ada@example.com", "role", "admin"));
  }

  @Test
  void oneRecordIsReadByIdUnderTheSingularOrNullWhenMissing() {
    assertThat(client.data("{ user(id: \"u_1\") { name } }")).isEqualTo(Map.of("user", Map.of("name", "Ada Lovelace")));
    assertThat(client.data("{ user(id: \"nobody\") { name } }")).containsEntry("user", null);
  }

  @Test
  void aMissingIdArgumentIsNamed() {
    Map<String, Object> answer = client.query("{ user { name } }");
    assertThat(code(answer)).isEqualTo("GRAPHQL_MISSING_ID_ARGUMENT");
    assertThat(details(answer)).containsEntry("field", "user").containsEntry("missing", List.of("id"));
    assertThat(map(error(answer).get("extensions")).get("hint")).asString().contains("user(id:");
  }

  @Test
  void aDocumentIsReadUnderItsName() {
    Map<String, Object> settings = map(client.data("{ settings { theme locale features } }").get("settings"));
    assertThat(settings).containsEntry("theme", "light").containsEntry("locale", "en-US").containsEntry("features", Map.of("billing", false));
  }

  @Test
  void aliasesNameTheAnswers() {
    Map<String, Object> data = client.data("{ ada: user(id: \"u_1\") { fullName: name } none: user(id: \"x\") { id } everyone: users { id } }");
    assertThat(data).containsEntry("ada", Map.of("fullName", "Ada Lovelace")).containsEntry("none", null)
        .containsEntry("everyone", List.of(Map.of("id", "u_1")));
  }

  @Test
  void variablesFillArguments() {
    Map<String, Object> data = data(client.query("query One($id: ID!) { user(id: $id) { email } }", Map.of("id", "u_1"), null));
    assertThat(data).isEqualTo(Map.of("user", Map.of("email", "ada@example.com")));
    Map<String, Object> missing = client.query("query One($id: ID!) { user(id: $id) { email } }", Map.of(), null);
    assertThat(code(missing)).isEqualTo("GRAPHQL_MISSING_VARIABLE");
    Map<String, Object> wrongType = client.query("query ($full: Boolean!) { users { email @include(if: $full) } }", Map.of("full", "yes"), null);
    assertThat(code(wrongType)).isEqualTo("GRAPHQL_INVALID_ARGUMENT_TYPE");
  }

  @Test
  void operationNameChoosesAmongSeveralOperations() {
    String document = "query Names { users { name } } query Emails { users { email } } query Theme { settings { theme } }";
    assertThat(data(client.query(document, null, "Emails"))).isEqualTo(Map.of("users", List.of(Map.of("email", "ada@example.com"))));
    assertThat(data(client.query(document, null, "Theme"))).isEqualTo(Map.of("settings", Map.of("theme", "light")));
    Map<String, Object> unnamed = client.query(document);
    assertThat(code(unnamed)).isEqualTo("GRAPHQL_OPERATION_NAME_REQUIRED");
    assertThat(details(unnamed).get("available")).isEqualTo(List.of("Names", "Emails", "Theme"));
    assertThat(code(client.query(document, null, "Phones"))).isEqualTo("GRAPHQL_UNKNOWN_OPERATION");
  }

  @Test
  void namedAndInlineFragmentsSelectFields() {
    Map<String, Object> data = client.data("{ users { ...Who ... on User { role } } } fragment Who on User { id name }");
    assertThat(list(data.get("users"))).containsExactly(Map.of("id", "u_1", "name", "Ada Lovelace", "role", "admin"));
    Map<String, Object> unknown = client.query("{ users { ...Nope } }");
    assertThat(code(unknown)).isEqualTo("GRAPHQL_UNKNOWN_FRAGMENT");
  }

  @Test
  void includeAndSkipDecideFields() {
    String q = "query ($full: Boolean!) { users { id email @include(if: $full) name @skip(if: $full) } }";
    assertThat(list(data(client.query(q, Map.of("full", true), null)).get("users"))).containsExactly(Map.of("id", "u_1", "email", "ada@example.com"));
    assertThat(list(data(client.query(q, Map.of("full", false), null)).get("users"))).containsExactly(Map.of("id", "u_1", "name", "Ada Lovelace"));
    assertThat(code(client.query("{ users { id @cached } }"))).isEqualTo("GRAPHQL_UNSUPPORTED_DIRECTIVE");
  }

  @Test
  void typenameNamesTheTypes() {
    Map<String, Object> data = client.data("{ __typename users { __typename } settings { __typename } }");
    assertThat(data).containsEntry("__typename", "Query").containsEntry("users", List.of(Map.of("__typename", "User")))
        .containsEntry("settings", Map.of("__typename", "Settings"));
  }

  @Test
  void introspectionDescribesTheSchema() {
    Map<String, Object> schema = map(client.data("{ __schema { queryType { name } mutationType { name } subscriptionType { name }"
        + " types { name } } }").get("__schema"));
    assertThat(schema).containsEntry("queryType", Map.of("name", "Query")).containsEntry("mutationType", Map.of("name", "Mutation"))
        .containsEntry("subscriptionType", null);
    assertThat(list(schema.get("types"))).contains(Map.of("name", "User"), Map.of("name", "Settings"), Map.of("name", "JSON"));

    Map<String, Object> user = map(client.data("{ __type(name: \"User\") { kind description fields { name description"
        + " type { kind name ofType { name } } } } }").get("__type"));
    assertThat(user).containsEntry("kind", "OBJECT");
    Map<String, Object> id = field(user, "id");
    assertThat(id).containsEntry("description", "Stable user id.");
    assertThat(map(id.get("type"))).containsEntry("kind", "NON_NULL").containsEntry("ofType", Map.of("name", "ID"));
    Map<String, Object> role = field(user, "role");
    assertThat(role).containsEntry("description", "Local authorization role.");
    assertThat(map(role.get("type"))).containsEntry("kind", "SCALAR").containsEntry("name", "String");
    assertThat(client.data("{ __type(name: \"Nope\") { name } }")).containsEntry("__type", null);
  }

  private static Map<String, Object> field(Map<String, Object> type, String name) {
    return list(type.get("fields")).stream().map(GraphQlClient::map).filter(f -> name.equals(f.get("name"))).findFirst().orElseThrow();
  }

  @Test
  void subscriptionsAreRefused() {
    Map<String, Object> answer = client.query("subscription Changes { users { id } }");
    assertThat(code(answer)).isEqualTo("GRAPHQL_SUBSCRIPTION_UNSUPPORTED");
    assertThat(error(answer).get("message")).asString().contains("Changes");
  }

  @Test
  void aParseErrorSaysWhere() {
    Map<String, Object> answer = client.query("{ users { id }");
    assertThat(code(answer)).isEqualTo("GRAPHQL_PARSE_ERROR");
    assertThat(details(answer)).containsEntry("line", 1L).containsEntry("column", 15L).containsEntry("offendingToken", "<EOF>");
  }

  @Test
  void unknownFieldsAreNamedWithWhatExists() {
    Map<String, Object> root = client.query("{ customers { id } }");
    assertThat(code(root)).isEqualTo("GRAPHQL_UNKNOWN_QUERY_FIELD");
    assertThat(details(root)).containsEntry("field", "customers");
    assertThat(list(details(root).get("available"))).contains("users", "user", "settings");
    assertThat(code(client.query("mutation { createCustomer(input: {}) }"))).isEqualTo("GRAPHQL_UNKNOWN_MUTATION_FIELD");
    assertThat(code(client.query("{ users { phone } }"))).isEqualTo("GRAPHQL_UNKNOWN_FIELD");
  }

  @Test
  void aRequestWithoutAQueryIsAGraphQlError() {
    assertThat(code(client.post("{}"))).isEqualTo("GRAPHQL_MISSING_QUERY");
    assertThat(code(client.post(""))).isEqualTo("GRAPHQL_MISSING_QUERY");
    assertThat(code(client.query("fragment Who on User { id }"))).isEqualTo("GRAPHQL_MISSING_QUERY");
    assertThat(code(client.post("{\"query\": \"{ users { id } }\", \"variables\": [1]}"))).isEqualTo("GRAPHQL_INVALID_REQUEST");
    assertThat(code(client.post("{\"query\": 42}"))).isEqualTo("GRAPHQL_INVALID_REQUEST");
    assertThat(code(client.post("{\"query\": \"{ users { id } }\", \"operationName\": 1}"))).isEqualTo("GRAPHQL_INVALID_REQUEST");
  }

  @Test
  void validationErrorsHaveCodes() {
    assertThat(code(client.query("{ user(id: \"u_1\", version: 2) { id } }"))).isEqualTo("GRAPHQL_UNKNOWN_ARGUMENT");
    assertThat(code(client.query("{ users }"))).isEqualTo("GRAPHQL_INVALID_SELECTION");
    assertThat(code(client.query("{ users { id { x } } }"))).isEqualTo("GRAPHQL_INVALID_SELECTION");
    assertThat(code(client.query("{ user(id: $who) { id } }"))).isEqualTo("GRAPHQL_MISSING_VARIABLE");
    assertThat(code(client.query("{ user(id: true) { id } }"))).isEqualTo("GRAPHQL_INVALID_ARGUMENT_TYPE");
    Map<String, Object> missing = client.query("mutation { createUser { id } }");
    assertThat(code(missing)).isEqualTo("GRAPHQL_MISSING_ARGUMENT");
    assertThat(details(missing)).containsEntry("missing", List.of("input"));
    assertThat(code(client.query("{ users { id } } fragment Unused on User { id }"))).isEqualTo("GRAPHQL_VALIDATION_FAILED");
  }

  @Test
  void anArrayRunsEachRequestInTurn() {
    List<Object> answers = list(Json.parse(client.send("POST", "/graphql",
        "[{\"query\": \"{ users { id } }\"}, \"{ settings { theme } }\", {\"query\": \"{ nope }\"}, 42]").body()));
    assertThat(answers).hasSize(4);
    assertThat(data(map(answers.get(0)))).isEqualTo(Map.of("users", List.of(Map.of("id", "u_1"))));
    assertThat(data(map(answers.get(1)))).isEqualTo(Map.of("settings", Map.of("theme", "light")));
    assertThat(code(map(answers.get(2)))).isEqualTo("GRAPHQL_UNKNOWN_QUERY_FIELD");
    assertThat(code(map(answers.get(3)))).isEqualTo("GRAPHQL_INVALID_REQUEST");
  }

  @Test
  void theQueryTextItselfIsARequest() {
    assertThat(data(client.post("{ users { id } }"))).isEqualTo(Map.of("users", List.of(Map.of("id", "u_1"))));
    assertThat(data(client.post("query { settings { locale } }"))).isEqualTo(Map.of("settings", Map.of("locale", "en-US")));
    assertThat(data(client.post("\"{ users { name } }\""))).isEqualTo(Map.of("users", List.of(Map.of("name", "Ada Lovelace"))));
    assertThat(data(client.post("users: user(id: \"u_1\") { id }".replace("users: ", "{ ") + " }", "Content-Type", "application/graphql")))
        .isEqualTo(Map.of("user", Map.of("id", "u_1")));
  }
}
