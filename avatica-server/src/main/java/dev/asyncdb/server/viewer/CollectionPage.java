package dev.asyncdb.server.viewer;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Collection;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Query;
import dev.asyncdb.engine.ResourceKind;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /__db/page/<collection>?offset=0&limit=20&orderBy=-name}: one page of the viewer's
 * collection table, sorted over the whole collection by the engine ({@code find} with an order
 * and a window) and counted, so that a click on a column header orders every record, not the
 * rows on screen. The {@code /db} routes keep the original's parameters only (no sort there);
 * this route is the viewer's, like {@code /__db/schema}.
 */
final class CollectionPage {
  static final String PREFIX = ViewerHandler.BASE + "/page/";
  static final int DEFAULT_LIMIT = 20;
  /** A page is for looking at; larger reads belong to the REST list or SQL. */
  static final int MAX_LIMIT = 500;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private CollectionPage() {}

  /** The page as {@code {resource, total, offset, limit, orderBy, fields, rows}}; a bad request is a {@link DbException}. */
  static Map<String, Object> read(AsyncDb db, String path, String offsetParam, String limitParam, String orderParam) {
    String name = URLDecoder.decode(path.substring(PREFIX.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
    ResourceSchema schema = db.schema(name);
    if (schema.kind() != ResourceKind.COLLECTION) {
      throw new DbException("VIEWER_NOT_A_COLLECTION", 400, "The viewer pages collections; " + schema.name() + " is a document.",
          "Read the document at /db/" + schema.name() + ".", Map.of("resource", schema.name()));
    }
    int offset = number(offsetParam, "offset", "VIEWER_INVALID_OFFSET", 0, Integer.MAX_VALUE, 0, schema);
    int limit = number(limitParam, "limit", "VIEWER_INVALID_LIMIT", 1, MAX_LIMIT, DEFAULT_LIMIT, schema);
    List<String> fields = new ArrayList<>(schema.fields().keySet());
    Query query = Query.all().offset(offset).limit(limit);
    String orderBy = orderParam == null || orderParam.isBlank() ? null : orderParam.trim();
    if (orderBy != null) {
      String field = orderBy.startsWith("-") ? orderBy.substring(1) : orderBy;
      if (!fields.contains(field)) {
        throw new DbException("VIEWER_UNKNOWN_SORT_FIELD", 400, "orderBy names \"" + field + "\", which is not a field of " + schema.name()
            + "; its fields are " + fields + ".", "Write ?orderBy=<field> (ascending) or ?orderBy=-<field> (descending).",
            Map.of("resource", schema.name(), "received", orderBy, "fields", fields));
      }
      query.orderBy(orderBy);
    }
    Collection collection = db.collection(schema.name());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("resource", schema.name());
    out.put("total", collection.count());
    out.put("offset", offset);
    out.put("limit", limit);
    out.put("orderBy", orderBy);
    out.put("fields", fields);
    out.put("rows", collection.find(query));
    return out;
  }

  private static int number(String raw, String name, String code, int min, int max, int absent, ResourceSchema schema) {
    if (raw == null || raw.isEmpty()) {
      return absent;
    }
    if (!DIGITS.matcher(raw).matches() || Integer.parseInt(raw) < min || Integer.parseInt(raw) > max) {
      throw new DbException(code, 400, "Query parameter " + name + " of the " + schema.name() + " page must be an integer from " + min
          + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", got \"" + raw + "\".", "Write ?" + name + "=" + (min == 0 ? "0" : "20") + ".",
          Map.of("parameter", name, "received", raw));
    }
    return Integer.parseInt(raw);
  }
}
