package dev.asyncdb.server.rest;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /} (and the family roots {@code /db}, {@code /__db/rest}): what this server offers —
 * resources with their routes, the viewer, formats, schema, batch, GraphQL and SQL endpoints. A browser
 * preferring HTML gets a small linked index instead of JSON.
 */
final class RootDiscovery {
  static final String VIEWER = "/__db";
  /** Where {@code dev.asyncdb.server.graphql.GraphQlHandler} answers. */
  static final String GRAPHQL = "/graphql";

  private RootDiscovery() {}

  /** {@code base}: the prefix the project was addressed under ({@code ""} at the root), before every link. */
  static RestReply reply(AsyncDb db, String base, String method, String accept) {
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      throw new DbException("REST_METHOD_NOT_ALLOWED", 405, method + " is not allowed on the root.", "GET / lists the resources.",
          Map.of("method", method, "allow", "GET"));
    }
    Map<String, Object> resources = new LinkedHashMap<>();
    Map<String, Object> kinds = new LinkedHashMap<>();
    for (String name : db.resourceNames()) {
      ResourceSchema s = db.schema(name);
      resources.put(name, base + RestHandler.DATA_PATH + "/" + name);
      kinds.put(name, s.kind().name().toLowerCase(java.util.Locale.ROOT));
    }
    Map<String, Object> links = new LinkedHashMap<>();
    String viewer = base + VIEWER;
    links.put("self", base + "/");
    links.put("viewer", viewer);
    links.put("schema", viewer + "/schema");
    links.put("batch", base + BatchRoute.PATH);
    links.put("sql", viewer + "/sql");
    links.put("events", viewer + "/events");
    links.put("log", viewer + "/log");
    links.put("rest", base + RestHandler.SCOPED_PATH);
    // As in the original: null when graphql.enabled is false in db.config.json.
    String graphql = db.config().bool("graphql.enabled", true) ? base + GRAPHQL : null;
    links.put("graphql", graphql);
    links.put("resources", resources);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("resources", List.copyOf(db.resourceNames()));
    body.put("kinds", kinds);
    body.put("viewer", viewer);
    body.put("viewers", List.of(viewer));
    body.put("formats", Formats.ALL);
    body.put("schema", viewer + "/schema");
    body.put("graphql", graphql);
    body.put("links", links);
    if ("html".equals(Formats.negotiate(accept))) {
      return new RestReply(200, new LinkedHashMap<>(), body, "index", null);
    }
    return RestReply.json(200, body);
  }

  static String html(Map<String, Object> body) {
    StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>async-db</title></head><body><h1>async-db</h1>")
        .append("<p><a href=\"").append(Formats.escape(String.valueOf(body.get("viewer")))).append("\">Open the viewer</a></p><ul>");
    @SuppressWarnings("unchecked")
    Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) body.get("links")).get("resources");
    resources.forEach((name, route) -> b.append("<li><a href=\"").append(Formats.escape(route + ".json")).append("\">")
        .append(Formats.escape(name)).append("</a></li>"));
    return b.append("</ul></body></html>\n").toString();
  }
}
