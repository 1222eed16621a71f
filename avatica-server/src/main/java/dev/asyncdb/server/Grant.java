package dev.asyncdb.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one user may do on a server: which projects, and on each whether they may write. In a users
 * file it is the words after {@code NAME:HASH}:
 *
 * <pre>
 * ada:HASH                                every project, read and write (no words: as before grants per project)
 * bob:HASH read-only                      every project, read only
 * carl:HASH projects=app,shop             app and shop, read and write; no other project
 * dora:HASH read-only projects=app        app only, read only
 * emil:HASH projects=app:read-only,shop   app read only, shop read and write
 * </pre>
 *
 * {@code read-only} or {@code write} is the user's mode; {@code projects=} limits them to the listed
 * projects, each in the user's mode unless it names its own ({@code NAME:read-only}, {@code NAME:write}).
 *
 * @param mode the mode on every project without one of its own
 * @param projects the projects the user may use with the mode on each, or null for every project
 */
public record Grant(Mode mode, Map<String, Mode> projects) {
  /** Every project, read and write: a users-file line without grant words, or a user from {@code --user}. */
  public static final Grant ALL = new Grant(Mode.WRITE, null);

  static final String PROJECTS = "projects=";

  /** Whether a user may change data, or only read it (writes and DDL refused: SQLState 25006, HTTP 403). */
  public enum Mode {
    WRITE("write"), READ_ONLY("read-only");

    private final String word;

    Mode(String word) {
      this.word = word;
    }

    /** How the mode is written in a users file and on the command line. */
    public String word() {
      return word;
    }

    /** The mode written {@code word}, or null. */
    public static Mode of(String word) {
      for (Mode m : values()) {
        if (m.word.equals(word)) {
          return m;
        }
      }
      return null;
    }
  }

  public Grant {
    if (mode == null) {
      throw new IllegalArgumentException("a grant needs a mode");
    }
    if (projects != null) {
      if (projects.isEmpty()) {
        throw new IllegalArgumentException("a grant limited to projects must name at least one");
      }
      projects.forEach((name, m) -> {
        ServerConfig.checkProjectName(name);
        if (m == null) {
          throw new IllegalArgumentException("project \"" + name + "\" has no mode");
        }
      });
      projects = Collections.unmodifiableMap(new LinkedHashMap<>(projects));
    }
  }

  /** Whether the grant covers every project, whatever its name. */
  public boolean allProjects() {
    return projects == null;
  }

  /** The mode on {@code project}, or null when the grant does not include it. */
  public Mode on(String project) {
    return projects == null ? mode : projects.get(project);
  }

  /** This grant with {@code m} on every project it includes. */
  public Grant withMode(Mode m) {
    if (projects == null) {
      return new Grant(m, null);
    }
    Map<String, Mode> all = new LinkedHashMap<>();
    projects.keySet().forEach(p -> all.put(p, m));
    return new Grant(m, all);
  }

  /** This grant limited to {@code only} (name to its own mode, or null for the grant's mode); null for every project. */
  public Grant withProjects(Map<String, Mode> only) {
    if (only == null) {
      return new Grant(mode, null);
    }
    Map<String, Mode> resolved = new LinkedHashMap<>();
    only.forEach((p, m) -> resolved.put(p, m == null ? mode : m));
    return new Grant(mode, resolved);
  }

  /** The words after {@code NAME:HASH} in a users file: empty for {@link #ALL}. */
  String toWords() {
    List<String> words = new ArrayList<>();
    if (mode == Mode.READ_ONLY) {
      words.add(mode.word());
    }
    if (projects != null) {
      List<String> items = new ArrayList<>();
      projects.forEach((p, m) -> items.add(m == mode ? p : p + ":" + m.word()));
      words.add(PROJECTS + String.join(",", items));
    }
    return String.join(" ", words);
  }

  /** Parses the words after {@code NAME:HASH}; throws {@link IllegalArgumentException} saying what is wrong with which word. */
  static Grant parse(String words) {
    Mode mode = null;
    Map<String, Mode> explicit = null;
    for (String word : words.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      Mode m = Mode.of(word);
      if (m != null) {
        if (mode != null) {
          throw new IllegalArgumentException("the mode is given twice (\"" + mode.word() + "\" and \"" + word + "\"); keep one");
        }
        mode = m;
      } else if (word.startsWith(PROJECTS)) {
        if (explicit != null) {
          throw new IllegalArgumentException("\"projects=\" is given twice; list every project in one");
        }
        explicit = parseProjects(word.substring(PROJECTS.length()));
      } else {
        throw new IllegalArgumentException("unknown grant \"" + word + "\" (expected \"read-only\", \"write\" or \"projects=NAME[:MODE],...\")");
      }
    }
    return new Grant(mode == null ? Mode.WRITE : mode, null).withProjects(explicit);
  }

  private static Map<String, Mode> parseProjects(String list) {
    if (list.isEmpty()) {
      throw new IllegalArgumentException("\"projects=\" lists no project; name at least one, or leave the word out for every project");
    }
    Map<String, Mode> out = new LinkedHashMap<>();
    for (String item : list.split(",", -1)) {
      int colon = item.indexOf(':');
      String name = colon < 0 ? item : item.substring(0, colon);
      Mode m = null;
      if (colon >= 0) {
        m = Mode.of(item.substring(colon + 1));
        if (m == null) {
          throw new IllegalArgumentException("unknown mode \"" + item.substring(colon + 1) + "\" for project \"" + name
              + "\" in \"projects=" + list + "\" (expected read-only or write)");
        }
      }
      try {
        ServerConfig.checkProjectName(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + " in \"projects=" + list + "\"");
      }
      if (out.containsKey(name)) {
        throw new IllegalArgumentException("project \"" + name + "\" appears twice in \"projects=" + list + "\"");
      }
      out.put(name, m);
    }
    return out;
  }
}
