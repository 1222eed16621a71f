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
    // 45 items whose scores are not in insertion order: the largest is item 17, the smallest item 31.
    StringBuilder items = new StringBuilder("[");
    for (int i = 1; i <= 45; i++) {
      items.append(i > 1 ? "," : "").append("{\"id\":\"i").append(i).append("\",\"score\":").append(score(i)).append('}');
    }
    Files.writeString(db.resolve("items.json"), items.append(']').toString());
    server = AsyncDbServer.start(ServerConfig.forProject(tmp.resolve("p")).withPort(0).withRestPort(0));
  }

  static int score(int i) {
    return i == 17 ? 1000 : i == 31 ? -5 : (i * 37) % 101;
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

  @Test
  @SuppressWarnings("unchecked")
  void pageSortsTheWholeCollectionOnTheServer() throws Exception {
    HttpResponse<String> r = send("GET", "/__db/page/items?offset=0&limit=20&orderBy=-score", null);
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> page = json(r);
    assertThat(page).containsEntry("resource", "items").containsEntry("total", 45L).containsEntry("offset", 0L).containsEntry("limit", 20L)
        .containsEntry("orderBy", "-score").containsEntry("fields", List.of("id", "score"));
    List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("rows");
    assertThat(rows).hasSize(20);
    assertThat(rows.get(0)).containsEntry("id", "i17").containsEntry("score", 1000L);
    List<Map<String, Object>> ascending = (List<Map<String, Object>>) json(send("GET", "/__db/page/items?orderBy=score", null)).get("rows");
    assertThat(ascending.get(0)).containsEntry("id", "i31");
    assertThat(ascending).hasSize(CollectionPage.DEFAULT_LIMIT);
    // The last page of the descending order ends with the smallest score.
    List<Map<String, Object>> last = (List<Map<String, Object>>) json(send("GET", "/__db/page/items?offset=40&limit=20&orderBy=-score", null)).get("rows");
    assertThat(last).hasSize(5);
    assertThat(last.get(4)).containsEntry("id", "i31");
  }

  @Test
  @SuppressWarnings("unchecked")
  void pageWithoutOrderKeepsInsertionOrder() throws Exception {
    Map<String, Object> page = json(send("GET", "/__db/page/items?offset=20&limit=20", null));
    assertThat(page.get("orderBy")).isNull();
    List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("rows");
    assertThat(rows.get(0)).containsEntry("id", "i21");
    assertThat(rows.get(19)).containsEntry("id", "i40");
  }

  @Test
  @SuppressWarnings("unchecked")
  void pageRefusesBadRequestsWithTheErrorEnvelope() throws Exception {
    assertError(send("GET", "/__db/page/settings", null), 400, "VIEWER_NOT_A_COLLECTION", "settings is a document");
    assertError(send("GET", "/__db/page/nosuch", null), 404, "DB_UNKNOWN_RESOURCE", "nosuch");
    assertError(send("GET", "/__db/page/items?offset=-1", null), 400, "VIEWER_INVALID_OFFSET", "got \"-1\"");
    assertError(send("GET", "/__db/page/items?limit=0", null), 400, "VIEWER_INVALID_LIMIT", "from 1 to 500");
    assertError(send("GET", "/__db/page/items?limit=501", null), 400, "VIEWER_INVALID_LIMIT", "got \"501\"");
    assertError(send("GET", "/__db/page/items?limit=ten", null), 400, "VIEWER_INVALID_LIMIT", "got \"ten\"");
    HttpResponse<String> unknown = send("GET", "/__db/page/items?orderBy=-price", null);
    assertError(unknown, 400, "VIEWER_UNKNOWN_SORT_FIELD", "\"price\", which is not a field of items");
    assertThat((Map<String, Object>) ((Map<String, Object>) json(unknown).get("error")).get("details")).containsEntry("fields", List.of("id", "score"));
  }

  @SuppressWarnings("unchecked")
  private static void assertError(HttpResponse<String> r, int status, String code, String messagePart) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    Map<String, Object> error = (Map<String, Object>) json(r).get("error");
    assertThat(error).containsEntry("code", code);
    assertThat(error.get("message")).asString().contains(messagePart);
    assertThat(error.get("hint")).asString().isNotBlank();
  }
}
