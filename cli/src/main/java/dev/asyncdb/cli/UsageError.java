package dev.asyncdb.cli;

import dev.asyncdb.engine.DbException;
import java.util.Map;

/**
 * A command line that cannot work as given (a missing argument, options that exclude each other).
 * Reported like any other error, with its code and hint, but exits with 2 as picocli's own usage
 * errors do.
 */
public final class UsageError extends DbException {
  private static final long serialVersionUID = 1L;

  public UsageError(String code, String message, String hint) {
    super(code, 400, message, hint, Map.of());
  }
}
