package dev.asyncdb.server.rest;

import static dev.asyncdb.server.rest.RestFixture.code;
import static dev.asyncdb.server.rest.RestFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.Limits;
import dev.asyncdb.server.ServerConfig;
import dev.asyncdb.server.Users;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the REST port is configured: its body limit, the server's users, and turning it off. */
class RestServerTest {
  @TempDir
  Path tmp;

  @Test
  void aBodyOverTheLimitIs413WhetherDeclaredOrStreamed() throws Exception {
    ServerConfig config = ServerConfig.forProject(RestFixture.project(tmp)).withPort(0).withRestPort(0)
        .withLimits(Limits.defaults().withMaxRequestBytes(256));
    try (AsyncDbServer server = AsyncDbServer.start(config)) {
      String big = "{\"id\":\"big\",\"text\":\"" + "x".repeat(400) + "\"}";
      HttpResponse<String> declared = new RestFixture.Client(server).send("POST", "/db/notes", big);
      assertThat(declared.statusCode()).isEqualTo(413);
      assertThat(code(declared)).isEqualTo("JSON_BODY_TOO_LARGE");
      assertThat(error(declared).get("message")).asString().contains("256");
      // No Content-Length: the body arrives chunked and is cut off as soon as it crosses the limit.
      HttpRequest chunked = HttpRequest.newBuilder(URI.create(server.restUrl() + "/db/notes"))
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build();
      HttpResponse<String> streamed = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
      assertThat(streamed.statusCode()).isEqualTo(413);
      assertThat(code(streamed)).isEqualTo("JSON_BODY_TOO_LARGE");
      assertThat(new RestFixture.Client(server).send("POST", "/db/notes", "{\"id\":\"small\",\"text\":\"ok\"}").statusCode()).isEqualTo(201);
    }
  }

  @Test
  void theServersUsersProtectTheRestPort() {
    ServerConfig config = ServerConfig.forProject(RestFixture.project(tmp)).withPort(0).withRestPort(0).withUsers(Users.of("ada", "s3cret-pass"));
    try (AsyncDbServer server = AsyncDbServer.start(config)) {
      RestFixture.Client client = new RestFixture.Client(server);
      assertThat(client.get("/db/users").statusCode()).isEqualTo(401);
      String basic = "Basic " + Base64.getEncoder().encodeToString("ada:s3cret-pass".getBytes(StandardCharsets.UTF_8));
      assertThat(client.get("/db/users", "Authorization", basic).statusCode()).isEqualTo(200);
      String wrong = "Basic " + Base64.getEncoder().encodeToString("ada:nope".getBytes(StandardCharsets.UTF_8));
      assertThat(client.get("/db/users", "Authorization", wrong).statusCode()).isEqualTo(401);
      assertThat(client.get("/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withoutARestPortOnlyAvaticaListens() {
    try (AsyncDbServer server = AsyncDbServer.start(ServerConfig.forProject(RestFixture.project(tmp)).withPort(0))) {
      assertThat(server.restPort()).isEqualTo(ServerConfig.NO_REST);
      assertThat(server.restUrl()).isNull();
    }
  }
}
