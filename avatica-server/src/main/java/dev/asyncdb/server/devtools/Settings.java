package dev.asyncdb.server.devtools;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading values of the {@code mock} and {@code server.trace} settings, and the one error a wrong value gets. */
final class Settings {
  private Settings() {}

  /**
   * A setting with a value it cannot have: 500 {@code CONFIG_INVALID}, naming the key, what it
   * received and what it takes. Also the error that stops {@code serve} from starting.
   */
  static DbException invalid(String key, Object received, String expected, String example) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("setting", key);
    details.put("received", received);
    return new DbException("CONFIG_INVALID", 500, "db.config.json: " + key + " is " + shown(received) + "; " + expected + ".",
        "Write " + example + " in db.config.json; a running server picks the fix up by itself.", details);
  }

  private static String shown(Object received) {
    String json = Json.write(received);
    return (json.length() > 80 ? json.substring(0, 77) + "..." : json) + " (" + Json.typeName(received) + ")";
  }

  /** {@code value} as an object whose keys are all among {@code allowed}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String key, Object value, List<String> allowed, String expected, String example) {
    if (!(value instanceof Map<?, ?> m)) {
      throw invalid(key, value, expected, example);
    }
    for (Object k : m.keySet()) {
      if (!allowed.contains(String.valueOf(k))) {
        throw invalid(key + "." + k, m.get(k), "it is not a setting of " + key + ", which takes " + String.join(", ", allowed), example);
      }
    }
    return (Map<String, Object>) m;
  }

  /** A boolean member, or the fallback when absent. */
  static boolean bool(String key, Object value, boolean fallback, String example) {
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      throw invalid(key, value, "expected true or false", example);
    }
    return b;
  }

  /** A finite number of at least {@code min} and at most {@code max}. */
  static double number(String key, Object value, double min, double max, String expected, String example) {
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
      throw invalid(key, value, expected, example);
    }
    return n.doubleValue();
  }
}
