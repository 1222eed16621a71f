package dev.asyncdb.server.rest;

import dev.asyncdb.engine.DbException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one error shape over HTTP: {@code {"error":{"code","message","hint","details"}}} with the exception's status. */
final class ErrorEnvelope {
  private ErrorEnvelope() {}

  static RestReply of(DbException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    error.put("hint", e.hint());
    error.put("details", e.details());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    return RestReply.json(e.status(), body);
  }

  /** An unexpected failure: 500 with the fallback code, naming what was being done. */
  static DbException unexpected(String code, String doing, RuntimeException e) {
    return new DbException(code, 500, "Unexpected failure while " + doing + ": " + e, "This is a bug or an environment problem;"
        + " the server log has the stack trace. Retry, and report it if it persists.", Map.of("exception", e.getClass().getName()), e);
  }
}
