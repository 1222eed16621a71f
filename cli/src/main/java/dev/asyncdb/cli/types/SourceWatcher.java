package dev.asyncdb.cli.types;

import dev.asyncdb.engine.DbException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * {@code types --watch}: runs the generation once, then again after every change under {@code db/}
 * or to {@code db.config.json} (changes within {@link #SETTLE_MILLIS} are taken together, so an
 * editor's save is one regeneration). A generation that fails prints its error and watching goes
 * on; the thread's interruption (Ctrl-C ends the JVM anyway) stops it.
 */
final class SourceWatcher {
  static final long SETTLE_MILLIS = 150;

  private final Path project;
  private final PrintWriter out;
  private final PrintWriter err;

  SourceWatcher(Path project, PrintWriter out, PrintWriter err) {
    this.project = project;
    this.out = out;
    this.err = err;
  }

  int run(IntSupplier generate) {
    runOnce(generate);
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      registerOne(watcher, project);
      registerTree(watcher, project.resolve("db"));
      out.println("Watching " + project.resolve("db") + " for changes (Ctrl-C stops).");
      out.flush();
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key = watcher.poll(200, TimeUnit.MILLISECONDS);
        if (key == null) {
          continue;
        }
        boolean relevant = false;
        do {
          Path dir = (Path) key.watchable();
          for (var event : key.pollEvents()) {
            Path changed = event.context() instanceof Path p ? dir.resolve(p) : dir;
            relevant |= changed.startsWith(project.resolve("db")) || changed.getFileName().toString().equals("db.config.json");
            if (Files.isDirectory(changed) && changed.startsWith(project.resolve("db"))) {
              registerTree(watcher, changed);
            }
          }
          key.reset();
          key = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        } while (key != null);
        if (relevant) {
          runOnce(generate);
        }
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("Stopped watching.");
    out.flush();
    return 0;
  }

  private void runOnce(IntSupplier generate) {
    try {
      generate.getAsInt();
    } catch (DbException e) {
      // A half-edited schema must not end the watch: report it and wait for the next save.
      err.println("error: " + e.code() + ": " + e.getMessage());
      if (e.hint() != null) {
        err.println("hint: " + e.hint());
      }
    }
    out.flush();
    err.flush();
  }

  private static void registerOne(WatchService watcher, Path dir) throws IOException {
    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
  }

  private static void registerTree(WatchService watcher, Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> dirs = Files.walk(dir)) {
      for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
        registerOne(watcher, d);
      }
    }
  }
}
