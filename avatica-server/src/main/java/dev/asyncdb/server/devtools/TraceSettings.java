package dev.asyncdb.server.devtools;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code server.trace}: {@code true}, or {@code {enabled = true, slowMs = 0, console = false,
 * events = true, header = "x-async-db-request-id"}}. Off by default. Only requests taking at least
 * {@code slowMs} are recorded; {@code events} sends them to {@code /__db/log}, {@code console} to
 * the server's log; {@code header} carries the request id on every traced response.
 */
record TraceSettings(boolean enabled, double slowMs, boolean console, boolean events, String header) {
  static final String DEFAULT_HEADER = "x-async-db-request-id";
  static final TraceSettings OFF = new TraceSettings(false, 0, false, true, DEFAULT_HEADER);
  static final TraceSettings ON = new TraceSettings(true, 0, false, true, DEFAULT_HEADER);

  private static final String KEY = "server.trace";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final String EXAMPLE = "\"server\": {\"trace\": true} or {\"trace\": {\"slowMs\": 100, \"console\": true}}";

  static TraceSettings parse(Object value) {
    if (value == null || Boolean.FALSE.equals(value)) {
      return OFF;
    }
    if (Boolean.TRUE.equals(value)) {
      return ON;
    }
    Map<String, Object> m = Settings.object(KEY, value, List.of("enabled", "slowMs", "console", "events", "header"),
        "expected true, false or {\"enabled\", \"slowMs\", \"console\", \"events\", \"header\"}", EXAMPLE);
    boolean enabled = Settings.bool(KEY + ".enabled", m.get("enabled"), true, EXAMPLE);
    double slowMs = m.get("slowMs") == null ? 0
        : Settings.number(KEY + ".slowMs", m.get("slowMs"), 0, Double.MAX_VALUE, "expected a number of milliseconds, 0 or more", EXAMPLE);
    boolean console = Settings.bool(KEY + ".console", m.get("console"), false, EXAMPLE);
    boolean events = Settings.bool(KEY + ".events", m.get("events"), true, EXAMPLE);
    String header = DEFAULT_HEADER;
    if (m.get("header") != null) {
      if (!(m.get("header") instanceof String h) || !TOKEN.matcher(h).matches()) {
        throw Settings.invalid(KEY + ".header", m.get("header"), "expected an HTTP header name (letters, digits and -)", EXAMPLE);
      }
      header = h;
    }
    return new TraceSettings(enabled, slowMs, console, events, header);
  }
}
