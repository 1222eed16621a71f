package dev.asyncdb.server.devtools;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.rest.ErrorEnvelope;
import dev.asyncdb.server.rest.Phases;
import dev.asyncdb.server.rest.ProjectRequest;
import dev.asyncdb.server.viewer.EventStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of one project's routes (below the project router, so after authentication and grants):
 * with {@code server.trace} on, gives the request an id (the incoming header's when it carries a
 * plain one) and records it when it took at least {@code slowMs}; on a mocked {@link Route}, waits
 * {@code mock.delay}, then answers with the mock error as often as {@code mock.errors} says, else
 * lets the routes answer. With neither configured a request costs a settings lookup.
 */
public final class DevTools extends HandlerWrapper {
  /** The SSE event name of {@code /__db/log}, as in the original. */
  public static final String LOG_EVENT = "db-log";
  static final String MOCK_ERROR = "MOCK_ERROR";
  private static final Logger LOG = LoggerFactory.getLogger(RequestTrace.class);

  private final String project;
  private final Supplier<AsyncDb> engine;
  private final EventStream log;
  private final WriteLog writes;
  private final SettingsCache settings = new SettingsCache();

  public DevTools(String project, Supplier<AsyncDb> engine, EventStream log, WriteLog writes, Handler routes) {
    this.project = project;
    this.engine = engine;
    this.log = log;
    this.writes = writes;
    setHandler(routes);
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    AsyncDb db = engine.get();
    // DDL over JDBC and live reload replace the engine; the write log moves with it.
    writes.follow(db);
    DevSettings current;
    DbException invalid = null;
    try {
      current = settings.get(db.config());
    } catch (DbException e) {
      current = DevSettings.NONE;
      invalid = e;
    }
    if (!current.active() && invalid == null) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    String method = request.getMethod();
    String path = request.getRequestURI();
    List<String> queryKeys = queryKeys(request.getQueryString());
    Route route = Route.of(method, path, new LinkedHashSet<>(queryKeys), db);
    if (invalid != null) {
      if (route.mocked()) {
        baseRequest.setHandled(true);
        ErrorEnvelope.send(invalid, response);
      } else {
        super.handle(target, baseRequest, request, response);
      }
      return;
    }
    TraceSettings trace = current.trace();
    RequestTrace traced = null;
    if (trace.enabled() && route.traced()) {
      traced = new RequestTrace(request.getHeader(trace.header()), project, method, ProjectRequest.base(request) + path, queryKeys, route,
          Phases.start(request));
      response.setHeader(trace.header(), traced.id());
      traced.enter();
    }
    try {
      if (!route.mocked() || !mock(current, traced, baseRequest, request, response)) {
        super.handle(target, baseRequest, request, response);
      }
    } finally {
      if (traced != null) {
        traced.leave();
        record(trace, traced, request, response.getStatus());
      }
    }
  }

  /** Delays the request and may answer it with the mock error; true when it was answered. */
  private static boolean mock(DevSettings s, RequestTrace traced, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long delay = s.drawDelay();
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
      }
      Phases.of(request).mark("delay");
      if (traced != null) {
        traced.delayed(delay);
      }
    }
    if (!s.drawError()) {
      return false;
    }
    if (traced != null) {
      traced.mockError();
    }
    MockErrors errors = s.errors();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rate", errors.rate());
    details.put("status", errors.status());
    if (s.seed() != null) {
      details.put("seed", s.seed());
    }
    Map<String, Object> body = ErrorEnvelope.body(new DbException(MOCK_ERROR, errors.status(), errors.message(),
        "This error is simulated by mock.errors in db.config.json; retry, or set \"errors\" to 0 there to stop it.", details));
    // As in the original, a mock error says so at the top level.
    body.put("mock", true);
    byte[] bytes = Json.writeBytes(body);
    baseRequest.setHandled(true);
    response.setStatus(errors.status());
    response.setContentType("application/json; charset=utf-8");
    response.setContentLength(bytes.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(bytes);
    }
    Phases.of(request).mark("write");
    return true;
  }

  private void record(TraceSettings trace, RequestTrace traced, HttpServletRequest request, int status) {
    double ms = traced.elapsedMs();
    if (ms < trace.slowMs()) {
      return;
    }
    Phases phases = Phases.of(request);
    if (!phases.markedBesides("delay")) {
      phases.mark("handle");
    }
    boolean publish = trace.events() && log.subscribers() > 0;
    if (!publish && !trace.console()) {
      return;
    }
    String json = Json.write(traced.event(status, ms));
    if (publish) {
      log.publish(LOG_EVENT, json);
    }
    if (trace.console()) {
      LOG.info("{}", json);
    }
  }

  /** The names of the query parameters, decoded, in order, each once: their values never leave the request. */
  static List<String> queryKeys(String query) {
    if (query == null || query.isEmpty()) {
      return List.of();
    }
    Set<String> keys = new LinkedHashSet<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      try {
        keys.add(URLDecoder.decode(key, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        keys.add(key);
      }
    }
    return new ArrayList<>(keys);
  }
}
