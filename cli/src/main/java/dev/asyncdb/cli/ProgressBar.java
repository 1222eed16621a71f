package dev.asyncdb.cli;

import dev.asyncdb.engine.LoadProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on the error stream for loading large sources, shown only to a person at
 * a terminal and only when the data is large enough to take a while; redrawn at most every
 * {@link #REDRAW_NANOS} and erased when done so the command's own output follows cleanly.
 */
public final class ProgressBar implements LoadProgress {
  static final long MIN_BYTES = 8L << 20;
  static final long REDRAW_NANOS = 100_000_000L;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private long lastDraw;
  private boolean drawn;

  public ProgressBar(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  @Override
  public synchronized void update(long bytesRead, long bytesTotal) {
    if (bytesTotal < MIN_BYTES) {
      return;
    }
    long now = System.nanoTime();
    if (bytesRead < bytesTotal && drawn && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    err.print("\r" + render(bytesRead, bytesTotal));
    err.flush();
  }

  /** The bar's text, e.g. {@code Loading db/ [###############---------------]  50%  78.6/157.3 MB}. */
  String render(long read, long total) {
    int filled = (int) (WIDTH * read / Math.max(1, total));
    return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %.1f/%.1f MB", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
        100 * read / Math.max(1, total), read / 1048576.0, total / 1048576.0);
  }

  /** Erases the bar if one was drawn. */
  public synchronized void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(render(0, 1).length() + 16) + "\r");
      err.flush();
      drawn = false;
    }
  }
}
