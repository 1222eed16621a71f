package dev.asyncdb.server.rest;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST routes over HTTP. Three route families reach the same resources (PRODUCT.md §17):
 * {@value #DATA_PATH}{@code /<route>}, {@value #SCOPED_PATH}{@code /<route>} and the root
 * {@code /<route>}; plus {@code GET /} (discovery) and {@code POST /__db/batch}. Every failure
 * answers with the {@link ErrorEnvelope}. Below {@link ProjectRouter}, links and {@code Location}s
 * carry the prefix the project was addressed under ({@link ProjectRequest#base}).
 */
public final class RestHandler extends AbstractHandler {
  static final String DATA_PATH = "/db";
  static final String SCOPED_PATH = "/__db/rest";
  private static final Logger LOG = LoggerFactory.getLogger(RestHandler.class);

  /** The served engine, asked per request: live reload replaces it. */
  private final java.util.function.Supplier<AsyncDb> engine;
  private final long maxBodyBytes;

  public RestHandler(AsyncDb db, long maxBodyBytes) {
    this(() -> db, maxBodyBytes);
  }

  public RestHandler(java.util.function.Supplier<AsyncDb> engine, long maxBodyBytes) {
    this.engine = engine;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The path below a route family's root: {@code /db/users} and {@code /__db/rest/users} become {@code /users}. */
  static String familyPath(String rawPath) {
    for (String prefix : List.of(DATA_PATH, SCOPED_PATH)) {
      if (rawPath.startsWith(prefix + "/")) {
        return rawPath.substring(prefix.length());
      }
    }
    return rawPath;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
    baseRequest.setHandled(true);
    String raw = request.getRequestURI();
    String method = request.getMethod();
    RestReply reply;
    AsyncDb db = engine.get();
    String base = ProjectRequest.base(request);
    Phases phases = Phases.of(request);
    try {
      if (raw.equals("/") || raw.equals(DATA_PATH) || raw.equals(DATA_PATH + "/") || raw.equals(SCOPED_PATH) || raw.equals(SCOPED_PATH + "/")) {
        reply = RootDiscovery.reply(db, base, method, request.getHeader("Accept"));
      } else if (raw.equals(BatchRoute.PATH)) {
        if (!"POST".equals(method)) {
          throw new DbException("REST_METHOD_NOT_ALLOWED", 405, method + " is not allowed on " + BatchRoute.PATH + ".",
              "POST an array of {method, path, body} requests.", Map.of("method", method, "path", raw, "allow", "POST"));
        }
        Object body = body(request);
        phases.mark("read");
        reply = new BatchRoute(db, RestHandler::familyPath, base).handle(body);
      } else {
        Object body = "GET".equals(method) || "HEAD".equals(method) ? new LinkedHashMap<String, Object>() : body(request);
        phases.mark("read");
        RestCall call = new RestCall("HEAD".equals(method) ? "GET" : method, familyPath(raw), QueryString.parse(request.getQueryString()),
            request.getHeader("If-Match"), body, request.getHeader("Accept"));
        reply = located(ResourceRoutes.handle(call, new EngineAccess(db)), base);
      }
    } catch (DbException e) {
      reply = ErrorEnvelope.of(e);
      if (e.status() == 413) {
        // The rest of the body was never read; the connection cannot carry another request.
        response.setHeader("Connection", "close");
      }
    } catch (RuntimeException e) {
      LOG.error("REST {} {} failed", method, raw, e);
      reply = ErrorEnvelope.of(ErrorEnvelope.unexpected("REST_ERROR", method + " " + raw, e));
    }
    phases.mark("run");
    write(reply, "HEAD".equals(method), response);
    phases.mark("write");
  }

  /** {@code reply} with its {@code Location} below {@code base}, the prefix its project was addressed under. */
  static RestReply located(RestReply reply, String base) {
    String location = reply.headers().get("Location");
    if (!base.isEmpty() && location != null && location.startsWith("/")) {
      reply.headers().put("Location", base + location);
    }
    return reply;
  }

  private Object body(HttpServletRequest request) throws IOException {
    return BodyReader.read(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
  }

  static void write(RestReply reply, boolean headOnly, HttpServletResponse response) throws IOException {
    response.setStatus(reply.status());
    reply.headers().forEach(response::setHeader);
    if (reply.status() == 405 && reply.body() instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> e
        && e.get("details") instanceof Map<?, ?> d && d.get("allow") != null) {
      response.setHeader("Allow", String.valueOf(d.get("allow")));
    }
    if (reply.status() == 204) {
      return;
    }
    // Errors are JSON whatever the route's format: clients read the code from the envelope.
    RestReply shown = reply.status() >= 400 ? reply.as(Formats.JSON, reply.resource()) : reply;
    byte[] bytes = Formats.render(shown).getBytes(StandardCharsets.UTF_8);
    response.setContentType(Formats.contentType(shown.format()));
    response.setContentLength(bytes.length);
    if (!headOnly) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(bytes);
      }
    }
  }
}
