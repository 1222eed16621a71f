package dev.asyncdb.server;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.jdbc.ProjectReloader;
import dev.asyncdb.server.viewer.EventStream;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live reload while serving (PRODUCT.md §24): when a file under {@code db/} or {@code db.config.json}
 * changes, the project is opened again from its files (errors allowed, so a half-edited fixture
 * leaves only its resource out), every connection moves to the new engine, the server's address is
 * recorded in the new lock, and a {@code reload} event goes to {@code /__db/events}. Changes within
 * {@link #SETTLE_MILLIS} are taken together. If watching fails (e.g. too many open files), the
 * server keeps running without it and says so.
 */
final class LiveReload implements AutoCloseable {
  static final long SETTLE_MILLIS = 200;
  private static final Logger LOG = LoggerFactory.getLogger(LiveReload.class);

  private final Path project;
  private final Connection pin;
  private final String address;
  private final EventStream events;
  private final Thread thread;
  private volatile boolean running = true;
  private WatchService watcher;

  private LiveReload(Path project, Connection pin, String address, EventStream events) {
    this.project = project;
    this.pin = pin;
    this.address = address;
    this.events = events;
    this.thread = new Thread(this::run, "async-db-live-reload");
    this.thread.setDaemon(true);
  }

  /** Starts watching; returns null (with the reason in {@code warnings}) when the platform cannot watch. */
  static LiveReload start(Path project, Connection pin, String address, EventStream events, java.util.List<String> warnings) {
    LiveReload reload = new LiveReload(project, pin, address, events);
    try {
      reload.watcher = FileSystems.getDefault().newWatchService();
      register(reload.watcher, project, false);
      register(reload.watcher, project.resolve("db"), true);
    } catch (IOException e) {
      warnings.add("Live reload is off: cannot watch " + project.resolve("db") + " (" + e.getMessage() + "); restart the server after editing files.");
      return null;
    }
    reload.thread.start();
    return reload;
  }

  private void run() {
    try {
      while (running) {
        WatchKey key = watcher.poll(250, TimeUnit.MILLISECONDS);
        if (key == null) {
          continue;
        }
        boolean relevant = false;
        do {
          Path dir = (Path) key.watchable();
          for (var event : key.pollEvents()) {
            Path changed = event.context() instanceof Path p ? dir.resolve(p) : dir;
            boolean underDb = changed.startsWith(project.resolve("db"));
            relevant |= underDb || changed.getFileName().toString().equals("db.config.json");
            if (underDb && Files.isDirectory(changed)) {
              register(watcher, changed, true);
            }
          }
          key.reset();
          key = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        } while (key != null);
        if (relevant && running) {
          reload();
        }
      }
    } catch (InterruptedException | java.nio.file.ClosedWatchServiceException stopped) {
      // Server stopping.
    } catch (IOException e) {
      LOG.warn("Live reload stopped: {}", e.toString());
    }
  }

  /** Opens the project again and tells subscribers; a failure is published too, and the old engine keeps serving. */
  void reload() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("at", Instant.now().toString());
    try {
      pin.unwrap(ProjectReloader.class).reloadProject();
      AsyncDb db = pin.unwrap(AsyncDb.class);
      db.advertise(address);
      data.put("resources", db.resourceNames());
      data.put("errors", db.diagnostics().stream().filter(d -> d.isError()).count());
      events.publish("reload", Json.write(data));
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Live reload of {} failed: {}", project, e.toString());
      data.put("error", e.getMessage());
      events.publish("reload-failed", Json.write(data));
    }
  }

  private static void register(WatchService watcher, Path dir, boolean tree) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    if (!tree) {
      dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
      return;
    }
    try (Stream<Path> dirs = Files.walk(dir)) {
      for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
        d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
      }
    }
  }

  @Override
  public void close() {
    running = false;
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
