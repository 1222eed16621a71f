package dev.asyncdb.server.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.ServerConfig;
import dev.asyncdb.server.Users;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.trace} on a real server, read by a real subscriber of {@code /__db/log}: what a
 * trace holds, what it never holds (query values, bodies, cookies, credentials), the request id
 * header, {@code slowMs}, {@code console} and {@code events}, and wrong values.
 */
class RequestTraceTest {
  private static final String HEADER = "x-async-db-request-id";

  @TempDir
  Path tmp;

  @Test
  void aTraceHoldsTheRouteAndTimingsButNoQueryValuesBodiesCookiesOrCredentials() throws Exception {
    Path project = DevToolsFixture.project(tmp, "{\"server\": {\"trace\": true}}");
    String password = "pass-SECRET-4";
    String basic = "Basic " + Base64.getEncoder().encodeToString(("ada:" + password).getBytes(StandardCharsets.UTF_8));
    ServerConfig config = ServerConfig.forProject(project).withPort(0).withRestPort(0).withUsers(Users.of("ada", password));
    try (AsyncDbServer server = AsyncDbServer.start(config);
        LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log", "Authorization", basic)) {
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      String[] auth = {"Authorization", basic, "Cookie", "session=COOKIE-SECRET-2"};

      HttpResponse<String> list = c.send("GET", "/db/users?select=id,name&token=QUERY-SECRET-1", null, auth);
      assertThat(list.statusCode()).isEqualTo(200);
      Map<String, Object> trace = traceOf(log, list);
      assertThat(trace).containsEntry("type", "request").containsEntry("method", "GET").containsEntry("path", "/db/users")
          .containsEntry("query", List.of("select", "token")).containsEntry("route", "data").containsEntry("resource", "users")
          .containsEntry("op", "list").containsEntry("status", 200L).containsEntry("project", "data-first").doesNotContainKey("id");
      assertThat(((Number) trace.get("durationMs")).doubleValue()).isGreaterThanOrEqualTo(0);
      assertThat(MockDelayTest.phases(trace)).containsKeys("read", "run", "write");
      assertThat(trace.get("at")).asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

      HttpResponse<String> created = c.send("POST", "/db/users",
          "{\"id\": \"u_9\", \"name\": \"Katherine\", \"email\": \"BODY-SECRET-3@example.com\", \"role\": \"user\"}", auth);
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(traceOf(log, created)).containsEntry("op", "create").containsEntry("status", 201L).containsEntry("resource", "users");

      HttpResponse<String> patched = c.send("PATCH", "/__db/rest/users/u_9.json", "{\"name\": \"BODY-SECRET-3\"}", auth);
      assertThat(traceOf(log, patched)).containsEntry("route", "scoped").containsEntry("op", "update").containsEntry("id", "u_9");

      HttpResponse<String> one = c.send("GET", "/users.json?id=QUERY-SECRET-1", null, auth);
      assertThat(traceOf(log, one)).containsEntry("route", "root").containsEntry("op", "get").containsEntry("status", 404L)
          .containsEntry("query", List.of("id")).doesNotContainKey("id");

      HttpResponse<String> document = c.send("PUT", "/db/settings", "{\"theme\": \"BODY-SECRET-3\"}", auth);
      assertThat(traceOf(log, document)).containsEntry("resource", "settings").containsEntry("op", "replace");

      HttpResponse<String> graphql = c.send("POST", "/graphql?q=QUERY-SECRET-1", "{\"query\": \"{ user(id: \\\"BODY-SECRET-3\\\") { id } }\"}", auth);
      Map<String, Object> gq = traceOf(log, graphql);
      assertThat(gq).containsEntry("route", "graphql").containsEntry("op", "execute").containsEntry("query", List.of("q"));
      assertThat(MockDelayTest.phases(gq)).containsKeys("read", "run", "write");
      assertThat(traceOf(log, c.send("POST", "/__db/batch", "[{\"path\": \"/db/users?x=QUERY-SECRET-1\"}]", auth))).containsEntry("route", "batch");
      assertThat(traceOf(log, c.send("GET", "/__db/schema", null, auth))).containsEntry("route", "schema");
      assertThat(traceOf(log, c.send("GET", "/__db", null, auth))).containsEntry("route", "viewer").containsKey("phases");

      String everything = log.received();
      for (String secret : List.of("QUERY-SECRET-1", "COOKIE-SECRET-2", "BODY-SECRET-3", password, basic.substring("Basic ".length()), "Basic")) {
        assertThat(everything).as("the log stream").doesNotContain(secret);
      }
    }
  }

  @Test
  void everyTracedResponseCarriesARequestIdAndAPlainIncomingOneIsKept() throws Exception {
    Path project = DevToolsFixture.project(tmp, null);
    try (AsyncDbServer server = DevToolsFixture.start(project)) {
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      // Off by default: no header.
      assertThat(c.get("/db/users").headers().firstValue(HEADER)).isEmpty();

      DevToolsFixture.writeConfig(project, "{\"server\": {\"trace\": {\"enabled\": true}}}");
      server.reloadProject();
      try (LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log")) {
        String a = c.get("/db/users").headers().firstValue(HEADER).orElseThrow();
        String b = c.get("/db/users").headers().firstValue(HEADER).orElseThrow();
        assertThat(a).isNotEqualTo(b).matches("[0-9a-f-]{36}");

        HttpResponse<String> mine = c.get("/db/users", HEADER, "client-42.retry:1");
        assertThat(mine.headers().firstValue(HEADER)).contains("client-42.retry:1");
        assertThat(log.next("with the client's id", e -> "client-42.retry:1".equals(e.get("requestId")))).containsEntry("path", "/db/users");

        // An id that is not a plain token is replaced, so it cannot reach headers or logs.
        String odd = c.get("/db/users", HEADER, "two words; <script>").headers().firstValue(HEADER).orElseThrow();
        assertThat(odd).matches("[0-9a-f-]{36}");
      }

      DevToolsFixture.writeConfig(project, "{\"server\": {\"trace\": {\"header\": \"x-request-id\"}}}");
      server.reloadProject();
      HttpResponse<String> named = c.get("/db/users", "x-request-id", "abc-1");
      assertThat(named.headers().firstValue("x-request-id")).contains("abc-1");
      assertThat(named.headers().firstValue(HEADER)).isEmpty();

      DevToolsFixture.writeConfig(project, "{\"server\": {\"trace\": {\"enabled\": false}}}");
      server.reloadProject();
      assertThat(c.get("/db/users").headers().firstValue(HEADER)).isEmpty();
    }
  }

  @Test
  void slowMsKeepsOnlyRequestsThatTookThatLong() throws Exception {
    Path project = DevToolsFixture.project(tmp, "{\"mock\": {\"delay\": 200}, \"server\": {\"trace\": {\"slowMs\": 60000}}}");
    try (AsyncDbServer server = DevToolsFixture.start(project); LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log")) {
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      String quick = c.get("/db/users").headers().firstValue(HEADER).orElseThrow();
      c.get("/__db");

      DevToolsFixture.writeConfig(project, "{\"mock\": {\"delay\": 200}, \"server\": {\"trace\": {\"slowMs\": 200}}}");
      server.reloadProject();
      String slow = c.get("/db/users").headers().firstValue(HEADER).orElseThrow();
      // The first trace on the stream is the slow request: nothing under a minute was traced before it.
      Map<String, Object> first = log.next();
      assertThat(first.get("requestId")).isEqualTo(slow).isNotEqualTo(quick);
      assertThat(((Number) first.get("durationMs")).doubleValue()).isGreaterThanOrEqualTo(200);
    }
  }

  @Test
  void consoleWritesTracesToTheServersLogAndEventsFalseKeepsThemOffTheStream() throws Exception {
    Path project = DevToolsFixture.project(tmp, "{\"server\": {\"trace\": {\"console\": true, \"events\": false}}}");
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (AsyncDbServer server = DevToolsFixture.start(project); LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log")) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      String id = c.get("/db/users?token=QUERY-SECRET-1").headers().firstValue(HEADER).orElseThrow();
      String line = null;
      for (int i = 0; i < 100 && line == null; i++) {
        line = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(id)).findFirst().orElse(null);
        if (line == null) {
          Thread.sleep(100);
        }
      }
      assertThat(line).as("a log line with the request id").isNotNull().contains("INFO", "\"path\":\"/db/users\"", "\"query\":[\"token\"]")
          .doesNotContain("QUERY-SECRET-1");

      // events: false — the next event on the stream is a write, not the trace of the request before it.
      c.send("PATCH", "/db/users/u_1", "{\"name\": \"Ada King\"}");
      assertThat(log.next()).containsEntry("type", "write");
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void wrongTraceSettingsStopTheStartNamingTheSettingAndTheValue() {
    Map<String, List<String>> cases = Map.of(
        "\"yes\"", List.of("server.trace is \"yes\" (string)"),
        "{\"slowMs\": -1}", List.of("server.trace.slowMs is -1", "0 or more"),
        "{\"header\": \"bad header\"}", List.of("server.trace.header is \"bad header\"", "HTTP header name"),
        "{\"colour\": true}", List.of("server.trace.colour is true", "takes enabled, slowMs, console, events, header"),
        "{\"console\": \"yes\"}", List.of("server.trace.console is \"yes\"", "true or false"));
    cases.forEach((trace, expected) -> {
      Path project = DevToolsFixture.project(tmp.resolve("p" + Math.abs(trace.hashCode())), "{\"server\": {\"trace\": " + trace + "}}");
      assertThatThrownBy(() -> DevToolsFixture.start(project).close()).as(trace).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("CONFIG_INVALID");
        expected.forEach(part -> assertThat(e.getMessage()).as(trace).contains(part));
        assertThat(e.hint()).contains("\"trace\": true");
      });
    });
  }

  /** The trace of {@code response}'s request, found by the id its header carries. */
  static Map<String, Object> traceOf(LogSubscriber log, HttpResponse<String> response) throws InterruptedException {
    String id = response.headers().firstValue(HEADER).orElseThrow(() -> new AssertionError("no " + HEADER + " on " + response.uri()));
    return log.next("for " + response.request().method() + " " + response.uri(), e -> "request".equals(e.get("type")) && id.equals(e.get("requestId")));
  }
}
