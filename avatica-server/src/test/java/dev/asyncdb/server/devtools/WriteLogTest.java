package dev.asyncdb.server.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.server.AsyncDbServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime writes on {@code /__db/log}, whoever makes them — REST, GraphQL, the SQL console, a
 * remote JDBC client — with tracing off (writes are always streamed) or on (then a write made by a
 * traced request names it), across live reloads, and counted past the first hundred records.
 */
class WriteLogTest {
  @TempDir
  Path tmp;

  @Test
  void restGraphQlAndRemoteJdbcWritesAppearOnTheLog() throws Exception {
    try (AsyncDbServer server = DevToolsFixture.start(DevToolsFixture.project(tmp, null));
        LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log")) {
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      assertThat(c.send("POST", "/db/users", "{\"id\": \"u_9\", \"name\": \"Katherine\", \"email\": \"SECRET@example.com\", \"role\": \"user\"}")
          .statusCode()).isEqualTo(201);
      Map<String, Object> rest = log.next();
      assertThat(rest).containsEntry("type", "write").containsEntry("project", "data-first").containsEntry("resources", List.of("users"))
          .containsEntry("changes", List.of(Map.of("resource", "users", "op", "create", "id", "u_9"))).doesNotContainKey("requestId");
      assertThat(((Number) rest.get("version")).longValue()).isPositive();
      assertThat(log.received()).doesNotContain("SECRET");

      try (Connection jdbc = DriverManager.getConnection(server.jdbcUrl()); Statement s = jdbc.createStatement()) {
        s.executeUpdate("insert into users (id, name, email, role) values ('u_10', 'Dorothy', 'dv@example.com', 'user')");
        assertThat(log.next()).containsEntry("changes", List.of(Map.of("resource", "users", "op", "create", "id", "u_10")));
        s.executeUpdate("delete from users where id = 'u_9'");
        assertThat(log.next()).containsEntry("changes", List.of(Map.of("resource", "users", "op", "delete", "id", "u_9")));
      }

      assertThat(c.send("PATCH", "/db/settings", "{\"theme\": \"dark\"}").statusCode()).isEqualTo(200);
      assertThat(log.next()).containsEntry("resources", List.of("settings")).containsEntry("changes", List.of(Map.of("resource", "settings", "op", "update")));

      assertThat(c.send("POST", "/graphql", "mutation { updateUser(id: \"u_1\", patch: {name: \"Ada King\"}) { id } }").body()).contains("u_1");
      assertThat(log.next()).containsEntry("changes", List.of(Map.of("resource", "users", "op", "update", "id", "u_1")));

      assertThat(c.send("POST", "/__db/sql", "{\"sql\": \"update users set role = 'admin' where id = 'u_10'\"}").statusCode()).isEqualTo(200);
      assertThat(log.next()).containsEntry("changes", List.of(Map.of("resource", "users", "op", "update", "id", "u_10")));
    }
  }

  @Test
  void aWriteMadeByATracedRequestNamesItsRequestId() throws Exception {
    try (AsyncDbServer server = DevToolsFixture.start(DevToolsFixture.project(tmp, "{\"server\": {\"trace\": true}}"));
        LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log")) {
      HttpResponse<String> r = new DevToolsFixture.Client(server).send("POST", "/__db/batch",
          "[{\"method\": \"PATCH\", \"path\": \"/db/users/u_1\", \"body\": {\"name\": \"Ada King\"}}]");
      String id = r.headers().firstValue("x-async-db-request-id").orElseThrow();
      Map<String, Object> write = log.next();
      assertThat(write).containsEntry("type", "write").containsEntry("requestId", id);
      // The request's own trace comes after its write: it is recorded when the request ends.
      assertThat(log.next()).containsEntry("type", "request").containsEntry("requestId", id).containsEntry("route", "batch");
    }
  }

  @Test
  void theLogFollowsTheProjectThroughLiveReload() throws Exception {
    try (AsyncDbServer server = DevToolsFixture.start(DevToolsFixture.project(tmp, null));
        LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log")) {
      server.reloadProject();
      // A remote JDBC write first, with no HTTP request in between to notice the new engine.
      try (Connection jdbc = DriverManager.getConnection(server.jdbcUrl()); Statement s = jdbc.createStatement()) {
        s.executeUpdate("update users set name = 'Ada King' where id = 'u_1'");
      }
      assertThat(log.next()).containsEntry("changes", List.of(Map.of("resource", "users", "op", "update", "id", "u_1")));
      server.reloadProject();
      new DevToolsFixture.Client(server).send("DELETE", "/db/users/u_2", null);
      assertThat(log.next()).containsEntry("changes", List.of(Map.of("resource", "users", "op", "delete", "id", "u_2")));
    }
  }

  @Test
  void aLargeWriteListsTheFirstHundredRecordsAndCountsTheRest() throws Exception {
    try (AsyncDbServer server = DevToolsFixture.start(DevToolsFixture.project(tmp, null));
        LogSubscriber log = LogSubscriber.open(server.restUrl() + "/__db/log");
        Connection jdbc = DriverManager.getConnection(server.jdbcUrl()); Statement s = jdbc.createStatement()) {
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < 150; i++) {
        rows.append(i == 0 ? "" : ", ").append("('b_").append(i).append("', 'Bulk', 'b").append(i).append("@example.com', 'user')");
      }
      assertThat(s.executeUpdate("insert into users (id, name, email, role) values " + rows)).isEqualTo(150);
      Map<String, Object> write = log.next();
      assertThat((List<?>) write.get("changes")).hasSize(WriteLog.MAX_CHANGES);
      assertThat(((Number) write.get("more")).intValue()).isEqualTo(50);
      assertThat(write).containsEntry("resources", List.of("users"));
    }
  }
}
