package dev.asyncdb.server.rest;

import static dev.asyncdb.server.rest.RestFixture.code;
import static dev.asyncdb.server.rest.RestFixture.error;
import static dev.asyncdb.server.rest.RestFixture.object;
import static dev.asyncdb.server.rest.RestFixture.rows;
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

/** {@code POST /__db/batch}: sequential non-transactional items, atomic batches in one transaction, and every batch error. */
class BatchRouteTest {
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

  private static HttpResponse<String> batch(String body) {
    return client.send("POST", "/__db/batch", body);
  }

  @Test
  void itemsRunInOrderWithDbAndRootPathsAndFailuresStayPerItem() {
    HttpResponse<String> r = batch("""
        [{"method": "POST", "path": "/db/notes", "body": {"id": "b_1", "text": "one"}},
         {"path": "/notes/b_1.json"},
         {"method": "POST", "path": "/notes", "body": {"id": "b_1", "text": "again"}},
         {"method": "PATCH", "path": "/__db/rest/notes/b_1", "body": {"text": "two"}},
         {"method": "GET", "path": "/db/users.json?id=u_1&select=name"}]
        """);
    assertThat(r.statusCode()).isEqualTo(200);
    List<Map<String, Object>> items = rows(r);
    assertThat(items).extracting(i -> i.get("index")).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(items).extracting(i -> i.get("status")).containsExactly(201L, 200L, 409L, 200L, 200L);
    assertThat(items.get(1).get("body")).isEqualTo(Map.of("id", "b_1", "text", "one"));
    assertThat(items.get(1).get("headers")).asString().contains("ETag");
    assertThat(items.get(2).get("body")).asString().contains("DB_CREATE_DUPLICATE_ID");
    assertThat(items.get(4).get("body")).isEqualTo(Map.of("name", "Ada Lovelace"));
    // Non-transactional: the writes before and after the failure stay.
    assertThat(object(client.get("/db/notes/b_1"))).containsEntry("text", "two");
  }

  @Test
  void requestsObjectFormAndIfMatchHeaderInItems() {
    String etag = client.get("/db/notes/n_0").headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> r = batch("{\"requests\": [{\"method\": \"PATCH\", \"path\": \"/db/notes/n_0\", \"headers\": {\"If-Match\": \"\\\"stale\\\"\"},"
        + " \"body\": {\"text\": \"x\"}}, {\"method\": \"PATCH\", \"path\": \"/db/notes/n_0\", \"headers\": {\"if-match\": " + quote(etag) + "},"
        + " \"body\": {\"text\": \"first!\"}}]}");
    assertThat(rows(r)).extracting(i -> i.get("status")).containsExactly(412L, 200L);
  }

  @Test
  void anAtomicBatchCommitsEverythingTogether() {
    HttpResponse<String> r = batch("""
        {"atomic": true, "requests": [
          {"method": "POST", "path": "/db/notes", "body": {"id": "a_1", "text": "one"}},
          {"method": "PATCH", "path": "/db/notes/a_1", "body": {"text": "one, edited"}},
          {"path": "/db/notes/a_1"},
          {"method": "PATCH", "path": "/db/settings", "body": {"batched": true}},
          {"path": "/db/notes"}]}
        """);
    assertThat(r.statusCode()).isEqualTo(200);
    List<Map<String, Object>> items = rows(r);
    assertThat(items).extracting(i -> i.get("status")).containsExactly(201L, 200L, 200L, 200L, 200L);
    assertThat(items.get(2).get("body")).isEqualTo(Map.of("id", "a_1", "text", "one, edited"));
    assertThat(items.get(4).get("body")).asString().contains("a_1");
    assertThat(object(client.get("/db/notes/a_1"))).containsEntry("text", "one, edited");
    assertThat(object(client.get("/db/settings"))).containsEntry("batched", true);
  }

  @Test
  void aFailingAtomicBatchAppliesNothingAndNamesTheItem() {
    HttpResponse<String> r = batch("""
        {"atomic": true, "requests": [
          {"method": "POST", "path": "/db/notes", "body": {"id": "x_1", "text": "kept?"}},
          {"method": "DELETE", "path": "/db/notes/n_0"},
          {"method": "POST", "path": "/db/users", "body": {"id": "u_1", "name": "dup", "email": "d@example.com"}}]}
        """);
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(code(r)).isEqualTo("DB_CREATE_DUPLICATE_ID");
    assertThat(error(r).get("message")).asString().startsWith("Atomic batch item 2 failed, so no item was applied");
    assertThat(((Map<?, ?>) error(r).get("details")).get("index")).isEqualTo(2L);
    assertThat(client.get("/db/notes/x_1").statusCode()).isEqualTo(404);
    assertThat(client.get("/db/notes/n_0").statusCode()).isEqualTo(200);
  }

  @Test
  void batchBodyAndItemErrors() {
    HttpResponse<String> body = batch("{\"nope\": 1}");
    assertThat(body.statusCode()).isEqualTo(400);
    assertThat(code(body)).isEqualTo("REST_BATCH_INVALID_BODY");
    assertThat(code(batch("{\"atomic\": \"yes\", \"requests\": []}"))).isEqualTo("REST_BATCH_INVALID_BODY");
    assertThat(code(batch("[1"))).isEqualTo("REST_INVALID_JSON_BODY");
    List<Map<String, Object>> items = rows(batch("[7, {\"path\": \"users\"}, {\"path\": \"/__db/batch\"}, {\"path\": \"/db/nothing\"}]"));
    assertThat(items).extracting(i -> i.get("status")).containsExactly(400L, 400L, 400L, 404L);
    assertThat(items).<Object>extracting(i -> ((Map<?, ?>) ((Map<?, ?>) i.get("body")).get("error")).get("code"))
        .containsExactly("REST_BATCH_INVALID_ITEM", "REST_BATCH_INVALID_PATH", "REST_BATCH_NESTED_UNSUPPORTED", "DB_UNKNOWN_RESOURCE");
    HttpResponse<String> atomicBadItem = batch("{\"atomic\": true, \"requests\": [{\"path\": \"/db/notes\"}, \"x\"]}");
    assertThat(atomicBadItem.statusCode()).isEqualTo(400);
    assertThat(code(atomicBadItem)).isEqualTo("REST_BATCH_INVALID_ITEM");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\\\"") + "\"";
  }
}
