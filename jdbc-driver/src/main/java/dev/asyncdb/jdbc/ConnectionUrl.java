package dev.asyncdb.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:asyncdb:} URL: {@code <dir>}, {@code mem:<name>} or
 * {@code remote:<http(s)://host:port>}, then {@code ;key=value} properties, merged with
 * {@code java.util.Properties} (the URL wins).
 */
public record ConnectionUrl(Kind kind, String target, Map<AsyncDbProperty, String> properties) {
  public static final String PREFIX = "jdbc:asyncdb:";

  /** Where the connection goes. */
  public enum Kind { EMBEDDED, MEMORY, REMOTE }

  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  public static ConnectionUrl parse(String url, Properties info) throws SQLException {
    if (!accepts(url)) {
      throw new SQLException("Not an Async DB URL: " + url + ". Use jdbc:asyncdb:<project-dir>, jdbc:asyncdb:mem:<name> or jdbc:asyncdb:remote:<http://host:port>.", "08001");
    }
    String rest = url.substring(PREFIX.length());
    String[] parts = rest.split(";");
    String target = parts[0].trim();
    Map<AsyncDbProperty, String> props = new EnumMap<>(AsyncDbProperty.class);
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        put(props, name, info.getProperty(name), "connection properties");
      }
    }
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new SQLException("Malformed URL property \"" + part + "\" in " + url + ": expected key=value.", "08001");
      }
      put(props, part.substring(0, eq).trim(), part.substring(eq + 1).trim(), "the URL");
    }
    Kind kind;
    if (target.startsWith("mem:")) {
      kind = Kind.MEMORY;
      target = target.substring(4);
    } else if (target.startsWith("remote:")) {
      kind = Kind.REMOTE;
      target = target.substring(7);
    } else {
      kind = Kind.EMBEDDED;
    }
    if (target.isEmpty()) {
      throw new SQLException("The URL " + url + " names no " + (kind == Kind.MEMORY ? "database" : kind == Kind.REMOTE ? "server" : "project folder") + ".",
          "08001");
    }
    return new ConnectionUrl(kind, target, props);
  }

  private static void put(Map<AsyncDbProperty, String> props, String name, String value, String where) throws SQLException {
    AsyncDbProperty p = AsyncDbProperty.of(name);
    if (p == null) {
      StringBuilder known = new StringBuilder();
      for (AsyncDbProperty k : AsyncDbProperty.values()) {
        known.append(known.length() == 0 ? "" : ", ").append(k.key());
      }
      throw new SQLException("Unknown connection property \"" + name + "\" in " + where + ". Known properties: " + known + ".", "08001");
    }
    props.put(p, value);
  }

  public boolean flag(AsyncDbProperty p) {
    String v = properties.getOrDefault(p, p.defaultValue());
    return v != null && Boolean.parseBoolean(v);
  }

  public Path projectPath() {
    return Path.of(target).toAbsolutePath().normalize();
  }
}
