package dev.asyncdb.server.rest;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;

/** The one error shape over HTTP: {@code {"error":{"code","message","hint","details"}}} with the exception's status. */
public final class ErrorEnvelope {
  private ErrorEnvelope() {}

  /**
   * Answers with the envelope, for routes outside this package (GraphQL): the status, an
   * {@code Allow} header for 405 and {@code Connection: close} for 413 (the rest of the body was never read).
   */
  public static void send(DbException e, HttpServletResponse response) throws IOException {
    response.setStatus(e.status());
    if (e.status() == 413) {
      response.setHeader("Connection", "close");
    }
    if (e.status() == 405 && e.details().get("allow") != null) {
      response.setHeader("Allow", String.valueOf(e.details().get("allow")));
    }
    byte[] bytes = Json.writeBytes(of(e).body());
    response.setContentType("application/json; charset=utf-8");
    response.setContentLength(bytes.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(bytes);
    }
  }

  static RestReply of(DbException e) {
    return RestReply.json(e.status(), body(e));
  }

  /** The envelope as a JSON object, for answers that add to it (a mock error's {@code "mock": true}). */
  public static Map<String, Object> body(DbException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    error.put("hint", e.hint());
    error.put("details", e.details());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    return body;
  }

  /** An unexpected failure: 500 with the fallback code, naming what was being done. */
  public static DbException unexpected(String code, String doing, RuntimeException e) {
    return new DbException(code, 500, "Unexpected failure while " + doing + ": " + e, "This is a bug or an environment problem;"
        + " the server log has the stack trace. Retry, and report it if it persists.", Map.of("exception", e.getClass().getName()), e);
  }
}
