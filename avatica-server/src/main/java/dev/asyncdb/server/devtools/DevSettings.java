package dev.asyncdb.server.devtools;

import dev.asyncdb.engine.config.DbConfig;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * A project's {@code mock} and {@code server.trace} settings, checked once per configuration.
 * {@code mock.seed} makes the random delays and errors reproducible: the same seed and the same
 * sequence of requests give the same answers (the sequence starts again when the project is
 * reloaded); without it they are drawn per thread.
 */
public final class DevSettings {
  static final DevSettings NONE = new DevSettings(MockDelay.OFF, MockErrors.OFF, null, TraceSettings.OFF);

  private static final String EXAMPLE = "\"mock\": {\"delay\": 200, \"errors\": 0.1, \"seed\": 42}";

  private final MockDelay delay;
  private final MockErrors errors;
  /** Seeded: one generator for every thread, so the sequence is the requests' order. Null: per-thread generators. */
  private final Random seeded;
  private final Long seed;
  private final TraceSettings trace;

  private DevSettings(MockDelay delay, MockErrors errors, Long seed, TraceSettings trace) {
    this.delay = delay;
    this.errors = errors;
    this.seed = seed;
    this.seeded = seed == null ? null : new Random(seed);
    this.trace = trace;
  }

  /** Reads the settings; throws 500 {@code CONFIG_INVALID} naming the key and value that are wrong. */
  public static DevSettings of(DbConfig config) {
    Object mock = config.get("mock");
    MockDelay delay = MockDelay.OFF;
    MockErrors errors = MockErrors.OFF;
    Long seed = null;
    if (mock != null) {
      Map<String, Object> m = Settings.object("mock", mock, List.of("delay", "errors", "seed"), "expected {\"delay\", \"errors\", \"seed\"}", EXAMPLE);
      delay = MockDelay.parse(m.get("delay"));
      errors = MockErrors.parse(m.get("errors"));
      if (m.get("seed") != null) {
        double s = Settings.number("mock.seed", m.get("seed"), -9.007199254740991E15, 9.007199254740991E15, "expected a whole number", EXAMPLE);
        if (s != Math.rint(s)) {
          throw Settings.invalid("mock.seed", m.get("seed"), "expected a whole number", EXAMPLE);
        }
        seed = ((Number) m.get("seed")).longValue();
      }
    }
    return new DevSettings(delay, errors, seed, TraceSettings.parse(config.get("server.trace")));
  }

  /** Whether anything here needs a request looked at: a mock or tracing. */
  boolean active() {
    return !delay.off() || !errors.off() || trace.enabled();
  }

  TraceSettings trace() {
    return trace;
  }

  MockErrors errors() {
    return errors;
  }

  /** This request's delay in milliseconds (0: none). */
  long drawDelay() {
    return delay.off() ? 0 : delay.draw(random());
  }

  /** Whether this request is answered with the mock error. */
  boolean drawError() {
    return !errors.off() && errors.strikes(random());
  }

  Long seed() {
    return seed;
  }

  /** What the mocks do, for the operator ({@code mock.delay 200 ms and mock.errors 10% (503)}), or null when they are off. */
  public String mocksSummary() {
    List<String> parts = new java.util.ArrayList<>();
    if (!delay.off()) {
      parts.add("mock.delay " + (delay.minMs() == delay.maxMs() ? delay.minMs() : delay.minMs() + "-" + delay.maxMs()) + " ms");
    }
    if (!errors.off()) {
      parts.add("mock.errors " + dev.asyncdb.engine.json.Json.numberText(Math.round(errors.rate() * 10_000) / 100.0) + "% (" + errors.status() + ")");
    }
    return parts.isEmpty() ? null : String.join(" and ", parts);
  }

  private RandomGenerator random() {
    return seeded != null ? seeded : ThreadLocalRandom.current();
  }
}
