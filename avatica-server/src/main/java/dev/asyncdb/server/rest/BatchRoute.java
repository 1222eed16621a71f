package dev.asyncdb.server.rest;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Transaction;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST /__db/batch} (PRODUCT.md §19): an array of {@code {method, path, body?, headers?}}, or
 * {@code {requests: [...], atomic?}}. Items run in order. Without {@code atomic} each write stands
 * on its own, as in the original: the answer is 200 with one {@code {index, status, headers, body}}
 * per item, failures enveloped. With {@code atomic: true} the items share one {@link Transaction}:
 * the first failing item rolls everything back and the whole request answers with that item's error
 * (its index in {@code details}); otherwise all commit together.
 */
final class BatchRoute {
  static final String PATH = "/__db/batch";

  private final AsyncDb db;
  /** Strips a route-family prefix ({@code /db}, {@code /__db/rest}) so items may use either form (a quirk of the original fixed). */
  private final Function<String, String> familyPath;

  /** The prefix the project was addressed under, for the items' {@code Location}s ({@code ""} at the root). */
  private final String base;

  BatchRoute(AsyncDb db, Function<String, String> familyPath, String base) {
    this.db = db;
    this.familyPath = familyPath;
    this.base = base;
  }

  RestReply handle(Object body) {
    List<?> items;
    boolean atomic = false;
    if (body instanceof List<?> l) {
      items = l;
    } else if (body instanceof Map<?, ?> m && m.get("requests") instanceof List<?> l) {
      items = l;
      Object a = m.get("atomic");
      if (a != null && !(a instanceof Boolean)) {
        throw new DbException("REST_BATCH_INVALID_BODY", 400, "\"atomic\" must be true or false, got " + dev.asyncdb.engine.json.Json.write(a) + ".",
            "Write {\"atomic\": true, \"requests\": [...]}.", Map.of("received", String.valueOf(a)));
      }
      atomic = Boolean.TRUE.equals(a);
    } else {
      throw new DbException("REST_BATCH_INVALID_BODY", 400, "A batch body is an array of requests or {\"requests\": [...]}, got "
          + dev.asyncdb.engine.json.Json.typeName(body) + ".", "Send [{\"method\": \"GET\", \"path\": \"/db/users.json\"}].",
          Map.of("received", dev.asyncdb.engine.json.Json.typeName(body)));
    }
    return atomic ? atomic(items) : sequential(items);
  }

  private RestReply sequential(List<?> items) {
    DataAccess data = new EngineAccess(db);
    List<Object> results = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      RestReply reply;
      try {
        reply = ResourceRoutes.handle(call(i, items.get(i)), data);
      } catch (DbException e) {
        reply = ErrorEnvelope.of(e);
      } catch (RuntimeException e) {
        reply = ErrorEnvelope.of(ErrorEnvelope.unexpected("REST_ERROR", "running batch item " + i, e));
      }
      results.add(result(i, reply));
    }
    return RestReply.json(200, results);
  }

  private RestReply atomic(List<?> items) {
    Transaction tx = Transaction.begin(db);
    DataAccess data = new TransactionAccess(db, tx);
    List<Object> results = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        results.add(result(i, ResourceRoutes.handle(call(i, items.get(i)), data)));
      } catch (RuntimeException failure) {
        tx.rollback();
        DbException e = failure instanceof DbException d ? d : ErrorEnvelope.unexpected("REST_ERROR", "running batch item " + i, failure);
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        details.put("index", i);
        details.put("item", items.get(i));
        throw new DbException(e.code(), e.status(), "Atomic batch item " + i + " failed, so no item was applied: " + e.getMessage(),
            e.hint(), details, e);
      }
    }
    tx.commit();
    return RestReply.json(200, results);
  }

  private Map<String, Object> result(int index, RestReply reply) {
    RestHandler.located(reply, base);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("index", index);
    r.put("status", reply.status());
    r.put("headers", reply.headers());
    r.put("body", reply.body());
    return r;
  }

  private RestCall call(int index, Object item) {
    if (!(item instanceof Map<?, ?> m)) {
      throw new DbException("REST_BATCH_INVALID_ITEM", 400, "Batch item " + index + " is " + dev.asyncdb.engine.json.Json.typeName(item)
          + ", not a request object.", "Write {\"method\": \"GET\", \"path\": \"/db/users.json\"}.", Map.of("index", index));
    }
    Object method = m.get("method") == null ? "GET" : m.get("method");
    if (!(m.get("path") instanceof String path) || !path.startsWith("/")) {
      throw new DbException("REST_BATCH_INVALID_PATH", 400, "Batch item " + index + " has path " + dev.asyncdb.engine.json.Json.write(m.get("path"))
          + "; it must be a string starting with /.", "Write \"path\": \"/db/users.json\" or \"/users.json\".", Map.of("index", index));
    }
    URI uri;
    try {
      uri = URI.create(path);
    } catch (IllegalArgumentException e) {
      throw new DbException("REST_BATCH_INVALID_PATH", 400, "Batch item " + index + " has path \"" + path + "\", which is not a valid URL path: "
          + e.getMessage(), "Percent-encode spaces and reserved characters.", Map.of("index", index, "path", path));
    }
    String raw = uri.getRawPath();
    if (raw.equals(PATH) || raw.endsWith("/batch") && raw.startsWith("/__db")) {
      throw new DbException("REST_BATCH_NESTED_UNSUPPORTED", 400, "Batch item " + index + " targets the batch endpoint itself.",
          "Put the inner requests into this batch directly.", Map.of("index", index, "path", path));
    }
    String ifMatch = m.get("headers") instanceof Map<?, ?> h ? header(h, "if-match") : null;
    return new RestCall(String.valueOf(method).toUpperCase(java.util.Locale.ROOT), familyPath.apply(raw), QueryString.parse(uri.getRawQuery()),
        ifMatch, m.containsKey("body") ? m.get("body") : new LinkedHashMap<String, Object>(), "application/json");
  }

  private static String header(Map<?, ?> headers, String name) {
    for (Map.Entry<?, ?> e : headers.entrySet()) {
      if (String.valueOf(e.getKey()).equalsIgnoreCase(name) && e.getValue() != null) {
        return String.valueOf(e.getValue());
      }
    }
    return null;
  }
}
