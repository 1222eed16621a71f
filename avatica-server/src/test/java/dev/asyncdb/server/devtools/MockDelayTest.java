package dev.asyncdb.server.devtools;

import static dev.asyncdb.server.devtools.DevToolsFixture.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.server.AsyncDbServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mock.delay} on a real server: the mocked routes wait at least the configured time (only
 * lower bounds are asserted); which routes were delayed, and by how much, is read from the
 * request traces rather than from timing; wrong values stop the start or, after a live reload,
 * fail the mocked routes with the setting and the value named.
 */
class MockDelayTest {
  @TempDir
  Path tmp;

  @Test
  void aFixedDelayHoldsEveryMockedRoute() {
    try (AsyncDbServer server = DevToolsFixture.start(DevToolsFixture.project(tmp, "{\"mock\": {\"delay\": 200}}"))) {
      // serve prints the warnings: a server that slows requests on purpose says so.
      assertThat(server.warnings()).anySatisfy(w -> assertThat(w).contains("Project \"data-first\": mock.delay 200 ms in db.config.json"));
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      assertThat(c.timed("GET", "/db/users", null)).isGreaterThanOrEqualTo(200);
      assertThat(c.timed("GET", "/db/users/u_1.json", null)).isGreaterThanOrEqualTo(200);
      assertThat(c.timed("GET", "/__db/rest/users", null)).isGreaterThanOrEqualTo(200);
      assertThat(c.timed("GET", "/users", null)).isGreaterThanOrEqualTo(200);
      assertThat(c.timed("POST", "/db/users", "{\"id\": \"u_9\", \"name\": \"Katherine\", \"email\": \"k@example.com\", \"role\": \"user\"}"))
          .isGreaterThanOrEqualTo(200);
      assertThat(c.timed("GET", "/__db/schema", null)).isGreaterThanOrEqualTo(200);
      assertThat(c.timed("POST", "/__db/batch", "[{\"path\": \"/db/users\"}]")).isGreaterThanOrEqualTo(200);
      assertThat(c.timed("POST", "/graphql", "{\"query\": \"{ users { id } }\"}")).isGreaterThanOrEqualTo(200);
      assertThat(c.timed("GET", "/graphql", null)).isGreaterThanOrEqualTo(200);
    }
  }

  @Test
  void theViewerItsTableItsConsolesAndDiscoveryAreNotDelayed() throws Exception {
    // The traces say what the mock did to each request, so no upper bound on time is needed.
    try (AsyncDbServer server = DevToolsFixture.start(DevToolsFixture.project(tmp, "{\"mock\": {\"delay\": 200}, \"server\": {\"trace\": true}}"));
        LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log")) {
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      for (String path : List.of("/__db", "/__db/page/users", "/")) {
        String id = c.get(path).headers().firstValue("x-async-db-request-id").orElseThrow();
        Map<String, Object> trace = log.next("for GET " + path, e -> id.equals(e.get("requestId")));
        assertThat(trace).doesNotContainKey("mock");
        assertThat(phases(trace)).doesNotContainKey("delay");
      }
      String sql = c.send("POST", "/__db/sql", "{\"sql\": \"select count(*) from users\"}").headers().firstValue("x-async-db-request-id").orElseThrow();
      assertThat(log.next("for the SQL console", e -> sql.equals(e.get("requestId")))).doesNotContainKey("mock");

      HttpResponse<String> users = c.get("/db/users");
      String id = users.headers().firstValue("x-async-db-request-id").orElseThrow();
      Map<String, Object> trace = log.next("for GET /db/users", e -> id.equals(e.get("requestId")));
      assertThat(((Number) mock(trace).get("delayMs")).longValue()).isEqualTo(200);
      assertThat(mock(trace).get("error")).isEqualTo(false);
      assertThat(((Number) phases(trace).get("delay")).doubleValue()).isGreaterThanOrEqualTo(200.0);
      assertThat(((Number) trace.get("durationMs")).doubleValue()).isGreaterThanOrEqualTo(200.0);
    }
  }

  @Test
  void aRangeOrAnObjectDelaysEachRequestWithinIt() throws Exception {
    for (String delay : List.of("[150, 250]", "{\"minMs\": 150, \"maxMs\": 250}")) {
      Path project = DevToolsFixture.project(tmp.resolve(delay.startsWith("[") ? "range" : "object"),
          "{\"mock\": {\"delay\": " + delay + "}, \"server\": {\"trace\": true}}");
      try (AsyncDbServer server = DevToolsFixture.start(project); LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log")) {
        assertThat(server.warnings()).anySatisfy(w -> assertThat(w).contains("mock.delay 150-250 ms"));
        DevToolsFixture.Client c = new DevToolsFixture.Client(server);
        for (int i = 0; i < 4; i++) {
          long start = System.nanoTime();
          HttpResponse<String> r = c.get("/db/users");
          assertThat((System.nanoTime() - start) / 1_000_000).as(delay).isGreaterThanOrEqualTo(150);
          String id = r.headers().firstValue("x-async-db-request-id").orElseThrow();
          Map<String, Object> trace = log.next("for request " + i, e -> id.equals(e.get("requestId")));
          assertThat(((Number) mock(trace).get("delayMs")).longValue()).as(delay).isBetween(150L, 250L);
        }
      }
    }
  }

  @Test
  void zeroTurnsItOffAndTrueIsTheOriginals30To100Ms() throws Exception {
    Path project = DevToolsFixture.project(tmp, "{\"mock\": {\"delay\": 0}, \"server\": {\"trace\": true}}");
    try (AsyncDbServer server = DevToolsFixture.start(project); LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log")) {
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      String id = c.get("/db/users").headers().firstValue("x-async-db-request-id").orElseThrow();
      assertThat(log.next("for the undelayed request", e -> id.equals(e.get("requestId")))).doesNotContainKey("mock");

      DevToolsFixture.writeConfig(project, "{\"mock\": {\"delay\": true}, \"server\": {\"trace\": true}}");
      server.reloadProject();
      assertThat(c.timed("GET", "/db/users", null)).isGreaterThanOrEqualTo(30);
      String next = c.get("/db/users").headers().firstValue("x-async-db-request-id").orElseThrow();
      Map<String, Object> trace = log.next("for the default-delayed request", e -> next.equals(e.get("requestId")));
      assertThat(((Number) mock(trace).get("delayMs")).longValue()).isBetween(30L, 100L);
    }
  }

  @Test
  void aWrongDelayStopsTheStartNamingTheSettingAndTheValue() {
    Map<String, List<String>> cases = Map.of(
        "\"slow\"", List.of("mock.delay is \"slow\" (string)", "number of milliseconds"),
        "[100]", List.of("mock.delay is [100] (array)"),
        "[200, 100]", List.of("mock.delay is [200,100]", "minimum (200 ms) is above the maximum (100 ms)"),
        "{\"minMs\": 10}", List.of("mock.delay is {\"minMs\":10}", "both minMs and maxMs"),
        "-5", List.of("mock.delay is -5 (number)"),
        "{\"min\": 1, \"max\": 2}", List.of("mock.delay.min is 1", "takes minMs, maxMs"),
        "120000", List.of("mock.delay is 120000", "between 0 and 60000"));
    cases.forEach((value, expected) -> {
      Path project = DevToolsFixture.project(tmp.resolve("p" + Math.abs(value.hashCode())), "{\"mock\": {\"delay\": " + value + "}}");
      assertThatThrownBy(() -> DevToolsFixture.start(project).close()).as(value).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("CONFIG_INVALID");
        assertThat(e.getMessage()).contains("Project \"data-first\"", "db.config.json");
        expected.forEach(part -> assertThat(e.getMessage()).as(value).contains(part));
        assertThat(e.hint()).contains("\"delay\": 200");
      });
    });
  }

  @Test
  void aWrongDelayAfterALiveReloadFailsOnlyTheMockedRoutesUntilItIsFixed() {
    Path project = DevToolsFixture.project(tmp, null);
    try (AsyncDbServer server = DevToolsFixture.start(project)) {
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      DevToolsFixture.writeConfig(project, "{\"mock\": {\"delay\": \"slow\"}}");
      server.reloadProject();
      HttpResponse<String> users = c.get("/db/users");
      assertThat(users.statusCode()).isEqualTo(500);
      assertThat(error(users).get("code")).isEqualTo("CONFIG_INVALID");
      assertThat(error(users).get("details")).isEqualTo(Map.of("setting", "mock.delay", "received", "slow"));
      assertThat(error(users).get("message")).asString().contains("mock.delay is \"slow\"");
      assertThat(c.send("POST", "/graphql", "{ users { id } }").statusCode()).isEqualTo(500);
      // The viewer still shows the project, so the mistake can be looked into.
      assertThat(c.get("/__db").statusCode()).isEqualTo(200);
      assertThat(c.send("POST", "/__db/sql", "{\"sql\": \"select count(*) from users\"}").statusCode()).isEqualTo(200);

      DevToolsFixture.writeConfig(project, "{\"mock\": {\"delay\": 0}}");
      server.reloadProject();
      assertThat(c.get("/db/users").statusCode()).isEqualTo(200);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> phases(Map<String, Object> trace) {
    return (Map<String, Object>) trace.get("phases");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mock(Map<String, Object> trace) {
    assertThat(trace).containsKey("mock");
    return (Map<String, Object>) trace.get("mock");
  }
}
