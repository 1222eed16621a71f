package dev.asyncdb.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error type of the engine: a stable {@code code} (e.g. {@code DB_CREATE_DUPLICATE_ID}),
 * a message that says what failed and where, a {@code hint} that says what to do, structured
 * {@code details}, and the HTTP status the REST layer answers with.
 */
public class DbException extends RuntimeException {
  private final String code;
  private final String hint;
  private final Map<String, Object> details;
  private final int status;

  public DbException(String code, int status, String message, String hint, Map<String, Object> details) {
    this(code, status, message, hint, details, null);
  }

  public DbException(String code, int status, String message, String hint, Map<String, Object> details, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.status = status;
    this.hint = hint;
    this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public String code() {
    return code;
  }

  public String hint() {
    return hint;
  }

  public Map<String, Object> details() {
    return details;
  }

  /** HTTP status for the error envelope. */
  public int status() {
    return status;
  }

  @Override
  public String toString() {
    return code + ": " + getMessage() + (hint == null ? "" : " (hint: " + hint + ")");
  }
}
