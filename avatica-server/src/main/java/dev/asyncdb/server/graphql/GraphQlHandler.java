package dev.asyncdb.server.graphql;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.rest.BodyReader;
import dev.asyncdb.server.rest.ProjectRequest;
import dev.asyncdb.server.rest.ErrorEnvelope;
import dev.asyncdb.server.rest.Phases;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /graphql} on the REST port (PRODUCT.md §20). {@code POST} runs a request — JSON
 * {@code {query, variables?, operationName?}}, a JSON string, the query text itself (recognised
 * by its first characters, or sent as {@code application/graphql}), or a JSON array of requests
 * run one after another, each write standing on its own — and answers 200 with GraphQL's
 * {@code {data}} or {@code {data: null, errors}}. {@code GET} shows the schema as SDL. Failures of
 * the HTTP exchange itself (a body over the limit, JSON that does not parse, another method, GraphQL
 * turned off with {@code graphql.enabled: false}) answer with the REST error envelope.
 */
public final class GraphQlHandler extends AbstractHandler {
  public static final String PATH = "/graphql";
  private static final Logger LOG = LoggerFactory.getLogger(GraphQlHandler.class);
  /** Query text, as opposed to JSON: it starts with a keyword or `#`, or with `{` followed by a field name. */
  private static final Pattern QUERY_TEXT = Pattern.compile("\\s*(#|(query|mutation|subscription|fragment)\\b|\\{\\s*[_A-Za-z]).*", Pattern.DOTALL);

  /** The served engine, asked per request: live reload replaces it, and the schema follows ({@link SchemaCache}). */
  private final Supplier<AsyncDb> engine;
  private final long maxBodyBytes;
  private final SchemaCache schemas = new SchemaCache();

  public GraphQlHandler(Supplier<AsyncDb> engine, long maxBodyBytes) {
    this.engine = engine;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!PATH.equals(request.getRequestURI())) {
      return;
    }
    baseRequest.setHandled(true);
    String method = request.getMethod();
    try {
      AsyncDb db = engine.get();
      if (!db.config().bool("graphql.enabled", true)) {
        throw new DbException("GRAPHQL_DISABLED", 404, "GraphQL is turned off for this project (\"graphql\": {\"enabled\": false} in db.config.json).",
            "Set \"enabled\" to true there (a running server picks the change up by itself), or use the REST routes.", Map.of("path", PATH));
      }
      switch (method) {
        case "GET", "HEAD" -> send(response, "text/plain; charset=utf-8", schemas.forEngine(db).sdl(), "HEAD".equals(method));
        case "POST" -> {
          String result = Json.write(post(request, db));
          Phases.of(request).mark("run");
          send(response, "application/json; charset=utf-8", result, false);
          Phases.of(request).mark("write");
        }
        default -> throw new DbException("GRAPHQL_METHOD_NOT_ALLOWED", 405, method + " is not allowed on " + PATH + ".",
            "POST a query ({\"query\": \"{ users { id } }\"}), or GET the schema.", Map.of("method", method, "path", PATH, "allow", "GET, POST"));
      }
    } catch (DbException e) {
      ErrorEnvelope.send(e, response);
    } catch (RuntimeException e) {
      LOG.error("GraphQL {} {} failed", method, PATH, e);
      ErrorEnvelope.send(ErrorEnvelope.unexpected("GRAPHQL_HTTP_ERROR", method + " " + PATH, e), response);
    }
  }

  private Object post(HttpServletRequest request, AsyncDb db) throws IOException {
    String text = BodyReader.readText(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    Object body = type.startsWith("application/graphql") || QUERY_TEXT.matcher(text).matches() ? text : BodyReader.parse(text);
    Phases.of(request).mark("read");
    ServedSchema served = schemas.forEngine(db);
    // The project router marks requests of users who may only read this project.
    String readOnlyUser = ProjectRequest.readOnly(request) ? String.valueOf(request.getRemoteUser()) : null;
    if (body instanceof List<?> batch) {
      List<Object> results = new ArrayList<>();
      for (Object item : batch) {
        results.add(run(served, db, item, readOnlyUser));
      }
      return results;
    }
    return run(served, db, body, readOnlyUser);
  }

  private static Map<String, Object> run(ServedSchema served, AsyncDb db, Object item, String readOnlyUser) {
    try {
      return RequestRunner.run(served, db, GraphQlRequest.of(item), readOnlyUser);
    } catch (DbException e) {
      return GraphQlErrors.result(e);
    } catch (RuntimeException e) {
      LOG.error("GraphQL request failed", e);
      return GraphQlErrors.result(ErrorEnvelope.unexpected("GRAPHQL_HTTP_ERROR", "running a GraphQL request", e));
    }
  }

  private static void send(HttpServletResponse response, String type, String text, boolean headOnly) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType(type);
    response.setContentLength(bytes.length);
    if (!headOnly) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(bytes);
      }
    }
  }
}
