package dev.asyncdb.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.HttpTestClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real HTTP client for {@code /graphql} (and the REST routes, to check what GraphQL did) of a running server. */
final class GraphQlClient extends HttpTestClient {
  GraphQlClient(AsyncDbServer server, String... headers) {
    super(server, headers);
  }

  /** POSTs a body to /graphql and checks the exchange itself succeeded (GraphQL errors are 200 too). */
  Map<String, Object> post(String body, String... extraHeaders) {
    HttpResponse<String> r = send("POST", "/graphql", body, extraHeaders);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    return map(Json.parse(r.body()));
  }

  Map<String, Object> query(String query) {
    return query(query, null, null);
  }

  Map<String, Object> query(String query, Map<String, Object> variables, String operationName) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("query", query);
    if (variables != null) {
      request.put("variables", variables);
    }
    if (operationName != null) {
      request.put("operationName", operationName);
    }
    return post(Json.write(request));
  }

  /** The data of a successful answer, checking there are no errors. */
  Map<String, Object> data(String query) {
    return data(query(query));
  }

  static Map<String, Object> data(Map<String, Object> answer) {
    assertThat(answer).as(Json.write(answer)).doesNotContainKey("errors");
    return map(answer.get("data"));
  }

  /** The single error of a failed answer (data null, one error with code, hint and details); returns it. */
  static Map<String, Object> error(Map<String, Object> answer) {
    assertThat(answer).as(Json.write(answer)).containsEntry("data", null);
    List<?> errors = (List<?>) answer.get("errors");
    assertThat(errors).hasSize(1);
    Map<String, Object> error = map(errors.get(0));
    assertThat(error.get("message")).isInstanceOf(String.class);
    Map<String, Object> ext = map(error.get("extensions"));
    assertThat(ext).containsKeys("code", "hint", "details");
    assertThat(ext.get("hint")).isInstanceOf(String.class);
    assertThat(ext.get("details")).isInstanceOf(Map.class);
    return error;
  }

  static String code(Map<String, Object> answer) {
    return (String) map(error(answer).get("extensions")).get("code");
  }

  static Map<String, Object> details(Map<String, Object> answer) {
    return map(map(error(answer).get("extensions")).get("details"));
  }

  /** The REST error envelope's code of a non-200 answer. */
  static String envelopeCode(HttpResponse<String> r) {
    Map<String, Object> error = map(map(Json.parse(r.body())).get("error"));
    assertThat(error).containsKeys("code", "message", "hint", "details");
    return (String) error.get("code");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }
}
