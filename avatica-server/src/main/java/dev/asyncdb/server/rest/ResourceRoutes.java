package dev.asyncdb.server.rest;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.ResourceKind;
import dev.asyncdb.engine.WriteOptions;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resource routes below a route family's root: {@code /<resource>[.<ext>]} (list, create,
 * document read/replace/merge, {@code ?id=} on an extension route), {@code /<resource>/<id>[.<ext>]}
 * (read, patch, delete) and {@code /<resource>/__key} (compound keys from the query, or
 * {@code {key, patch}} in the body). Ids are percent-decoded; a missing record is the enveloped
 * {@code DB_RECORD_NOT_FOUND}; other methods are 405 {@code REST_METHOD_NOT_ALLOWED} with an Allow header.
 */
final class ResourceRoutes {
  static final String KEY_SEGMENT = "__key";
  /** Query parameters with a meaning of their own; every other one on a {@code __key} route is a key field. */
  private static final List<String> RESERVED = List.of("select", "expand", "offset", "limit", "id");

  private ResourceRoutes() {}

  static RestReply handle(RestCall call, DataAccess data) {
    String path = call.path();
    String[] segments = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    if (segments.length > 2 || segments[0].isEmpty() || (segments.length == 2 && segments[1].isEmpty())) {
      throw new DbException("REST_ROUTE_NOT_FOUND", 404, "No REST route " + path + ": routes are /<resource> and /<resource>/<id>.",
          "GET / lists the resources and their routes.", Map.of("path", path));
    }
    String first = decode(segments[0]);
    String ext = null;
    String name = first;
    int dot = first.lastIndexOf('.');
    if (dot > 0) {
      name = first.substring(0, dot);
      ext = first.substring(dot + 1);
      ResourceSchema schema = data.schema(name);
      if (!Formats.known(ext)) {
        throw Formats.unknown(ext, path);
      }
      name = schema.name();
    }
    ResourceSchema schema = data.schema(name);
    if (segments.length == 2) {
      if (schema.kind() == ResourceKind.DOCUMENT) {
        throw new DbException("REST_ROUTE_NOT_FOUND", 404, "Document " + schema.name() + " has no records; " + path + " is not a route.",
            "Read or change the whole document at /" + schema.name() + ".", Map.of("path", path, "resource", schema.name()));
      }
      if (ext != null) {
        throw new DbException("REST_ROUTE_NOT_FOUND", 404, "No REST route " + path + ": the format extension belongs on the last segment.",
            "Write /" + schema.name() + "/<id>." + ext + ".", Map.of("path", path));
      }
      String idSegment = decode(segments[1]);
      if (segments[1].equals(KEY_SEGMENT)) {
        return keyRoute(call, data, schema);
      }
      return record(call, data, schema, idSegment);
    }
    String format = ext != null ? ext : Formats.negotiate(call.accept());
    if (schema.kind() == ResourceKind.DOCUMENT) {
      return document(call, data, schema).as(format, schema.name());
    }
    return collection(call, data, schema, ext).as(format, schema.name());
  }

  private static RestReply collection(RestCall call, DataAccess data, ResourceSchema schema, String ext) {
    switch (call.method()) {
      case "GET": {
        Shaper shaper = new Shaper(schema, call, data);
        String id = call.param("id");
        if (id != null) {
          if (ext == null) {
            throw new DbException("REST_ID_QUERY_REQUIRES_JSON_ROUTE", 400, "?id= selects one record only on the .json route; " + call.path()
                + " has no extension.", "Use /" + schema.name() + ".json?id=" + id + " or /" + schema.name() + "/" + id + ".",
                Map.of("resource", schema.name(), "id", id));
          }
          return found(schema, id, data.get(schema.name(), id), shaper, data);
        }
        return RestReply.json(200, shaper.shapeList(data.list(schema.name()), data));
      }
      case "POST": {
        Map<String, Object> created = data.create(schema.name(), object(call.body(), "the record to create in " + schema.name()));
        String key = keyText(schema, created);
        return RestReply.json(201, created).header("ETag", AsyncDb.recordEtag(created))
            .header("Location", "/" + schema.name() + "/" + (schema.hasCompoundKey() ? KEY_SEGMENT : key));
      }
      default:
        throw notAllowed(call, schema, "GET, POST", "list it with GET or create a record with POST; change records at /" + schema.name() + "/<id>");
    }
  }

  private static RestReply record(RestCall call, DataAccess data, ResourceSchema schema, String segment) {
    String id = segment;
    String format = Formats.negotiate(call.accept());
    int dot = segment.lastIndexOf('.');
    if (dot > 0 && data.get(schema.name(), segment) == null) {
      // "u_1.json" is record u_1 as JSON unless a record's id really is "u_1.json" (ids may contain dots, e.g. e-mail addresses).
      String ext = segment.substring(dot + 1);
      String base = segment.substring(0, dot);
      if (Formats.known(ext)) {
        id = base;
        format = ext;
      } else if (data.get(schema.name(), base) != null) {
        throw Formats.unknown(ext, call.path());
      }
    }
    WriteOptions options = new WriteOptions(call.ifMatch());
    switch (call.method()) {
      case "GET":
        return found(schema, id, data.get(schema.name(), id), new Shaper(schema, call, data), data).as(format, schema.name());
      case "PATCH": {
        Map<String, Object> patch = object(call.body(), "the patch for " + schema.name() + " record " + id);
        Map<String, Object> merged = data.patch(schema.name(), id, patch, options);
        if (merged == null) {
          throw notFound(schema, id);
        }
        return RestReply.json(200, merged).header("ETag", AsyncDb.recordEtag(merged)).as(format, schema.name());
      }
      case "DELETE":
        if (!data.delete(schema.name(), id, options)) {
          throw notFound(schema, id);
        }
        return new RestReply(204, new LinkedHashMap<>(), null, format, schema.name());
      default:
        throw notAllowed(call, schema, "GET, PATCH, DELETE", "records are read with GET, merged with PATCH and removed with DELETE (there is no PUT)");
    }
  }

  private static RestReply keyRoute(RestCall call, DataAccess data, ResourceSchema schema) {
    WriteOptions options = new WriteOptions(call.ifMatch());
    switch (call.method()) {
      case "GET": {
        Map<String, Object> key = keyFromQuery(call, schema);
        return found(schema, key, data.get(schema.name(), key), new Shaper(schema, call, data), data);
      }
      case "PATCH": {
        Map<String, Object> body = object(call.body(), "the {key, patch} body for " + schema.name() + "/__key");
        Map<String, Object> key = checkKey(schema, object(body.get("key"), "\"key\" of the PATCH body (the identity fields)"));
        Map<String, Object> merged = data.patch(schema.name(), key, object(body.get("patch"), "\"patch\" of the PATCH body"), options);
        if (merged == null) {
          throw notFound(schema, key);
        }
        return RestReply.json(200, merged).header("ETag", AsyncDb.recordEtag(merged));
      }
      case "DELETE": {
        Map<String, Object> key = call.query().isEmpty() && call.body() instanceof Map<?, ?> b && b.get("key") != null
            ? checkKey(schema, object(b.get("key"), "\"key\" of the DELETE body")) : keyFromQuery(call, schema);
        if (!data.delete(schema.name(), key, options)) {
          throw notFound(schema, key);
        }
        return new RestReply(204, new LinkedHashMap<>(), null, Formats.JSON, schema.name());
      }
      default:
        throw notAllowed(call, schema, "GET, PATCH, DELETE", "compound-key records are read with GET, merged with PATCH and removed with DELETE");
    }
  }

  /** The key fields from the query string, typed as the schema declares them (ids compare by type inside compound keys). */
  private static Map<String, Object> keyFromQuery(RestCall call, ResourceSchema schema) {
    Map<String, Object> key = new LinkedHashMap<>();
    call.query().forEach((k, v) -> {
      if (!RESERVED.contains(k) && !v.isEmpty()) {
        key.put(k, typed(schema.field(k), v.get(0)));
      }
    });
    return checkKey(schema, key);
  }

  private static Object typed(FieldDef field, String text) {
    if (field == null) {
      return text;
    }
    try {
      if (field.type() == FieldType.INTEGER || (field.type() == FieldType.NUMBER && text.matches("-?[0-9]+"))) {
        return Long.parseLong(text);
      }
      if (field.type() == FieldType.NUMBER) {
        return Double.parseDouble(text);
      }
    } catch (NumberFormatException e) {
      return text;
    }
    if (field.type() == FieldType.BOOLEAN && (text.equals("true") || text.equals("false"))) {
      return Boolean.parseBoolean(text);
    }
    return text;
  }

  private static Map<String, Object> checkKey(ResourceSchema schema, Map<String, Object> key) {
    List<String> missing = new ArrayList<>(schema.keyFields());
    missing.removeAll(key.keySet());
    List<String> extra = new ArrayList<>(key.keySet());
    extra.removeAll(schema.keyFields());
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new DbException("REST_KEY_INVALID", 400, "The key of " + schema.name() + " is " + String.join(", ", schema.keyFields()) + "; got "
          + (key.isEmpty() ? "no fields" : String.join(", ", key.keySet())) + (missing.isEmpty() ? "" : " (missing " + String.join(", ", missing) + ")")
          + (extra.isEmpty() ? "" : " (not key fields: " + String.join(", ", extra) + ")") + ".",
          "Pass exactly the identity fields, e.g. /" + schema.name() + "/__key?" + String.join("=...&", schema.keyFields()) + "=...",
          Map.of("resource", schema.name(), "keyFields", schema.keyFields(), "received", new ArrayList<>(key.keySet())));
    }
    return key;
  }

  private static RestReply document(RestCall call, DataAccess data, ResourceSchema schema) {
    WriteOptions options = new WriteOptions(call.ifMatch());
    Map<String, Object> doc;
    switch (call.method()) {
      case "GET":
        doc = data.document(schema.name());
        break;
      case "PUT":
        doc = data.putDocument(schema.name(), object(call.body(), "the new value of document " + schema.name()), options);
        break;
      case "PATCH":
        doc = data.patchDocument(schema.name(), object(call.body(), "the patch for document " + schema.name()), options);
        break;
      default:
        throw notAllowed(call, schema, "GET, PUT, PATCH", "documents are read with GET, replaced with PUT and merged with PATCH");
    }
    return RestReply.json(200, doc).header("ETag", AsyncDb.recordEtag(doc));
  }

  private static RestReply found(ResourceSchema schema, Object id, Map<String, Object> record, Shaper shaper, DataAccess data) {
    if (record == null) {
      throw notFound(schema, id);
    }
    return RestReply.json(200, shaper.shapeOne(record, data)).header("ETag", AsyncDb.recordEtag(record));
  }

  private static DbException notFound(ResourceSchema schema, Object id) {
    String what = id instanceof Map<?, ?> m ? "key " + dev.asyncdb.engine.json.Json.write(m) : "id \"" + id + "\"";
    return new DbException("DB_RECORD_NOT_FOUND", 404, "No record of " + schema.name() + " has " + what + ".",
        "List the collection at /" + schema.name() + " to see the ids it has; ids are compared by their string form.",
        Map.of("resource", schema.name(), "id", id));
  }

  private static DbException notAllowed(RestCall call, ResourceSchema schema, String allow, String how) {
    return new DbException("REST_METHOD_NOT_ALLOWED", 405, call.method() + " is not allowed on " + call.path() + ".",
        "Allowed: " + allow + "; " + how + ".", Map.of("method", call.method(), "path", call.path(), "resource", schema.name(), "allow", allow));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object body, String what) {
    if (body instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new DbException("REST_INVALID_BODY", 400, "Expected a JSON object as " + what + ", got " + dev.asyncdb.engine.json.Json.typeName(body) + ".",
        "Send a JSON object such as {\"name\": \"Ada\"}.", Map.of("received", dev.asyncdb.engine.json.Json.typeName(body)));
  }

  private static String keyText(ResourceSchema schema, Map<String, Object> record) {
    return java.net.URLEncoder.encode(String.valueOf(record.get(schema.idField())), StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Percent-decoding of one path segment (Jetty has already refused broken escapes); a '+' stays a plus, it means space only in query strings. */
  static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
