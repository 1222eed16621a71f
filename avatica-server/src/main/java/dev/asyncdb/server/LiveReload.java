package dev.asyncdb.server;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.SourceWatcher;
import dev.asyncdb.jdbc.ProjectReloader;
import dev.asyncdb.server.viewer.EventStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live reload while serving (PRODUCT.md §24): when a file under {@code db/} or {@code db.config.json}
 * changes, the project is opened again from its files (errors allowed, so a half-edited fixture
 * leaves only its resource out), every connection moves to the new engine, the server's address is
 * recorded in the new lock, and a {@code reload} event goes to {@code /__db/events}. Bursts of
 * changes are taken together ({@link SourceWatcher}). If watching fails (e.g. too many open files),
 * the server keeps running without it and says so.
 */
final class LiveReload implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveReload.class);

  private final Path project;
  private final Connection pin;
  private final String address;
  private final EventStream events;
  /** Told of each reopened engine (the write log follows it). */
  private final java.util.function.Consumer<AsyncDb> reopened;
  private final SourceWatcher watcher;
  private final Thread thread;

  private LiveReload(Path project, Connection pin, String address, EventStream events, java.util.function.Consumer<AsyncDb> reopened,
      SourceWatcher watcher) {
    this.project = project;
    this.pin = pin;
    this.address = address;
    this.events = events;
    this.reopened = reopened;
    this.watcher = watcher;
    this.thread = new Thread(this::run, "async-db-live-reload");
    this.thread.setDaemon(true);
  }

  /** Starts watching; returns null (with the reason in {@code warnings}) when the platform cannot watch. */
  static LiveReload start(Path project, Connection pin, String address, EventStream events, java.util.function.Consumer<AsyncDb> reopened,
      java.util.List<String> warnings) {
    SourceWatcher watcher;
    try {
      watcher = new SourceWatcher(project);
    } catch (IOException e) {
      warnings.add("Live reload is off: cannot watch " + project.resolve("db") + " (" + e.getMessage() + "); restart the server after editing files.");
      return null;
    }
    LiveReload reload = new LiveReload(project, pin, address, events, reopened, watcher);
    reload.thread.start();
    return reload;
  }

  private void run() {
    try {
      watcher.run(this::reloadIfChanged);
    } catch (IOException e) {
      LOG.warn("Live reload stopped: {}", e.toString());
    }
  }

  /**
   * What the watcher runs: a reload unless the files are those the current engine was opened from —
   * DDL reopens the project on the files it writes, and reopening again would close that engine
   * under the statements running on it.
   */
  private void reloadIfChanged() {
    try {
      if (!pin.unwrap(ProjectReloader.class).sourcesChanged()) {
        return;
      }
    } catch (SQLException e) {
      LOG.warn("Live reload of {}: cannot compare the files with the open project: {}", project, e.toString());
    }
    reload();
  }

  /** Opens the project again and tells subscribers; a failure is published too, and the old engine keeps serving. */
  void reload() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("at", Instant.now().toString());
    try {
      pin.unwrap(ProjectReloader.class).reloadProject();
      AsyncDb db = pin.unwrap(AsyncDb.class);
      db.advertise(address);
      reopened.accept(db);
      data.put("resources", db.resourceNames());
      data.put("errors", db.diagnostics().stream().filter(d -> d.isError()).count());
      events.publish("reload", Json.write(data));
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Live reload of {} failed: {}", project, e.toString());
      data.put("error", e.getMessage());
      events.publish("reload-failed", Json.write(data));
    }
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
