package dev.asyncdb.server.devtools;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What a request to one project is, from its method and path below the project's prefix: the route
 * family ({@code data} for {@code /db/...}, {@code scoped} for {@code /__db/rest/...}, {@code root}
 * for {@code /<resource>}, or {@code discovery}, {@code batch}, {@code graphql}, {@code schema},
 * {@code manifest}, {@code import}, {@code viewer}, {@code page}, {@code sql}, {@code events},
 * {@code log}, {@code operations}, {@code other}), whether mocks apply, and for resource routes the
 * resource, the operation and the record id of the path (never a query value).
 *
 * <p>Mocks apply, as in the original, to the resource routes, batch, schema, manifest, import and
 * GraphQL (not when GraphQL is turned off: that answer comes first); not to the viewer page, its
 * table and SQL console, the two event streams or discovery.
 */
record Route(String family, boolean mocked, String resource, String op, String id) {
  private static final Set<String> MOCKED = Set.of("data", "scoped", "root", "batch", "schema", "manifest", "import", "graphql");
  private static final Set<String> FORMATS = Set.of("json", "html", "md");

  /** The two event streams stay open for minutes: a trace of them would say nothing. */
  boolean traced() {
    return !family.equals("events") && !family.equals("log");
  }

  static Route of(String method, String path, Set<String> queryKeys, AsyncDb db) {
    String family = family(path);
    boolean mocked = MOCKED.contains(family) && !(family.equals("graphql") && !db.config().bool("graphql.enabled", true));
    return switch (family) {
      case "data" -> resourceRoute(family, mocked, method, path.substring("/db".length()), queryKeys, db);
      case "scoped" -> resourceRoute(family, mocked, method, path.substring("/__db/rest".length()), queryKeys, db);
      case "root" -> resourceRoute(family, mocked, method, path, queryKeys, db);
      case "page" -> new Route(family, mocked, decode(path.substring("/__db/page/".length())), "page", null);
      case "graphql" -> new Route(family, mocked, null, "GET".equals(method) || "HEAD".equals(method) ? "sdl" : "execute", null);
      default -> new Route(family, mocked, null, null, null);
    };
  }

  private static String family(String path) {
    if (path.equals("/") || path.equals("/db") || path.equals("/db/") || path.equals("/__db/rest") || path.equals("/__db/rest/")) {
      return "discovery";
    }
    if (path.startsWith("/db/")) {
      return "data";
    }
    if (path.startsWith("/__db/rest/")) {
      return "scoped";
    }
    if (path.equals("/graphql")) {
      return "graphql";
    }
    if (path.equals("/__db") || path.equals("/__db/")) {
      return "viewer";
    }
    if (path.startsWith("/__db/page/")) {
      return "page";
    }
    if (path.startsWith("/__db/manifest")) {
      return "manifest";
    }
    if (path.startsWith("/__db/operations/")) {
      return "operations";
    }
    if (path.startsWith("/__db/")) {
      String rest = path.substring("/__db/".length());
      return switch (rest) {
        case "batch", "schema", "import", "sql", "events", "log" -> rest;
        default -> "other";
      };
    }
    return "root";
  }

  private static Route resourceRoute(String family, boolean mocked, String method, String path, Set<String> queryKeys, AsyncDb db) {
    String[] segments = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    String name = withoutFormat(decode(segments[0]));
    String id = segments.length > 1 && !segments[1].equals("__key") ? withoutFormat(decode(segments[1])) : null;
    boolean keyRoute = segments.length > 1 && segments[1].equals("__key");
    Boolean document = null;
    try {
      ResourceSchema schema = db.schema(name);
      name = schema.name();
      document = !schema.isCollection();
    } catch (DbException unknown) {
      // The route answers DB_UNKNOWN_RESOURCE; the trace keeps the name as asked.
    }
    boolean one = id != null || keyRoute || Boolean.TRUE.equals(document) || queryKeys.contains("id");
    String op = switch (method) {
      case "GET", "HEAD" -> one ? "get" : "list";
      case "POST" -> "create";
      case "PATCH" -> "update";
      case "PUT" -> "replace";
      case "DELETE" -> "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
    return new Route(family, mocked, name.isEmpty() ? null : name, op, id);
  }

  /** {@code users.json} is the resource {@code users} in the json format (a record id may have other dots). */
  private static String withoutFormat(String segment) {
    int dot = segment.lastIndexOf('.');
    return dot > 0 && FORMATS.contains(segment.substring(dot + 1)) ? segment.substring(0, dot) : segment;
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return segment;
    }
  }
}
