package dev.asyncdb.server.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.Grant;
import dev.asyncdb.server.Projects;
import dev.asyncdb.server.ServerConfig;
import dev.asyncdb.server.Users;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /__db/log} with two projects and users: each project has its own log, readable by every
 * user granted the project — read-only included — and by nobody else; its settings are its own.
 */
class LogGrantsTest {
  @TempDir
  Path tmp;

  @Test
  void eachProjectsLogIsReadByItsUsersOnly() throws Exception {
    Path app = DevToolsFixture.project(tmp.resolve("a"), "{\"server\": {\"trace\": true}, \"mock\": {\"errors\": 1}}");
    Path shop = Projects.copy("data-first", tmp.resolve("s"));
    Files.writeString(shop.resolve("db.config.json"), "{\"server\": {\"trace\": true}}");
    Map<String, Path> projects = new LinkedHashMap<>();
    projects.put("app", app);
    projects.put("shop", shop);
    Users users = Users.of("ada", "ada-pass").with("rex", "rex-pass").with("carl", "carl-pass")
        .withGrant("rex", Grant.ALL.withProjects(Map.of("app", Grant.Mode.READ_ONLY)))
        .withGrant("carl", Grant.ALL.withProjects(Map.of("shop", Grant.Mode.WRITE)));
    try (AsyncDbServer server = AsyncDbServer.start(ServerConfig.forProjects(projects).withPort(0).withRestPort(0).withUsers(users))) {
      DevToolsFixture.Client c = new DevToolsFixture.Client(server);
      String appLog = "/__db/projects/app/__db/log";

      // A read-only user reads the log of the project; a user without a grant for it cannot, nor can a stranger.
      try (LogSubscriber rex = LogSubscriber.open(server.restUrl() + appLog, auth("rex", "rex-pass"))) {
        assertThat(c.get(appLog, auth("carl", "carl-pass")).statusCode()).isEqualTo(403);
        assertThat(DevToolsFixture.error(c.get(appLog, auth("carl", "carl-pass"))).get("code")).isEqualTo("AUTH_PROJECT_NOT_GRANTED");
        assertThat(c.get(appLog).statusCode()).isEqualTo(401);
        // With several projects the root log asks which one.
        HttpResponse<String> root = c.get("/__db/log", auth("ada", "ada-pass"));
        assertThat(root.statusCode()).isEqualTo(400);
        assertThat(DevToolsFixture.error(root).get("code")).isEqualTo("SERVER_PROJECT_REQUIRED");

        // shop's requests and writes stay in shop's log; app's mock errors are app's alone.
        HttpResponse<String> inShop = c.send("PATCH", "/__db/projects/shop/db/users/u_1", "{\"name\": \"Shop Ada\"}", auth("carl", "carl-pass"));
        assertThat(inShop.statusCode()).isEqualTo(200);
        HttpResponse<String> inApp = c.get("/__db/projects/app/db/users", auth("rex", "rex-pass"));
        assertThat(inApp.statusCode()).isEqualTo(503);
        Map<String, Object> first = rex.next();
        assertThat(first).containsEntry("project", "app").containsEntry("path", "/__db/projects/app/db/users").containsEntry("status", 503L)
            .containsEntry("requestId", inApp.headers().firstValue("x-async-db-request-id").orElseThrow());
        assertThat(((Map<?, ?>) first.get("mock")).get("error")).isEqualTo(true);
        assertThat(rex.received()).doesNotContain("shop", "Shop Ada");
      }
    }
  }

  private static String[] auth(String user, String password) {
    return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
  }
}
