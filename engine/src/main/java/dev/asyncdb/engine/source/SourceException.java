package dev.asyncdb.engine.source;

/** A source file could not be read; carries the code and position for the diagnostic. */
public final class SourceException extends Exception {
  private final String code;
  private final Integer line;
  private final Integer column;
  private final String hint;

  public SourceException(String code, String message, Integer line, Integer column, String hint) {
    super(message);
    this.code = code;
    this.line = line;
    this.column = column;
    this.hint = hint;
  }

  public String code() {
    return code;
  }

  public Integer line() {
    return line;
  }

  public Integer column() {
    return column;
  }

  public String hint() {
    return hint;
  }
}
