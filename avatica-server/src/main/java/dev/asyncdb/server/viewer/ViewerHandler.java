package dev.asyncdb.server.viewer;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * {@code GET /__db} (the viewer page), {@code GET /__db/schema} (resources, fields and diagnostics),
 * {@code GET /__db/page/<collection>} (a sorted page of the collection table, {@link CollectionPage}),
 * {@code GET /__db/events} (server-sent events, {@link EventStream}), {@code GET /__db/log} (the
 * project's write and request-trace events, another {@link EventStream}) and {@code POST /__db/sql}
 * ({@link SqlConsole}). Other paths are left to the REST routes.
 */
public final class ViewerHandler extends AbstractHandler {
  static final String BASE = "/__db";

  /** The served engine, asked per request: live reload replaces it. */
  private final java.util.function.Supplier<AsyncDb> engine;
  private final SqlConsole sql;
  private final byte[] page;
  private final EventStream events;
  private final EventStream log;

  public ViewerHandler(AsyncDb db, String jdbcUrl, long maxBodyBytes) {
    this(() -> db, jdbcUrl, maxBodyBytes, new EventStream(), new EventStream());
  }

  public ViewerHandler(java.util.function.Supplier<AsyncDb> engine, String jdbcUrl, long maxBodyBytes, EventStream events, EventStream log) {
    this.engine = engine;
    this.events = events;
    this.log = log;
    this.sql = new SqlConsole(jdbcUrl, maxBodyBytes);
    try (InputStream in = ViewerHandler.class.getResourceAsStream("viewer.html")) {
      this.page = in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("viewer.html is missing from the server's jar", e);
    }
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getRequestURI();
    String method = request.getMethod();
    if ((path.equals(BASE) || path.equals(BASE + "/")) && "GET".equals(method)) {
      send(response, 200, "text/html; charset=utf-8", page);
    } else if (path.equals(BASE + "/schema") && "GET".equals(method)) {
      send(response, 200, "application/json; charset=utf-8", Json.writeBytes(schema()));
    } else if (path.startsWith(CollectionPage.PREFIX) && path.length() > CollectionPage.PREFIX.length() && "GET".equals(method)) {
      page(path, request, response);
    } else if (path.equals(BASE + "/events") && "GET".equals(method)) {
      baseRequest.setHandled(true);
      events.serve(response);
      return;
    } else if (path.equals(BASE + "/log") && "GET".equals(method)) {
      baseRequest.setHandled(true);
      log.serve(response);
      return;
    } else if (path.equals(BASE + "/sql") && "POST".equals(method)) {
      SqlConsole.Answer a = sql.run(request);
      send(response, a.status(), "application/json; charset=utf-8", Json.writeBytes(a.body()));
    } else {
      return;
    }
    baseRequest.setHandled(true);
  }

  private void page(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object body;
    int status = 200;
    try {
      body = CollectionPage.read(engine.get(), path, request.getParameter("offset"), request.getParameter("limit"), request.getParameter("orderBy"));
    } catch (DbException e) {
      status = e.status();
      body = SqlConsole.envelope(e.code(), e.getMessage(), e.hint(), e.details());
    }
    send(response, status, "application/json; charset=utf-8", Json.writeBytes(body));
  }

  /** The schema manifest's shape (PRODUCT.md §21): collections and documents with their fields, plus the sync diagnostics. */
  Map<String, Object> schema() {
    AsyncDb db = engine.get();
    Map<String, Object> collections = new LinkedHashMap<>();
    Map<String, Object> documents = new LinkedHashMap<>();
    for (String name : db.resourceNames()) {
      ResourceSchema s = db.schema(name);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("kind", s.isCollection() ? "collection" : "document");
      r.put("name", s.name());
      if (s.isCollection()) {
        r.put("idField", s.idField());
        r.put("keyFields", s.keyFields());
      }
      if (s.description() != null) {
        r.put("description", s.description());
      }
      r.put("fields", s.fieldsToMap());
      (s.isCollection() ? collections : documents).put(name, r);
    }
    List<Object> diagnostics = new ArrayList<>();
    for (Diagnostic d : db.diagnostics()) {
      diagnostics.add(d.toMap());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", 1);
    out.put("collections", collections);
    out.put("documents", documents);
    out.put("diagnostics", diagnostics);
    return out;
  }

  private static void send(HttpServletResponse response, int status, String type, byte[] body) throws IOException {
    response.setStatus(status);
    response.setContentType(type);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
