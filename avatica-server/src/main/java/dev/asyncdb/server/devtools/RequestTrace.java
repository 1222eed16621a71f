package dev.asyncdb.server.devtools;

import dev.asyncdb.server.rest.Phases;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The record of one traced request: its id, method, path, the names of its query parameters,
 * route family, resource, operation, record id, status, duration and {@link Phases}, plus what the
 * mocks did to it. Never a query value, a body, a cookie or an authentication header: the fields
 * are taken one by one from what is safe, nothing is copied wholesale.
 */
final class RequestTrace {
  /** An incoming id is reused only when it is a plain token, so it cannot smuggle text into headers or logs. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@+=-]{1,128}");
  /** The request id of the traced request this thread is handling, for the writes it makes ({@link WriteLog}). */
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private final String id;
  private final String project;
  private final String method;
  private final String path;
  private final List<String> queryKeys;
  private final Route route;
  private final Phases phases;
  private final Instant at = Instant.now();
  private final long started = System.nanoTime();
  private long delayMs;
  private boolean mockError;

  RequestTrace(String incomingId, String project, String method, String path, List<String> queryKeys, Route route, Phases phases) {
    this.id = incomingId != null && SAFE_ID.matcher(incomingId).matches() ? incomingId : UUID.randomUUID().toString();
    this.project = project;
    this.method = method;
    this.path = path;
    this.queryKeys = queryKeys;
    this.route = route;
    this.phases = phases;
  }

  String id() {
    return id;
  }

  /** The request id of the traced request being handled on this thread, or null. */
  static String current() {
    return CURRENT.get();
  }

  void enter() {
    CURRENT.set(id);
  }

  void leave() {
    CURRENT.remove();
  }

  void delayed(long ms) {
    this.delayMs = ms;
  }

  void mockError() {
    this.mockError = true;
  }

  double elapsedMs() {
    return (System.nanoTime() - started) / 1_000_000.0;
  }

  /** The event for {@code /__db/log} and the console. */
  Map<String, Object> event(int status, double durationMs) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", "request");
    e.put("requestId", id);
    e.put("at", at.toString());
    e.put("project", project);
    e.put("method", method);
    e.put("path", path);
    e.put("query", queryKeys);
    e.put("route", route.family());
    putIfPresent(e, "resource", route.resource());
    putIfPresent(e, "op", route.op());
    putIfPresent(e, "id", route.id());
    e.put("status", status);
    e.put("durationMs", Math.round(durationMs * 1000) / 1000.0);
    e.put("phases", phases.millis());
    if (delayMs > 0 || mockError) {
      Map<String, Object> mock = new LinkedHashMap<>();
      mock.put("delayMs", delayMs);
      mock.put("error", mockError);
      e.put("mock", mock);
    }
    return e;
  }

  private static void putIfPresent(Map<String, Object> e, String key, Object value) {
    if (value != null) {
      e.put(key, value);
    }
  }
}
