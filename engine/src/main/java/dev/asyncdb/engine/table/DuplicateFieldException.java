package dev.asyncdb.engine.table;

/** A record names the same field twice; loaders fall back to last-value-wins parsing. */
public final class DuplicateFieldException extends RuntimeException {
  public DuplicateFieldException(String field) {
    super("duplicate field \"" + field + "\" in one record", null, false, false);
  }
}
