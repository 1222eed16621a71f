package dev.asyncdb.stores;

import dev.asyncdb.engine.DbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Opens the JDBC connections of the stores, turning driver failures into errors a user can act on. */
public final class Connections {
  private Connections() {}

  /**
   * A connection to a SQLite file in write-ahead-log mode with full fsync, so a committed write
   * survives a crash. With {@code create} false a missing file is an error instead of a new file.
   */
  public static Connection sqlite(String alias, Path file, boolean create) {
    if (!Files.exists(file) && !create) {
      throw new DbException("STORE_SQLITE_FILE_NOT_FOUND", 500,
          "Store \"" + alias + "\": SQLite file " + file + " does not exist.",
          "Check stores." + alias + ".file in db.config.json (relative paths start at the project folder).",
          Map.of("store", alias, "file", file.toString()));
    }
    try {
      if (create && file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
      }
      return c;
    } catch (SQLException | java.io.IOException e) {
      throw new DbException("STORE_CONNECTION_FAILED", 500,
          "Store \"" + alias + "\" could not open SQLite file " + file + ": " + e.getMessage(),
          "Check that the file is a SQLite database and that its folder is writable.",
          Map.of("store", alias, "file", file.toString()), e);
    }
  }

  /** A connection to PostgreSQL; unreachable servers and refused logins say which server. */
  public static Connection postgres(String alias, String url) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new DbException("STORE_OPTION_INVALID", 500,
          "Store \"" + alias + "\": url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database); received " + redact(url) + ".",
          "Fix stores." + alias + ".url in db.config.json.", Map.of("store", alias, "url", redact(url)));
    }
    Properties props = new Properties();
    // Fail within seconds on an unreachable server instead of hanging the open.
    props.setProperty("connectTimeout", "10");
    props.setProperty("ApplicationName", "async-db");
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("store", alias);
      details.put("url", redact(url));
      details.put("sqlState", String.valueOf(e.getSQLState()));
      boolean unreachable = e.getSQLState() != null && e.getSQLState().startsWith("08");
      throw new DbException("STORE_CONNECTION_FAILED", 503,
          "Store \"" + alias + "\" could not connect to PostgreSQL at " + redact(url) + ": " + e.getMessage(),
          unreachable ? "Start the server or fix host and port in stores." + alias + ".url."
              : "Check the database name, user and password in stores." + alias + ".url (or the variable named by urlEnv).",
          details, e);
    }
  }

  /** The URL without its password, for messages. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }
}
