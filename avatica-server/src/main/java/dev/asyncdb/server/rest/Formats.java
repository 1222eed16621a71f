package dev.asyncdb.server.rest;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.util.List;
import java.util.Map;

/**
 * The built-in response formats (PRODUCT.md §18): {@code json}, {@code html} (the JSON in a small
 * page) and {@code md} (a heading and fenced JSON), chosen by a route's extension or, without one,
 * by the {@code Accept} header (JSON unless HTML or Markdown is preferred).
 */
final class Formats {
  static final String JSON = "json";
  static final List<String> ALL = List.of("json", "html", "md");
  private static final Map<String, String> TYPES = Map.of("json", "application/json", "html", "text/html", "md", "text/markdown");

  private Formats() {}

  static boolean known(String ext) {
    return TYPES.containsKey(ext);
  }

  static DbException unknown(String ext, String route) {
    return new DbException("REST_UNKNOWN_FORMAT", 404, "No response format \"" + ext + "\" for " + route + ".",
        "Use one of the formats: " + String.join(", ", ALL) + " (e.g. " + route.replaceAll("\\.[^./]*$", "") + ".json).",
        Map.of("format", ext, "available", ALL));
  }

  /** The format an extensionless route answers in: the best of the Accept header's media types by q-value. */
  static String negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return JSON;
    }
    String best = JSON;
    double bestQ = -1;
    int bestSpecific = -1;
    for (String part : accept.split(",")) {
      String[] bits = part.trim().split(";");
      double q = 1;
      for (int i = 1; i < bits.length; i++) {
        String b = bits[i].trim();
        if (b.startsWith("q=")) {
          try {
            q = Double.parseDouble(b.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      String type = bits[0].trim().toLowerCase(java.util.Locale.ROOT);
      String fmt = switch (type) {
        case "application/json", "*/*", "application/*" -> JSON;
        case "text/html" -> "html";
        case "text/markdown" -> "md";
        default -> null;
      };
      // Higher q wins; at equal q an explicit type beats a wildcard (a browser's "text/html,...,*/*;q=0.8"), else the earlier one stays.
      int specific = type.contains("*") ? 0 : 1;
      if (fmt != null && q > 0 && (q > bestQ || (q == bestQ && specific > bestSpecific))) {
        best = fmt;
        bestQ = q;
        bestSpecific = specific;
      }
    }
    return best;
  }

  static String contentType(String format) {
    return ("index".equals(format) ? "text/html" : TYPES.get(format)) + "; charset=utf-8";
  }

  static String render(RestReply reply) {
    if ("index".equals(reply.format())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> body = (Map<String, Object>) reply.body();
      return RootDiscovery.html(body);
    }
    String json = Json.pretty(reply.body());
    return switch (reply.format()) {
      case "html" -> "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title(reply)) + "</title>"
          + "<style>body{background:#111;color:#ddd;font:14px monospace;padding:1em}</style></head><body><h1>" + escape(title(reply))
          + "</h1><pre>" + escape(json) + "</pre></body></html>\n";
      case "md" -> "# " + title(reply) + "\n\n- status: " + reply.status() + "\n" + (reply.body() instanceof List<?> l ? "- records: " + l.size() + "\n" : "")
          + "\n```json\n" + json + "\n```\n";
      default -> json + "\n";
    };
  }

  private static String title(RestReply reply) {
    return reply.resource() == null ? "async-db" : reply.resource();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
