package dev.asyncdb.server.devtools;

import static dev.asyncdb.server.devtools.DevToolsFixture.error;
import static dev.asyncdb.server.devtools.DevToolsFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.server.AsyncDbServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mock.errors} on a real server. Rates 1 and 0 are deterministic (no random number is
 * drawn), and {@code mock.seed} makes a fractional rate repeat itself, so every assertion is exact.
 */
class MockErrorsTest {
  @TempDir
  Path tmp;

  /** Every mocked route, with a body where it takes one. */
  private static final List<String[]> MOCKED = List.of(
      new String[] {"GET", "/db/users", null},
      new String[] {"GET", "/db/users/u_1", null},
      new String[] {"GET", "/db/users.json?id=u_1", null},
      new String[] {"POST", "/db/users", "{\"id\": \"u_9\", \"name\": \"Katherine\", \"email\": \"k@example.com\", \"role\": \"user\"}"},
      new String[] {"PATCH", "/db/users/u_1", "{\"name\": \"Ada King\"}"},
      new String[] {"DELETE", "/db/users/u_2", null},
      new String[] {"PUT", "/db/settings", "{\"theme\": \"dark\"}"},
      new String[] {"GET", "/__db/rest/users", null},
      new String[] {"GET", "/users", null},
      new String[] {"GET", "/__db/schema", null},
      new String[] {"POST", "/__db/batch", "[{\"method\": \"DELETE\", \"path\": \"/db/users/u_1\"}]"},
      new String[] {"POST", "/graphql", "{\"query\": \"mutation { deleteUser(id: \\\"u_1\\\") }\"}"},
      new String[] {"GET", "/graphql", null});

  @Test
  void atRateOneEveryMockedCallAnswersTheConfiguredErrorAndChangesNothing() throws Exception {
    Path project = DevToolsFixture.project(tmp, "{\"mock\": {\"errors\": {\"rate\": 1, \"status\": 418, \"message\": \"Teapot outage\"}}}");
    try (AsyncDbServer server = DevToolsFixture.start(project)) {
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      for (String[] call : MOCKED) {
        HttpResponse<String> r = c.send(call[0], call[1], call[2]);
        String what = call[0] + " " + call[1];
        assertThat(r.statusCode()).as(what).isEqualTo(418);
        assertThat(object(r).get("mock")).as(what).isEqualTo(true);
        assertThat(error(r).get("code")).as(what).isEqualTo("MOCK_ERROR");
        assertThat(error(r).get("message")).as(what).isEqualTo("Teapot outage");
        assertThat(error(r).get("hint")).asString().contains("mock.errors");
        assertThat(((Number) ((Map<?, ?>) error(r).get("details")).get("rate")).doubleValue()).isEqualTo(1.0);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      }
      // The SQL console is not mocked: it shows that no write went through.
      HttpResponse<String> count = c.send("POST", "/__db/sql", "{\"sql\": \"select count(*) as n from users where name = 'Ada Lovelace'\"}");
      assertThat(count.statusCode()).isEqualTo(200);
      assertThat(count.body()).contains("\"rows\":[[1]]");
      assertThat(c.send("POST", "/__db/sql", "{\"sql\": \"select count(*) as n from users\"}").body()).contains("\"rows\":[[2]]");
      assertThat(c.send("POST", "/__db/sql", "{\"sql\": \"select theme from settings\"}").body()).contains("light");
      // Neither are the viewer, its table, discovery and the two event streams.
      assertThat(c.get("/__db").statusCode()).isEqualTo(200);
      assertThat(c.get("/__db/page/users").statusCode()).isEqualTo(200);
      assertThat(c.get("/").statusCode()).isEqualTo(200);
      LogSubscriber.open(server.restUrl() + "/__db/log").close();
      LogSubscriber.open(server.restUrl() + "/__db/events").close();
    }
  }

  @Test
  void aBareRateAnswersTheOriginals503AndMessage() {
    try (AsyncDbServer server = DevToolsFixture.start(DevToolsFixture.project(tmp, "{\"mock\": {\"errors\": 1}}"))) {
      assertThat(server.warnings()).anySatisfy(w -> assertThat(w).contains("mock.errors 100% (503)"));
      HttpResponse<String> r = new DevToolsFixture.Client(server).get("/db/users");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(error(r).get("message")).isEqualTo("Mock chaos error");
      assertThat(object(r).get("mock")).isEqualTo(true);
    }
  }

  @Test
  void atRateZeroNothingFails() {
    for (String errors : List.of("0", "{\"rate\": 0, \"status\": 500}", "null", "false")) {
      Path project = DevToolsFixture.project(tmp.resolve("p" + Math.abs(errors.hashCode())), "{\"mock\": {\"errors\": " + errors + "}}");
      try (AsyncDbServer server = DevToolsFixture.start(project)) {
        assertThat(server.warnings()).noneSatisfy(w -> assertThat(w).contains("mock"));
        DevToolsFixture.Client c = new DevToolsFixture.Client(server);
        for (String[] call : MOCKED) {
          assertThat(c.send(call[0], call[1], call[2]).statusCode()).as(errors + ": " + call[0] + " " + call[1]).isLessThan(400);
        }
      }
    }
  }

  @Test
  void aSeedRepeatsTheSameErrorsForTheSameRequests() {
    Path project = DevToolsFixture.project(tmp, "{\"mock\": {\"errors\": 0.5, \"seed\": 42}}");
    try (AsyncDbServer server = DevToolsFixture.start(project)) {
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      List<Integer> first = statuses(c);
      assertThat(first).contains(200, 503);
      HttpResponse<String> failed = null;
      for (int i = 0; failed == null; i++) {
        HttpResponse<String> r = c.get("/db/users");
        failed = r.statusCode() == 503 ? r : null;
      }
      assertThat(((Number) ((Map<?, ?>) error(failed).get("details")).get("seed")).longValue()).isEqualTo(42);
      // Reloading starts the sequence again.
      server.reloadProject();
      assertThat(statuses(c)).isEqualTo(first);
    }
  }

  private static List<Integer> statuses(DevToolsFixture.Client c) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      out.add(c.get("/db/users").statusCode());
    }
    return out;
  }

  @Test
  void graphQlTurnedOffIsReportedBeforeMockErrors() {
    Path project = DevToolsFixture.project(tmp, "{\"graphql\": {\"enabled\": false}, \"mock\": {\"errors\": 1}}");
    try (AsyncDbServer server = DevToolsFixture.start(project)) {
      HttpResponse<String> r = new DevToolsFixture.Client(server).send("POST", "/graphql", "{ users { id } }");
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(error(r).get("code")).isEqualTo("GRAPHQL_DISABLED");
    }
  }

  @Test
  void wrongErrorSettingsStopTheStartNamingTheSettingAndTheValue() {
    Map<String, List<String>> cases = Map.of(
        "{\"errors\": 2}", List.of("mock.errors is 2 (number)", "between 0 (never) and 1"),
        "{\"errors\": \"often\"}", List.of("mock.errors is \"often\" (string)"),
        "{\"errors\": {\"rate\": 0.5, \"status\": 200}}", List.of("mock.errors.status is 200", "from 400 to 599"),
        "{\"errors\": {\"rate\": 0.5, \"message\": \"\"}}", List.of("mock.errors.message is \"\"", "non-empty string"),
        "{\"errors\": {\"status\": 500}}", List.of("mock.errors is {\"status\":500}", "expected a rate"),
        "{\"errors\": {\"rate\": 1, \"code\": \"X\"}}", List.of("mock.errors.code is \"X\"", "takes rate, status, message"),
        "{\"seed\": 1.5}", List.of("mock.seed is 1.5", "whole number"),
        "{\"delays\": 100}", List.of("mock.delays is 100", "takes delay, errors, seed"));
    cases.forEach((mock, expected) -> {
      Path project = DevToolsFixture.project(tmp.resolve("p" + Math.abs(mock.hashCode())), "{\"mock\": " + mock + "}");
      assertThatThrownBy(() -> DevToolsFixture.start(project).close()).as(mock).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("CONFIG_INVALID");
        expected.forEach(part -> assertThat(e.getMessage()).as(mock).contains(part));
      });
    });
    Path notAnObject = DevToolsFixture.project(tmp.resolve("bare"), "{\"mock\": true}");
    assertThatThrownBy(() -> DevToolsFixture.start(notAnObject).close()).hasMessageContaining("mock is true (boolean)");
  }
}
