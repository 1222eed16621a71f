package dev.asyncdb.server.rest;

import static dev.asyncdb.server.rest.RestFixture.code;
import static dev.asyncdb.server.rest.RestFixture.error;
import static dev.asyncdb.server.rest.RestFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every collection, document and compound-key route, parameter and error, through a real HTTP client on 127.0.0.1. */
class ResourceRoutesTest {
  @TempDir
  static Path tmp;
  static AsyncDbServer server;
  static RestFixture.Client client;

  @BeforeAll
  static void start() {
    server = AsyncDbServer.start(ServerConfig.forProject(RestFixture.project(tmp)).withPort(0).withRestPort(0));
    client = new RestFixture.Client(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theRestPortIsItsOwnAndAvaticaKeepsItsPort() {
    assertThat(server.restPort()).isPositive().isNotEqualTo(server.port());
    assertThat(server.restUrl()).isEqualTo("http://127.0.0.1:" + server.restPort());
  }

  @Test
  void listsACollectionInInsertionOrderUnderEveryRouteFamily() {
    for (String path : List.of("/db/posts", "/db/posts.json", "/__db/rest/posts", "/posts", "/posts.json")) {
      HttpResponse<String> r = client.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
      assertThat(RestFixture.rows(r)).as(path).extracting(p -> p.get("id")).containsExactly("p_1", "p_2", "p_3", "p_4");
    }
  }

  @Test
  void readsOneRecordWithItsEtagByPathByJsonAliasAndById() {
    HttpResponse<String> r = client.get("/db/users/u_1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(object(r)).containsEntry("name", "Ada Lovelace").containsEntry("age", 36L);
    String etag = r.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{64}\"");
    assertThat(client.get("/db/users/u_1.json").body()).isEqualTo(r.body());
    HttpResponse<String> byId = client.get("/db/users.json?id=u_1");
    assertThat(byId.body()).isEqualTo(r.body());
    assertThat(byId.headers().firstValue("ETag")).contains(etag);
  }

  @Test
  void idsInPathsArePercentDecodedAndMayContainDots() {
    assertThat(object(client.get("/db/users/u%203")).get("name")).isEqualTo("Grace Hopper");
    assertThat(object(client.get("/db/users/u%5F1")).get("name")).isEqualTo("Ada Lovelace");
    assertThat(object(client.get("/db/users/a.b")).get("name")).isEqualTo("Dotted");
  }

  @Test
  void aMissingRecordIsAnEnvelopedNotFound() {
    HttpResponse<String> r = client.get("/db/users/u_404");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(code(r)).isEqualTo("DB_RECORD_NOT_FOUND");
    assertThat(error(r).get("message")).asString().contains("users").contains("u_404");
    assertThat(code(client.get("/db/users.json?id=u_404"))).isEqualTo("DB_RECORD_NOT_FOUND");
  }

  @Test
  void anUnknownResourceNamesTheCandidates() {
    HttpResponse<String> r = client.get("/db/usres");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(code(r)).isEqualTo("DB_UNKNOWN_RESOURCE");
    assertThat(error(r).get("message")).asString().contains("usres");
  }

  @Test
  void idQueryNeedsTheJsonRoute() {
    HttpResponse<String> r = client.get("/db/users?id=u_1");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(code(r)).isEqualTo("REST_ID_QUERY_REQUIRES_JSON_ROUTE");
    assertThat(error(r).get("hint")).asString().contains("/users.json?id=u_1");
  }

  @Test
  void offsetAndLimitPageTheList() {
    assertThat(RestFixture.rows(client.get("/db/posts?offset=1&limit=2"))).extracting(p -> p.get("id")).containsExactly("p_2", "p_3");
    assertThat(RestFixture.rows(client.get("/db/posts?offset=10"))).isEmpty();
    assertThat(RestFixture.rows(client.get("/db/posts?limit=1"))).hasSize(1);
    for (String bad : List.of("-1", "x", "1.5")) {
      HttpResponse<String> r = client.get("/db/posts?offset=" + bad);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(code(r)).isEqualTo("REST_INVALID_OFFSET");
      assertThat(error(r).get("message")).asString().contains(bad);
    }
    for (String bad : List.of("0", "-2", "ten")) {
      HttpResponse<String> r = client.get("/db/posts?limit=" + bad);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(code(r)).isEqualTo("REST_INVALID_LIMIT");
    }
  }

  @Test
  void selectProjectsTopLevelFieldsAndOmitsMissingValues() {
    List<Map<String, Object>> rows = RestFixture.rows(client.get("/db/posts?select=id,authorId"));
    assertThat(rows.get(0)).isEqualTo(Map.of("id", "p_1", "authorId", "u_1"));
    assertThat(rows.get(3)).isEqualTo(Map.of("id", "p_4"));
    assertThat(object(client.get("/db/users/u_1?select=name"))).isEqualTo(Map.of("name", "Ada Lovelace"));
  }

  @Test
  void selectErrors() {
    HttpResponse<String> unknown = client.get("/db/posts?select=id,nope");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(code(unknown)).isEqualTo("REST_SELECT_UNKNOWN_FIELD");
    assertThat(error(unknown).get("hint")).asString().contains("title");
    assertThat(code(client.get("/db/posts?select=author.name"))).isEqualTo("REST_SELECT_REQUIRES_EXPAND");
    assertThat(code(client.get("/db/posts?select=author.name.first&expand=author"))).isEqualTo("REST_SELECT_UNSUPPORTED_DEPTH");
    assertThat(code(client.get("/db/posts?select=author.nope&expand=author"))).isEqualTo("REST_SELECT_UNKNOWN_FIELD");
  }

  @Test
  void expandAddsTheToOneTargetOrNullAndSelectReachesIntoIt() {
    List<Map<String, Object>> rows = RestFixture.rows(client.get("/db/posts?expand=author"));
    assertThat(((Map<?, ?>) rows.get(0).get("author")).get("name")).isEqualTo("Ada Lovelace");
    assertThat(rows.get(2)).containsEntry("author", null);
    assertThat(rows.get(3)).containsEntry("author", null);
    List<Map<String, Object>> projected = RestFixture.rows(client.get("/db/posts?expand=author&select=title,author.name&limit=1"));
    assertThat(projected).containsExactly(Map.of("title", "One", "author", Map.of("name", "Ada Lovelace")));
    assertThat(object(client.get("/db/posts/p_2?expand=author&select=author")).get("author")).asString().contains("Katherine");
  }

  @Test
  void expandErrors() {
    HttpResponse<String> unknown = client.get("/db/posts?expand=writer");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(code(unknown)).isEqualTo("REST_EXPAND_UNKNOWN_RELATION");
    assertThat(error(unknown).get("hint")).asString().contains("author");
    assertThat(code(client.get("/db/posts?expand=editors"))).isEqualTo("REST_EXPAND_UNSUPPORTED_CARDINALITY");
  }

  @Test
  void createsARecordWith201LocationAndEtag() {
    HttpResponse<String> r = client.send("POST", "/db/users", "{\"id\":\"u_new\",\"name\":\"New\",\"email\":\"new@example.com\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(object(r)).containsEntry("id", "u_new");
    assertThat(r.headers().firstValue("Location")).contains("/users/u_new");
    assertThat(r.headers().firstValue("ETag")).isEqualTo(client.get("/db/users/u_new").headers().firstValue("ETag"));
    HttpResponse<String> generated = client.send("POST", "/notes", "{\"text\":\"no id\"}");
    assertThat(generated.statusCode()).isEqualTo(201);
    assertThat(object(generated).get("id")).isNotNull();
  }

  @Test
  void createErrorsCarryTheEngineCodeAndStatus() {
    HttpResponse<String> dup = client.send("POST", "/db/users", "{\"id\":\"u_1\",\"name\":\"Dup\",\"email\":\"dup@example.com\"}");
    assertThat(dup.statusCode()).isEqualTo(409);
    assertThat(code(dup)).isEqualTo("DB_CREATE_DUPLICATE_ID");
    HttpResponse<String> invalid = client.send("POST", "/db/users", "{\"id\":\"u_bad\",\"email\":\"bad@example.com\",\"age\":-3}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(code(invalid)).isEqualTo("DB_SCHEMA_VALIDATION_FAILED");
    assertThat(error(invalid).get("details")).asString().contains("name");
    HttpResponse<String> notObject = client.send("POST", "/db/users", "[1,2]");
    assertThat(notObject.statusCode()).isEqualTo(400);
    assertThat(code(notObject)).isEqualTo("REST_INVALID_BODY");
    HttpResponse<String> broken = client.send("POST", "/db/users", "{\"id\": ");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(code(broken)).isEqualTo("REST_INVALID_JSON_BODY");
    assertThat(error(broken).get("details")).asString().contains("parserMessage");
  }

  @Test
  void anEmptyBodyIsAnEmptyObject() {
    HttpResponse<String> r = client.send("PATCH", "/db/projects/__key", "");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).get("message")).asString().contains("\"key\" of the PATCH body").contains("got null");
  }

  @Test
  void patchMergesAndDeleteRemoves() {
    client.send("POST", "/db/users", "{\"id\":\"u_p\",\"name\":\"P\",\"email\":\"p@example.com\"}");
    HttpResponse<String> patched = client.send("PATCH", "/db/users/u_p", "{\"age\":40}");
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(object(patched)).containsEntry("name", "P").containsEntry("age", 40L);
    assertThat(code(client.send("PATCH", "/db/users/u_missing", "{\"age\":1}"))).isEqualTo("DB_RECORD_NOT_FOUND");
    HttpResponse<String> deleted = client.send("DELETE", "/db/users/u_p", null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    HttpResponse<String> again = client.send("DELETE", "/db/users/u_p", null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(code(again)).isEqualTo("DB_RECORD_NOT_FOUND");
  }

  @Test
  void ifMatchGuardsRecordWrites() {
    client.send("POST", "/db/users", "{\"id\":\"u_e\",\"name\":\"E\",\"email\":\"e@example.com\"}");
    String etag = client.get("/db/users/u_e").headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> ok = client.send("PATCH", "/db/users/u_e", "{\"age\":1}", "If-Match", etag);
    assertThat(ok.statusCode()).isEqualTo(200);
    String next = ok.headers().firstValue("ETag").orElseThrow();
    assertThat(next).isNotEqualTo(etag);
    HttpResponse<String> stale = client.send("PATCH", "/db/users/u_e", "{\"age\":2}", "If-Match", etag);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(code(stale)).isEqualTo("DB_PRECONDITION_FAILED");
    assertThat(object(client.get("/db/users/u_e"))).containsEntry("age", 1L);
    assertThat(client.send("DELETE", "/db/users/u_e", null, "If-Match", etag).statusCode()).isEqualTo(412);
    assertThat(client.send("PATCH", "/db/users/u_e", "{\"age\":3}", "If-Match", "*").statusCode()).isEqualTo(200);
    assertThat(client.send("PATCH", "/db/users/u_gone", "{\"age\":3}", "If-Match", "*").statusCode()).isEqualTo(412);
    assertThat(client.send("DELETE", "/db/users/u_e", null, "If-Match", client.get("/db/users/u_e").headers().firstValue("ETag").orElseThrow())
        .statusCode()).isEqualTo(204);
  }

  @Test
  void documentsAreReadReplacedAndMergedWithIfMatch() {
    HttpResponse<String> read = client.get("/db/settings.json");
    assertThat(read.statusCode()).isEqualTo(200);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    assertThat(object(client.get("/db/settings?select=theme"))).containsKey("locale");
    HttpResponse<String> merged = client.send("PATCH", "/db/settings", "{\"locale\":\"fr\"}", "If-Match", etag);
    assertThat(merged.statusCode()).isEqualTo(200);
    assertThat(object(merged)).containsEntry("theme", "dark").containsEntry("locale", "fr");
    HttpResponse<String> stale = client.send("PUT", "/db/settings", "{\"theme\":\"light\"}", "If-Match", etag);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(code(stale)).isEqualTo("DB_PRECONDITION_FAILED");
    HttpResponse<String> replaced = client.send("PUT", "/db/settings", "{\"theme\":\"light\"}");
    assertThat(object(replaced)).isEqualTo(Map.of("theme", "light"));
    assertThat(object(client.get("/settings"))).isEqualTo(Map.of("theme", "light"));
    HttpResponse<String> child = client.get("/db/settings/theme");
    assertThat(child.statusCode()).isEqualTo(404);
    assertThat(code(child)).isEqualTo("REST_ROUTE_NOT_FOUND");
  }

  @Test
  void otherMethodsAre405WithAllow() {
    for (String[] c : new String[][] {{"PUT", "/db/users/u_1", "GET, PATCH, DELETE"}, {"DELETE", "/db/users", "GET, POST"},
        {"POST", "/db/settings", "GET, PUT, PATCH"}, {"GET", "/__db/batch", "POST"}}) {
      HttpResponse<String> r = client.send(c[0], c[1], "{}");
      assertThat(r.statusCode()).as(c[0] + " " + c[1]).isEqualTo(405);
      assertThat(code(r)).isEqualTo("REST_METHOD_NOT_ALLOWED");
      assertThat(r.headers().firstValue("Allow")).contains(c[2]);
    }
  }

  @Test
  void compoundKeyRoutes() {
    HttpResponse<String> r = client.get("/db/projects/__key?tenantId=acme&slug=blog");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(object(r)).containsEntry("name", "Blog");
    String etag = r.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> patched = client.send("PATCH", "/db/projects/__key",
        "{\"key\":{\"tenantId\":\"acme\",\"slug\":\"blog\"},\"patch\":{\"name\":\"Journal\"}}", "If-Match", etag);
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(object(patched)).containsEntry("name", "Journal").containsEntry("rank", 2L);
    assertThat(client.send("PATCH", "/db/projects/__key", "{\"key\":{\"tenantId\":\"acme\",\"slug\":\"blog\"},\"patch\":{}}", "If-Match", etag)
        .statusCode()).isEqualTo(412);
    HttpResponse<String> incomplete = client.get("/db/projects/__key?tenantId=acme");
    assertThat(incomplete.statusCode()).isEqualTo(400);
    assertThat(code(incomplete)).isEqualTo("REST_KEY_INVALID");
    assertThat(error(incomplete).get("message")).asString().contains("missing slug");
    assertThat(code(client.get("/db/projects/__key?tenantId=acme&slug=none"))).isEqualTo("DB_RECORD_NOT_FOUND");
    HttpResponse<String> created = client.send("POST", "/db/projects", "{\"tenantId\":\"acme\",\"slug\":\"tmp\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/projects/__key");
    assertThat(client.send("DELETE", "/db/projects/__key?tenantId=acme&slug=tmp", null).statusCode()).isEqualTo(204);
    assertThat(client.send("DELETE", "/db/projects/__key?tenantId=acme&slug=tmp", null).statusCode()).isEqualTo(404);
  }

  @Test
  void formatsByExtensionAndAccept() {
    HttpResponse<String> md = client.get("/db/posts.md");
    assertThat(md.headers().firstValue("Content-Type")).get().asString().startsWith("text/markdown");
    assertThat(md.body()).startsWith("# posts").contains("```json");
    HttpResponse<String> html = client.get("/db/users/u_1.html");
    assertThat(html.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(html.body()).contains("Ada Lovelace");
    assertThat(client.get("/db/posts", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8").headers().firstValue("Content-Type"))
        .get().asString().startsWith("text/html");
    assertThat(client.get("/db/posts", "Accept", "*/*").headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    HttpResponse<String> unknown = client.get("/db/posts.xml");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(code(unknown)).isEqualTo("REST_UNKNOWN_FORMAT");
    assertThat(code(client.get("/db/users/u_1.xml"))).isEqualTo("REST_UNKNOWN_FORMAT");
  }

  @Test
  void unknownRoutesAreEnveloped404s() {
    HttpResponse<String> deep = client.get("/db/users/u_1/posts");
    assertThat(deep.statusCode()).isEqualTo(404);
    assertThat(code(deep)).isEqualTo("REST_ROUTE_NOT_FOUND");
  }

  @Test
  @SuppressWarnings("unchecked")
  void rootDiscoveryListsResourcesRoutesAndTools() {
    Map<String, Object> root = object(client.get("/"));
    assertThat((List<String>) root.get("resources")).contains("users", "posts", "settings", "projects", "notes");
    assertThat(root).containsEntry("viewer", "/__db").containsEntry("graphql", "/graphql");
    Map<String, Object> links = (Map<String, Object>) root.get("links");
    assertThat((Map<String, Object>) links.get("resources")).containsEntry("users", "/db/users");
    assertThat(links).containsEntry("batch", "/__db/batch").containsEntry("graphql", "/graphql")
        .containsEntry("events", "/__db/events").containsEntry("log", "/__db/log");
    assertThat(object(client.get("/db"))).isEqualTo(root);
    HttpResponse<String> html = client.get("/", "Accept", "text/html");
    assertThat(html.body()).contains("<a href=\"/__db\">").contains("/db/users.json");
    assertThat(code(client.send("DELETE", "/", null))).isEqualTo("REST_METHOD_NOT_ALLOWED");
  }

  @Test
  void healthStaysOnBothPorts() {
    assertThat(client.get("/health").body()).contains("ok");
  }
}
