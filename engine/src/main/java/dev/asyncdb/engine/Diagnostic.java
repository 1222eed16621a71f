package dev.asyncdb.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finding about the project produced by sync, validation or doctor: a stable code, a severity,
 * where it was found (resource, field, file with line and column) and a hint.
 */
public record Diagnostic(
    String code,
    Severity severity,
    String resource,
    String field,
    String file,
    Integer line,
    Integer column,
    String message,
    String hint,
    Map<String, Object> details) {

  /** How serious a finding is; errors block sync, warnings and infos do not. */
  public enum Severity {
    ERROR, WARN, INFO;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Diagnostic {
    details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public static Diagnostic error(String code, String resource, String field, String message, String hint) {
    return new Diagnostic(code, Severity.ERROR, resource, field, null, null, null, message, hint, null);
  }

  public static Diagnostic warn(String code, String resource, String field, String message, String hint) {
    return new Diagnostic(code, Severity.WARN, resource, field, null, null, null, message, hint, null);
  }

  public static Diagnostic info(String code, String resource, String field, String message, String hint) {
    return new Diagnostic(code, Severity.INFO, resource, field, null, null, null, message, hint, null);
  }

  public Diagnostic withFile(String file, Integer line, Integer column) {
    return new Diagnostic(code, severity, resource, field, file, line, column, message, hint, details);
  }

  public Diagnostic withDetails(Map<String, Object> more) {
    Map<String, Object> d = new LinkedHashMap<>(details);
    d.putAll(more);
    return new Diagnostic(code, severity, resource, field, file, line, column, message, hint, d);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** JSON-ready form in the original's shape: {code, severity, resource?, field?, file?, message, hint?, details?}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("severity", severity.label());
    if (resource != null) {
      m.put("resource", resource);
    }
    if (field != null) {
      m.put("field", field);
    }
    if (file != null) {
      m.put("file", file);
    }
    if (line != null) {
      m.put("line", line);
      m.put("column", column);
    }
    m.put("message", message);
    if (hint != null) {
      m.put("hint", hint);
    }
    if (!details.isEmpty()) {
      m.put("details", details);
    }
    return m;
  }

  /** One line for logs and the CLI: {@code error: CODE: message (file:line:col)}. */
  public String format() {
    StringBuilder sb = new StringBuilder(severity.label()).append(": ").append(code).append(": ").append(message);
    if (file != null && line != null) {
      sb.append(" (").append(file).append(':').append(line).append(':').append(column).append(')');
    }
    return sb.toString();
  }
}
