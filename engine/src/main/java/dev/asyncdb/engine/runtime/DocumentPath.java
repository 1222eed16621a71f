package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.DbException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Paths into a document: JSON Pointer strings ({@code /ui/sidebar}, with {@code ~1} and {@code ~0}
 * escapes), lists of segments ({@code ["ui", "sidebar"]}), or a bare top-level name ({@code theme}).
 * An empty list of segments is the document root.
 */
public final class DocumentPath {
  private DocumentPath() {}

  public static List<String> parse(Object path) {
    if (path instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object seg : list) {
        out.add(String.valueOf(seg));
      }
      return out;
    }
    if (!(path instanceof String s)) {
      throw new DbException("DB_INVALID_JSON_POINTER", 400, "Document path must be a string or a list of segments, got " + path + ".",
          "Use a JSON Pointer such as \"/ui/theme\", a list [\"ui\", \"theme\"] or a top-level name \"theme\".", Map.of("path", String.valueOf(path)));
    }
    if (s.isEmpty() || s.equals("/")) {
      return List.of();
    }
    if (!s.startsWith("/")) {
      if (s.contains("/")) {
        throw new DbException("DB_INVALID_JSON_POINTER", 400, "Invalid JSON Pointer \"" + s + "\": a pointer must start with \"/\".",
            "Write \"/" + s + "\", or pass a list of segments.", Map.of("path", s));
      }
      return List.of(s);
    }
    List<String> out = new ArrayList<>();
    for (String seg : s.substring(1).split("/", -1)) {
      if (!seg.isEmpty()) {
        out.add(seg.replace("~1", "/").replace("~0", "~"));
      }
    }
    return out;
  }

  /** Value at a path, or null when any step is missing. */
  public static Object get(Map<String, Object> doc, List<String> path) {
    Object cur = doc;
    for (String seg : path) {
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(seg);
      } else if (cur instanceof List<?> l && seg.matches("\\d+") && Integer.parseInt(seg) < l.size()) {
        cur = l.get(Integer.parseInt(seg));
      } else {
        return null;
      }
    }
    return cur;
  }

  /** Sets a value, creating intermediate objects where missing or not objects. */
  @SuppressWarnings("unchecked")
  public static void set(Map<String, Object> doc, List<String> path, Object value) {
    Map<String, Object> cur = doc;
    for (int i = 0; i < path.size() - 1; i++) {
      Object next = cur.get(path.get(i));
      if (!(next instanceof Map)) {
        next = new java.util.LinkedHashMap<String, Object>();
        cur.put(path.get(i), next);
      }
      cur = (Map<String, Object>) next;
    }
    cur.put(path.get(path.size() - 1), value);
  }
}
