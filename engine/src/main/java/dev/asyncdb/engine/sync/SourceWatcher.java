package dev.asyncdb.engine.sync;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches a project's sources — every folder under {@code db/} (new ones included) and
 * {@code db.config.json} — and calls back once per burst of changes: events within
 * {@link #SETTLE_MILLIS} are taken together, so an editor's save is one call. Used by
 * {@code types --watch} and by a server's live reload.
 */
public final class SourceWatcher implements Closeable {
  public static final long SETTLE_MILLIS = 200;

  private final Path project;
  private final Path db;
  private final WatchService watcher;

  /** Starts watching; throws when the platform cannot (e.g. too many open files). */
  public SourceWatcher(Path project) throws IOException {
    this.project = project;
    this.db = project.resolve("db");
    this.watcher = FileSystems.getDefault().newWatchService();
    register(project);
    registerTree(db);
  }

  public Path dbDir() {
    return db;
  }

  /**
   * Calls {@code onChange} after each burst of relevant changes until the thread is interrupted or
   * the watcher is closed.
   */
  public void run(Runnable onChange) throws IOException {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key = watcher.poll(250, TimeUnit.MILLISECONDS);
        if (key == null) {
          continue;
        }
        boolean relevant = false;
        do {
          Path dir = (Path) key.watchable();
          for (var event : key.pollEvents()) {
            Path changed = event.context() instanceof Path p ? dir.resolve(p) : dir;
            boolean underDb = changed.startsWith(db);
            relevant |= underDb || changed.getFileName().toString().equals("db.config.json");
            if (underDb && Files.isDirectory(changed)) {
              registerTree(changed);
            }
          }
          key.reset();
          key = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        } while (key != null);
        if (relevant) {
          onChange.run();
        }
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (ClosedWatchServiceException closed) {
      // Stopped by close().
    }
  }

  private void register(Path dir) throws IOException {
    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
  }

  private void registerTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> dirs = Files.walk(dir)) {
      for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
        register(d);
      }
    }
  }

  @Override
  public void close() throws IOException {
    watcher.close();
  }

  @Override
  public String toString() {
    return "SourceWatcher(" + project + ")";
  }
}
