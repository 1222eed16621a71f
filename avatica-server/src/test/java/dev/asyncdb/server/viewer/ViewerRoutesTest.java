package dev.asyncdb.server.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The viewer's page, schema and SQL console endpoints over real HTTP. */
class ViewerRoutesTest {
  @TempDir
  static Path tmp;
  static AsyncDbServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    Path db = Files.createDirectories(tmp.resolve("p/db"));
    Files.writeString(db.resolve("users.json"), "[{\"id\":\"u_1\",\"name\":\"Ada\"},{\"id\":\"u_2\",\"name\":\"Grace\"}]");
    Files.writeString(db.resolve("settings.json"), "{\"theme\":\"dark\"}");
    Files.writeString(db.resolve("broken.json"), "[{\"id\": ");
    server = AsyncDbServer.start(ServerConfig.forProject(tmp.resolve("p")).withPort(0).withRestPort(0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(server.restUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(HttpResponse<String> r) {
    return (Map<String, Object>) Json.parse(r.body());
  }

  @Test
  void servesThePage() throws Exception {
    HttpResponse<String> r = send("GET", "/__db", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(r.body()).contains("async-db viewer").contains("/__db/sql").contains("\"/graphql\"", "run-graphql");
  }

  @Test
  @SuppressWarnings("unchecked")
  void schemaListsResourcesFieldsAndDiagnostics() throws Exception {
    Map<String, Object> s = json(send("GET", "/__db/schema", null));
    assertThat((Map<String, Object>) s.get("collections")).containsKey("users");
    assertThat((Map<String, Object>) s.get("documents")).containsKey("settings");
    assertThat(((Map<String, Object>) ((Map<String, Object>) s.get("collections")).get("users")).get("keyFields")).isEqualTo(List.of("id"));
    assertThat(s.get("diagnostics")).asString().contains("broken.json");
  }

  @Test
  @SuppressWarnings("unchecked")
  void sqlConsoleRunsQueriesAndUpdates() throws Exception {
    Map<String, Object> q = json(send("POST", "/__db/sql", "{\"sql\":\"select id, name from users order by id\"}"));
    assertThat(q.get("columns")).isEqualTo(List.of("id", "name"));
    assertThat(q.get("rows")).isEqualTo(List.of(List.of("u_1", "Ada"), List.of("u_2", "Grace")));
    assertThat(q).containsEntry("truncated", false);
    Map<String, Object> u = json(send("POST", "/__db/sql", "{\"sql\":\"update settings set theme = 'light'\"}"));
    assertThat(u).containsEntry("updateCount", 1L);
    assertThat(send("GET", "/db/settings", null).body()).contains("light");
  }

  @Test
  @SuppressWarnings("unchecked")
  void sqlErrorsComeWithCodeHintAndSqlState() throws Exception {
    HttpResponse<String> r = send("POST", "/__db/sql", "{\"sql\":\"select * from nosuchtable\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    Map<String, Object> error = (Map<String, Object>) json(r).get("error");
    assertThat(error.get("message")).asString().containsIgnoringCase("nosuchtable");
    assertThat(error.get("hint")).isNotNull();
    assertThat((Map<String, Object>) error.get("details")).containsKey("sqlState");
    HttpResponse<String> empty = send("POST", "/__db/sql", "{}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("SQL_CONSOLE_INVALID_BODY");
    assertThat(send("POST", "/__db/sql", "{oops").body()).contains("REST_INVALID_JSON_BODY");
  }
}
