package dev.asyncdb.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A point of the write path where crash tests kill a child JVM: started with
 * {@code -Dasyncdb.test.pauseBeforeDecision=<file>}, a write spanning several stores stops once its
 * log record is durable and before any store commits, creates {@code <file>} and waits there for
 * the test to kill the process (SIGKILL). Without the property nothing happens.
 */
final class CrashPoints {
  private static final String PAUSE_BEFORE_DECISION = System.getProperty("asyncdb.test.pauseBeforeDecision");

  private CrashPoints() {}

  static void beforeDecision() {
    if (PAUSE_BEFORE_DECISION == null) {
      return;
    }
    try {
      Files.writeString(Path.of(PAUSE_BEFORE_DECISION), "paused before the decision\n");
    } catch (IOException e) {
      throw new IllegalStateException("test hook could not create " + PAUSE_BEFORE_DECISION, e);
    }
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // Only the kill ends this wait.
      }
    }
  }
}
