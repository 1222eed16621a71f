package dev.asyncdb.server;

import dev.asyncdb.engine.DbException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The users a server lets in, with their password hashes and {@link Grant}s. A users file has one
 * {@code NAME:HASH} line per user, optionally followed by grant words ({@code read-only},
 * {@code projects=app,shop:read-only}; see {@link Grant}); {@code #} comments and blank lines are
 * skipped. {@code async-db passwd} writes it. A line without grant words lets its user use every
 * project, read and write, as before grants per project existed. A user can also be added with a
 * plain password (command-line flags), which is hashed at once and never kept.
 */
public final class Users {
  /** The grant word of a users-file line for a user who may only read. */
  static final String READ_ONLY = Grant.Mode.READ_ONLY.word();

  private final Map<String, PasswordHash> byName;
  private final Map<String, Grant> grants;

  private Users(Map<String, PasswordHash> byName, Map<String, Grant> grants) {
    this.byName = Collections.unmodifiableMap(byName);
    this.grants = Map.copyOf(grants);
  }

  public static Users none() {
    return new Users(Map.of(), Map.of());
  }

  /** One user with a plain-text password, who may use every project. */
  public static Users of(String name, String password) {
    checkName(name, "the user name");
    return new Users(Map.of(name, PasswordHash.of(password)), Map.of());
  }

  /** What {@code name} may do ({@link Grant#ALL} for a user without grant words), or null for an unknown user. */
  public Grant grant(String name) {
    return name == null || !byName.containsKey(name) ? null : grants.getOrDefault(name, Grant.ALL);
  }

  /** Whether {@code name}'s mode is read-only: queries work, writes and DDL are refused (SQLState 25006, HTTP 403). */
  public boolean isReadOnly(String name) {
    Grant g = grant(name);
    return g != null && g.mode() == Grant.Mode.READ_ONLY;
  }

  /** These users with {@code name} (who must be one of them) allowed only to read, or to write again, on every project they may use. */
  public Users withReadOnly(String name, boolean readOnly) {
    return withGrant(name, grant(checkKnown(name)).withMode(readOnly ? Grant.Mode.READ_ONLY : Grant.Mode.WRITE));
  }

  /** These users with {@code name} (who must be one of them) granted {@code grant}. */
  public Users withGrant(String name, Grant grant) {
    checkKnown(name);
    Map<String, Grant> next = new HashMap<>(grants);
    next.put(name, grant);
    return new Users(new LinkedHashMap<>(byName), next);
  }

  private String checkKnown(String name) {
    if (!byName.containsKey(name)) {
      throw new IllegalArgumentException("no user \"" + name + "\"");
    }
    return name;
  }

  /** The users of a users file, at least one; a malformed line is an error naming the file and line. */
  public static Users load(Path file) {
    Users users = parse(file);
    if (users.isEmpty()) {
      throw new DbException("SERVER_USERS_FILE_EMPTY", 400, "The users file " + file + " lists no users, so nobody could connect.",
          "Add one with: async-db passwd " + file + " NAME", Map.of("file", file.toString()));
    }
    return users;
  }

  /** The users of a users file, possibly none. */
  public static Users parse(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DbException("SERVER_USERS_FILE_UNREADABLE", 400, "Cannot read the users file " + file + ": " + e,
          "Create it with: async-db passwd " + file + " NAME", Map.of("file", file.toString()));
    }
    Map<String, PasswordHash> users = new LinkedHashMap<>();
    Map<String, Grant> grants = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1);
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw invalid(where, "expected NAME:HASH, got a line without a user name", file);
      }
      String name = line.substring(0, colon);
      String rest = line.substring(colon + 1).strip();
      int space = indexOfSpace(rest);
      String words = space < 0 ? null : rest.substring(space + 1).strip();
      String hash = space < 0 ? rest : rest.substring(0, space);
      try {
        checkName(name, "user name \"" + name + "\"");
        if (words != null) {
          grants.put(name, Grant.parse(words));
        }
        if (users.put(name, PasswordHash.parse(hash)) != null) {
          throw new IllegalArgumentException("user \"" + name + "\" appears twice");
        }
      } catch (IllegalArgumentException e) {
        throw invalid(where, e.getMessage(), file);
      }
    }
    return new Users(users, grants);
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The text of a users file holding these users (hashes only). */
  public String toFileText() {
    List<String> lines = new ArrayList<>();
    lines.add("# Async DB users: NAME:HASH [read-only] [projects=NAME[:read-only|:write],...] per line, written by async-db passwd."
        + " Hashes are PBKDF2; keep the file private anyway.");
    byName.forEach((name, hash) -> {
      String words = grant(name).toWords();
      lines.add(name + ":" + hash + (words.isEmpty() ? "" : " " + words));
    });
    return String.join("\n", lines) + "\n";
  }

  /** These users with {@code name} added (who may use every project) or its password replaced (grant kept). */
  public Users with(String name, String password) {
    checkName(name, "the user name");
    Map<String, PasswordHash> copy = new LinkedHashMap<>(byName);
    copy.put(name, PasswordHash.of(password));
    return new Users(copy, grants);
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** The hash of {@code name}'s password, or null for an unknown user. */
  PasswordHash hash(String name) {
    return byName.get(name);
  }

  private static void checkName(String name, String what) {
    if (name == null || name.isBlank() || name.contains(":") || !name.strip().equals(name)) {
      throw new IllegalArgumentException(what + " must be non-empty, without ':' and without surrounding spaces");
    }
  }

  private static DbException invalid(String where, String problem, Path file) {
    return new DbException("SERVER_USERS_FILE_INVALID", 400, "Invalid users file line " + where + ": " + problem + ".",
        "Each line is NAME:HASH, optionally followed by read-only (or write) and projects=NAME[:read-only|:write],...;"
            + " rewrite a user's line with: async-db passwd " + file + " NAME [--grant MODE] [--project NAME[:MODE]]...",
        Map.of("file", file.toString(), "line", where.substring(where.lastIndexOf(':') + 1)));
  }
}
