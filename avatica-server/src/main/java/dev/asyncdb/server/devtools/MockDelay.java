package dev.asyncdb.server.devtools;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * {@code mock.delay}: how long a mocked request waits before it is answered, a fixed number of
 * milliseconds or a random one in {@code [minMs, maxMs]}. Off unless configured — unlike the
 * original's 30–100 ms default, because {@code serve} is also the production-style server — and
 * {@code true} asks for that default.
 */
record MockDelay(long minMs, long maxMs) {
  static final MockDelay OFF = new MockDelay(0, 0);
  /** The original's default range, for {@code "delay": true}. */
  static final MockDelay ORIGINAL_DEFAULT = new MockDelay(30, 100);
  /** A delay is a mock of latency; longer ones are a slip of units that would hold server threads for minutes. */
  static final long MAX_MS = 60_000;

  private static final String KEY = "mock.delay";
  private static final String EXPECTED = "expected a number of milliseconds (0 turns it off), [minMs, maxMs], {\"minMs\": .., \"maxMs\": ..} or true"
      + " (30-100 ms), each between 0 and " + MAX_MS;
  private static final String EXAMPLE = "\"mock\": {\"delay\": 200}, {\"delay\": [30, 100]} or {\"delay\": {\"minMs\": 30, \"maxMs\": 100}}";

  boolean off() {
    return maxMs == 0;
  }

  /** The delay for one request. */
  long draw(RandomGenerator random) {
    return minMs == maxMs ? minMs : random.nextLong(minMs, maxMs + 1);
  }

  static MockDelay parse(Object value) {
    if (value == null || Boolean.FALSE.equals(value)) {
      return OFF;
    }
    if (Boolean.TRUE.equals(value)) {
      return ORIGINAL_DEFAULT;
    }
    if (value instanceof Number) {
      long ms = millis(KEY, value, value);
      return new MockDelay(ms, ms);
    }
    if (value instanceof List<?> range) {
      if (range.size() != 2) {
        throw Settings.invalid(KEY, value, EXPECTED, EXAMPLE);
      }
      return range(millis(KEY, range.get(0), value), millis(KEY, range.get(1), value), value);
    }
    if (value instanceof Map<?, ?>) {
      Map<String, Object> m = Settings.object(KEY, value, List.of("minMs", "maxMs"), EXPECTED, EXAMPLE);
      if (!m.containsKey("minMs") || !m.containsKey("maxMs")) {
        throw Settings.invalid(KEY, value, "expected both minMs and maxMs", EXAMPLE);
      }
      return range(millis(KEY + ".minMs", m.get("minMs"), m.get("minMs")), millis(KEY + ".maxMs", m.get("maxMs"), m.get("maxMs")), value);
    }
    throw Settings.invalid(KEY, value, EXPECTED, EXAMPLE);
  }

  private static MockDelay range(long min, long max, Object value) {
    if (min > max) {
      throw Settings.invalid(KEY, value, "the minimum (" + min + " ms) is above the maximum (" + max + " ms)", EXAMPLE);
    }
    return new MockDelay(min, max);
  }

  /** One millisecond count; {@code whole} is the setting's whole value, reported when this part is wrong. */
  private static long millis(String key, Object part, Object whole) {
    if (!(part instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0 || n.doubleValue() > MAX_MS) {
      throw Settings.invalid(key, whole, EXPECTED, EXAMPLE);
    }
    return Math.round(n.doubleValue());
  }
}
