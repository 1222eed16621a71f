package dev.asyncdb.server.devtools;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * {@code mock.errors}: the share of mocked requests answered with an error instead of being run —
 * {@code {rate, status = 503, message = "Mock chaos error"}}, or just the rate. Off by default. A
 * rate of 1 fails every mocked request and 0 none, without drawing a random number.
 */
record MockErrors(double rate, int status, String message) {
  static final int DEFAULT_STATUS = 503;
  static final String DEFAULT_MESSAGE = "Mock chaos error";
  static final MockErrors OFF = new MockErrors(0, DEFAULT_STATUS, DEFAULT_MESSAGE);

  private static final String KEY = "mock.errors";
  private static final String EXAMPLE = "\"mock\": {\"errors\": 0.1} or {\"errors\": {\"rate\": 0.1, \"status\": 503, \"message\": \"Mock chaos error\"}}";

  boolean off() {
    return rate <= 0;
  }

  /** Whether this request fails. */
  boolean strikes(RandomGenerator random) {
    return rate >= 1 || rate > 0 && random.nextDouble() < rate;
  }

  static MockErrors parse(Object value) {
    if (value == null || Boolean.FALSE.equals(value)) {
      return OFF;
    }
    if (value instanceof Number) {
      return new MockErrors(rate(KEY, value), DEFAULT_STATUS, DEFAULT_MESSAGE);
    }
    if (!(value instanceof Map<?, ?>)) {
      throw Settings.invalid(KEY, value, "expected a rate between 0 and 1 or {\"rate\": .., \"status\": .., \"message\": ..}", EXAMPLE);
    }
    Map<String, Object> m = Settings.object(KEY, value, List.of("rate", "status", "message"),
        "expected a rate between 0 and 1 or {\"rate\": .., \"status\": .., \"message\": ..}", EXAMPLE);
    if (!m.containsKey("rate")) {
      throw Settings.invalid(KEY, value, "expected a rate (between 0 and 1) in it", EXAMPLE);
    }
    double rate = rate(KEY + ".rate", m.get("rate"));
    int status = DEFAULT_STATUS;
    if (m.get("status") != null) {
      double s = Settings.number(KEY + ".status", m.get("status"), 400, 599, "expected an HTTP error status from 400 to 599", EXAMPLE);
      if (s != Math.rint(s)) {
        throw Settings.invalid(KEY + ".status", m.get("status"), "expected an HTTP error status from 400 to 599", EXAMPLE);
      }
      status = (int) s;
    }
    String message = DEFAULT_MESSAGE;
    if (m.get("message") != null) {
      if (!(m.get("message") instanceof String s) || s.isBlank()) {
        throw Settings.invalid(KEY + ".message", m.get("message"), "expected a non-empty string", EXAMPLE);
      }
      message = s;
    }
    return new MockErrors(rate, status, message);
  }

  private static double rate(String key, Object value) {
    return Settings.number(key, value, 0, 1, "expected a rate between 0 (never) and 1 (every mocked request)", EXAMPLE);
  }
}
