package dev.asyncdb.server;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.rest.BodyReader;
import dev.asyncdb.server.rest.ErrorEnvelope;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * {@code POST /__db/cancel} on the Avatica port, {@code {"connectionId": "…", "statementId": N}}:
 * cancels what that statement runs now (its execute or fetch stops at the next row a scan reads,
 * with SQLState 57014). Avatica's protocol has no cancel request, and its client's
 * {@code Statement.cancel()} only waits for the running call; the {@code jdbc:asyncdb:remote:}
 * driver sends this request instead. It sits behind the server's authentication, and only the
 * user who opened a connection may cancel its statements: another user's connection is answered
 * as one that does not exist (404), as the {@link ConnectionGuard} answers Avatica requests.
 * Unknown ids are 404, and a statement that runs nothing is 200 with
 * {@code "cancelled": false}. Errors use the REST envelope, with the SQLState a JDBC client should
 * report in {@code details.sqlState}.
 */
final class CancelHandler extends HandlerWrapper {
  static final String PATH = "/__db/cancel";

  private final ProjectMeta meta;
  private final long maxRequestBytes;

  CancelHandler(ProjectMeta meta, long maxRequestBytes) {
    this.meta = meta;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (!PATH.equals(target)) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    baseRequest.setHandled(true);
    try {
      if (!"POST".equals(request.getMethod())) {
        throw new DbException("CANCEL_METHOD_NOT_ALLOWED", 405, request.getMethod() + " " + PATH + " is not allowed; a cancel is a POST.",
            "POST {\"connectionId\": \"…\", \"statementId\": N} to " + PATH + ".", Map.of("allow", "POST"));
      }
      Object body = BodyReader.parse(BodyReader.readText(request.getInputStream(), request.getContentLengthLong(), maxRequestBytes));
      String connectionId = connectionId(body);
      int statementId = statementId(body);
      answer(meta.cancel(connectionId, statementId, request.getRemoteUser()), connectionId, statementId, response);
    } catch (DbException e) {
      ErrorEnvelope.send(e, response);
    }
  }

  private static void answer(ConnectionRegistry.Outcome outcome, String connectionId, int statementId, HttpServletResponse response)
      throws IOException {
    switch (outcome) {
      case UNKNOWN_CONNECTION:
        throw new DbException("CANCEL_UNKNOWN_CONNECTION", 404, "The server has no connection \"" + connectionId + "\" to cancel a statement of.",
            "It was closed, expired after the server's idle timeout, or the server restarted (or another user opened it, whose"
                + " connections are not yours to see); nothing of yours runs on it.",
            Map.of("connectionId", connectionId, "sqlState", "08003"));
      case UNKNOWN_STATEMENT:
        throw new DbException("CANCEL_UNKNOWN_STATEMENT", 404, "Connection \"" + connectionId + "\" has no statement " + statementId + ".",
            "It was closed, or expired after the server's idle timeout; nothing runs on it.",
            Map.of("connectionId", connectionId, "statementId", statementId, "sqlState", "26000"));
      default:
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cancelled", outcome == ConnectionRegistry.Outcome.CANCELLED);
        body.put("connectionId", connectionId);
        body.put("statementId", statementId);
        if (outcome == ConnectionRegistry.Outcome.NOT_RUNNING) {
          body.put("message", "Statement " + statementId + " runs nothing now; nothing was cancelled.");
        }
        byte[] bytes = Json.writeBytes(body);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
          out.write(bytes);
        }
    }
  }

  private static String connectionId(Object body) {
    Object id = body instanceof Map<?, ?> m ? m.get("connectionId") : null;
    if (id instanceof String s && !s.isBlank()) {
      return s;
    }
    throw invalid("\"connectionId\" must be the connection's id as a string; the request had " + describe(body, "connectionId") + ".");
  }

  private static int statementId(Object body) {
    Object id = ((Map<?, ?>) body).get("statementId");
    if (id instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= Integer.MIN_VALUE
        && n.longValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw invalid("\"statementId\" must be the statement's id as an integer; the request had " + describe(body, "statementId") + ".");
  }

  private static String describe(Object body, String field) {
    if (!(body instanceof Map<?, ?> m)) {
      return "a JSON " + Json.typeName(body) + " as its body";
    }
    return m.containsKey(field) ? Json.write(m.get(field)) : "none";
  }

  private static DbException invalid(String problem) {
    return new DbException("CANCEL_INVALID_REQUEST", 400, "Invalid cancel request: " + problem,
        "POST {\"connectionId\": \"…\", \"statementId\": N} to " + PATH + ", with the ids of the statement to cancel.", Map.of());
  }
}
