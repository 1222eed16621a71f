package dev.asyncdb.server;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.server.devtools.DevSettings;
import dev.asyncdb.server.devtools.WriteLog;
import dev.asyncdb.server.viewer.EventStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * One project a server hosts: its own engine (kept open by the server's pinned connection, so
 * clients come and go without reopening it), its own lock naming the server, its own live reload
 * and its own event streams ({@code /__db/events}, and {@code /__db/log} fed by its {@link WriteLog}).
 * Projects share nothing else; a client connection is opened on exactly one of them.
 */
final class HostedProject implements AutoCloseable {
  private final String name;
  private final Path folder;
  private final Connection pin;
  private final EventStream events = new EventStream();
  private final EventStream log = new EventStream();
  private final WriteLog writes;
  private volatile LiveReload liveReload;

  private HostedProject(String name, Path folder, Connection pin) {
    this.name = name;
    this.folder = folder;
    this.pin = pin;
    this.writes = new WriteLog(name, log);
  }

  /** Opens the project now, so that a missing or broken project is reported at start rather than to the first client. */
  static HostedProject open(String name, Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new DbException("DB_PROJECT_NOT_FOUND", 404, "Project folder " + folder + " does not exist (project \"" + name + "\").",
          "Pass the folder with --project DIR (or NAME=DIR), or create a project with async-db init.",
          Map.of("project", name, "folder", folder.toString()));
    }
    String url = url(folder);
    try {
      Connection pin = DriverManager.getConnection(url);
      pin.unwrap(AsyncDb.class);
      return new HostedProject(name, folder, pin);
    } catch (SQLException e) {
      throw new DbException("SERVER_PROJECT_UNAVAILABLE", 500, "Cannot open project " + folder + " (served as \"" + name + "\"): " + e.getMessage(),
          "Run async-db doctor on the project to see what is wrong.", Map.of("project", name, "folder", folder.toString()), e);
    }
  }

  static String url(Path folder) {
    return "jdbc:asyncdb:" + folder.toAbsolutePath().normalize();
  }

  String name() {
    return name;
  }

  /** The embedded driver's URL of this project: connections to it share the pinned engine. */
  String jdbcUrl() {
    return url(folder);
  }

  /** The engine serving now (live reload replaces it). */
  AsyncDb engine() {
    try {
      return pin.unwrap(AsyncDb.class);
    } catch (SQLException e) {
      throw new IllegalStateException("The embedded driver's connection to " + folder + " no longer exposes its engine", e);
    }
  }

  EventStream events() {
    return events;
  }

  /** The {@code /__db/log} stream. */
  EventStream log() {
    return log;
  }

  WriteLog writes() {
    return writes;
  }

  /**
   * Checks the project's mock and trace settings, so that a wrong value stops the start instead of
   * failing requests (throws {@code CONFIG_INVALID} naming the project), and warns when mocks are on.
   */
  void checkDevSettings(List<String> warnings) {
    try {
      String mocks = DevSettings.of(engine().config()).mocksSummary();
      if (mocks != null) {
        warnings.add("Project \"" + name + "\": " + mocks + " in db.config.json: its REST and GraphQL requests are slowed or failed on purpose."
            + " Remove \"mock\" there when this server is not a mock.");
      }
    } catch (DbException e) {
      throw new DbException(e.code(), 400, "Project \"" + name + "\" (" + folder + "): " + e.getMessage(), e.hint(), e.details(), e);
    }
  }

  /**
   * Records {@code address} in the project's lock (a second process is told to connect there) and
   * starts live reload; a platform that cannot watch adds a warning instead.
   */
  void serveAt(String address, List<String> warnings) {
    engine().advertise(address);
    writes.follow(engine());
    liveReload = LiveReload.start(folder, pin, address, events, writes::follow, warnings);
  }

  /** Reopens the project from its files now, as a change under db/ does. */
  void reload() {
    LiveReload r = liveReload;
    if (r != null) {
      r.reload();
    }
  }

  /** Stops live reload and ends the event subscriptions (before the server stops, which waits for open requests). */
  void stopWatching() {
    LiveReload r = liveReload;
    liveReload = null;
    if (r != null) {
      r.close();
    }
    writes.close();
    events.close();
    log.close();
  }

  /** Stops watching and releases the project. */
  @Override
  public void close() {
    stopWatching();
    try {
      pin.close();
    } catch (SQLException e) {
      // Closing releases the engine; nothing more to do if it fails.
    }
  }
}
