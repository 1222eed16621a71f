package dev.asyncdb.cli.types;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.sync.SourceWatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * {@code types --watch}: runs the generation once, then again after every change under {@code db/}
 * or to {@code db.config.json} ({@link SourceWatcher}). A generation that fails prints its error
 * and watching goes on; the thread's interruption (Ctrl-C ends the JVM anyway) stops it.
 */
final class TypesWatch {
  private final Path project;
  private final PrintWriter out;
  private final PrintWriter err;

  TypesWatch(Path project, PrintWriter out, PrintWriter err) {
    this.project = project;
    this.out = out;
    this.err = err;
  }

  int run(IntSupplier generate) {
    runOnce(generate);
    try (SourceWatcher watcher = new SourceWatcher(project)) {
      out.println("Watching " + watcher.dbDir() + " for changes (Ctrl-C stops).");
      out.flush();
      watcher.run(() -> runOnce(generate));
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
}
