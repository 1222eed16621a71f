package dev.asyncdb.engine;

/**
 * Told how far {@code AsyncDb.open} is in reading the project's data files, for progress bars on
 * large sources. Called from loader threads, at most every {@link #STEP} bytes per file and once
 * more when a file is done; {@code bytesRead} only grows and ends equal to {@code bytesTotal}.
 */
@FunctionalInterface
public interface LoadProgress {
  /** Granularity of updates. */
  long STEP = 1L << 20;

  LoadProgress NONE = (read, total) -> { };

  void update(long bytesRead, long bytesTotal);
}
