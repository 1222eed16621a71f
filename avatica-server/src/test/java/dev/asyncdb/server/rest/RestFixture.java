package dev.asyncdb.server.rest;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.HttpTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A small project (users, posts with relations, a settings document, compound-key projects, notes) and an HTTP client for a server on it. */
final class RestFixture {
  private RestFixture() {}

  static Path project(Path into) {
    try {
      Path db = Files.createDirectories(into.resolve("shop/db"));
      Files.writeString(db.resolve("users.schema.jsonc"), """
          {"kind": "collection", "idField": "id",
           "fields": {"id": {"type": "string", "required": true}, "name": {"type": "string", "required": true},
                      "email": {"type": "string", "required": true, "unique": true}, "age": {"type": "integer", "min": 0}},
           "seed": [{"id": "u_1", "name": "Ada Lovelace", "email": "ada@example.com", "age": 36},
                    {"id": "u_2", "name": "Katherine Johnson", "email": "katherine@example.com"},
                    {"id": "u 3", "name": "Grace Hopper", "email": "grace@example.com"},
                    {"id": "a.b", "name": "Dotted", "email": "dotted@example.com"}]}
          """);
      Files.writeString(db.resolve("posts.schema.jsonc"), """
          {"kind": "collection", "idField": "id",
           "fields": {"id": {"type": "string", "required": true}, "title": {"type": "string", "required": true},
                      "authorId": {"type": "string", "relation": {"name": "author", "to": "users", "toField": "id", "cardinality": "one"}},
                      "editorId": {"type": "string", "relation": {"name": "editors", "to": "users", "cardinality": "many"}}},
           "seed": [{"id": "p_1", "title": "One", "authorId": "u_1"}, {"id": "p_2", "title": "Two", "authorId": "u_2"},
                    {"id": "p_3", "title": "Three", "authorId": "nobody"}, {"id": "p_4", "title": "Four"}]}
          """);
      Files.writeString(db.resolve("settings.json"), "{\"theme\": \"dark\", \"locale\": \"en\"}");
      Files.writeString(db.resolve("projects.schema.jsonc"), """
          {"kind": "collection", "identity": {"fields": ["tenantId", "slug"]},
           "fields": {"tenantId": {"type": "string", "required": true}, "slug": {"type": "string", "required": true},
                      "rank": {"type": "integer"}, "name": {"type": "string"}},
           "seed": [{"tenantId": "acme", "slug": "home", "rank": 1, "name": "Home"}, {"tenantId": "acme", "slug": "blog", "rank": 2, "name": "Blog"}]}
          """);
      Files.writeString(db.resolve("notes.json"), "[{\"id\": \"n_0\", \"text\": \"first\"}]");
      return into.resolve("shop");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTP exchange against the server's REST port. */
  static final class Client extends HttpTestClient {
    Client(AsyncDbServer server) {
      super(server);
    }

  }

  static Object json(HttpResponse<String> r) {
    return Json.parse(r.body());
  }

  @SuppressWarnings("unchecked")
  static java.util.List<Map<String, Object>> rows(HttpResponse<String> r) {
    return (java.util.List<Map<String, Object>>) json(r);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(HttpResponse<String> r) {
    return (Map<String, Object>) json(r);
  }

  /** The error envelope's code, checking the envelope's shape on the way. */
  @SuppressWarnings("unchecked")
  static String code(HttpResponse<String> r) {
    Map<String, Object> error = (Map<String, Object>) object(r).get("error");
    if (error == null || !(error.get("message") instanceof String) || !error.containsKey("hint") || !(error.get("details") instanceof Map)) {
      throw new AssertionError("not an error envelope: " + r.body());
    }
    return (String) error.get("code");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> error(HttpResponse<String> r) {
    return (Map<String, Object>) object(r).get("error");
  }
}
