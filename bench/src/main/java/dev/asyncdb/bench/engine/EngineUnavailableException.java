package dev.asyncdb.bench.engine;

import java.sql.SQLException;

/**
 * Thrown when an engine cannot be reached at all in this build (e.g. no JDBC driver answers its
 * URL yet); the report shows its message in place of every figure.
 */
public final class EngineUnavailableException extends SQLException {
  private static final long serialVersionUID = 1L;

  public EngineUnavailableException(String message) {
    super(message);
  }
}
