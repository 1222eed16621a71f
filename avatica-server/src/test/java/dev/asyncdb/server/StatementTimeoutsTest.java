package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timer behind {@link StatementTimeouts} holds only the calls that are running. */
class StatementTimeoutsTest {
  @TempDir
  Path tmp;

  @Test
  void aCallThatReturnedLeavesNoTaskInTheTimer() throws Exception {
    Path project = Projects.items(tmp, 3);
    try (StatementTimeouts timeouts = new StatementTimeouts(Duration.ofMinutes(2));
        Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
      StatementTimeouts.Watch running = timeouts.watch(c);
      for (int i = 0; i < 1000; i++) {
        timeouts.watch(c).close();
      }
      assertThat(timeouts.pendingTimeouts()).as("the one call still running").isEqualTo(1);
      running.close();
      assertThat(timeouts.pendingTimeouts()).isZero();
    }
  }
}
