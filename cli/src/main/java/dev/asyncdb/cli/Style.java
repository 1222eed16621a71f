package dev.asyncdb.cli;

import dev.asyncdb.engine.Diagnostic;

/**
 * ANSI colour for terminal output. Disabled when output is piped (or {@code NO_COLOR} is set), so
 * scripts and tests always see the plain text.
 */
public record Style(boolean enabled) {
  public String bold(String s) {
    return wrap("1", s);
  }

  public String dim(String s) {
    return wrap("2", s);
  }

  public String red(String s) {
    return wrap("31", s);
  }

  public String yellow(String s) {
    return wrap("33", s);
  }

  public String green(String s) {
    return wrap("32", s);
  }

  public String cyan(String s) {
    return wrap("36", s);
  }

  /** A severity label coloured by seriousness: errors red, warnings yellow, infos cyan. */
  public String severity(Diagnostic.Severity severity) {
    return switch (severity) {
      case ERROR -> red(severity.label());
      case WARN -> yellow(severity.label());
      case INFO -> cyan(severity.label());
    };
  }

  private String wrap(String code, String s) {
    return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
