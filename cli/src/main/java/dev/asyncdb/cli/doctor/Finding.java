package dev.asyncdb.cli.doctor;

import dev.asyncdb.engine.Diagnostic;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One doctor finding: a diagnostic and where it comes from ({@code schema} for what loading the
 * project reported, {@code doctor} for the checks of this package).
 */
public record Finding(String source, Diagnostic diagnostic) {
  static Finding doctor(Diagnostic d) {
    return new Finding("doctor", d);
  }

  /** JSON form: the diagnostic's fields with {@code source} after the severity. */
  public Map<String, Object> toMap() {
    Map<String, Object> d = diagnostic.toMap();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", d.remove("code"));
    m.put("severity", d.remove("severity"));
    m.put("source", source);
    m.putAll(d);
    return m;
  }
}
