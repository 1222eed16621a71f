package dev.asyncdb.bench.workload.mix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of the server's REST port with its own HTTP/1.1 client (one keep-alive connection
 * per thread): lookups are {@code GET /db/posts/<id>}, inserts {@code POST /db/w11_inserts}.
 * The REST routes have no range filter, so range queries go to the SQL route the viewer's console
 * uses, {@code POST /__db/sql}, with the window written as literals.
 */
public final class RestLoadClient implements LoadClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** A client of the REST port at {@code base}, e.g. {@code http://127.0.0.1:7331}. */
  public RestLoadClient(String base) {
    this.base = base;
  }

  @Override
  public String lookup(String id) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/db/posts/" + URLEncoder.encode(id, StandardCharsets.UTF_8))).GET());
    JsonNode post = answer(r, 200, "GET /db/posts/" + id);
    if (!id.equals(post.path("id").asText(null)) || !post.path("title").isTextual()) {
      throw new WrongAnswer("GET /db/posts/" + id + " answered " + abbreviate(r.body()));
    }
    return post.path("title").asText();
  }

  @Override
  public List<String> range(Window window) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("sql", LoadSql.rangeLiteral(window));
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/__db/sql"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    JsonNode rows = answer(r, 200, "POST /__db/sql").path("rows");
    if (!rows.isArray()) {
      throw new WrongAnswer("POST /__db/sql answered without rows: " + abbreviate(r.body()));
    }
    List<String> ids = new ArrayList<>();
    List<LocalDateTime> createdAt = new ArrayList<>();
    for (JsonNode row : rows) {
      ids.add(row.path(0).asText(null));
      createdAt.add(dateTime(row.path(2).asText(null)));
    }
    return window.check(ids, createdAt);
  }

  @Override
  public void insert(long n, String postId) throws Exception {
    ObjectNode row = JSON.createObjectNode()
        .put("id", LoadSql.insertId(n))
        .put("post_id", postId)
        .put("note", LoadSql.insertNote(n))
        .put("created_at", LoadSql.insertCreatedAt(n).toInstant(ZoneOffset.UTC).toString());
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/db/" + LoadSql.INSERTS))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(row))));
    answer(r, 201, "POST /db/" + LoadSql.INSERTS);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode answer(HttpResponse<String> r, int expected, String what) throws Exception {
    if (r.statusCode() != expected) {
      throw new WrongAnswer(what + " answered HTTP " + r.statusCode() + " where " + expected + " was expected: " + abbreviate(r.body()));
    }
    return JSON.readTree(r.body());
  }

  /** The console writes timestamps as {@code java.sql.Timestamp} text; ISO text is taken too. */
  private static LocalDateTime dateTime(String text) {
    if (text == null) {
      return null;
    }
    if (text.endsWith("Z")) {
      return LocalDateTime.ofInstant(java.time.Instant.parse(text), ZoneOffset.UTC);
    }
    return text.contains("T") ? LocalDateTime.parse(text) : Timestamp.valueOf(text).toLocalDateTime();
  }

  private static String abbreviate(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
  }

  @Override
  public void close() {
    // java.net.http closes its idle connections when the client is collected (Java 17 has no close)
  }
}
