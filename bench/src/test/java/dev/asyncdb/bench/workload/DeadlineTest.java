package dev.asyncdb.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void returnsTheResultOfWorkThatFinishes() throws Exception {
    assertThat(Deadline.call(Duration.ofSeconds(30), "quick", () -> 42)).isEqualTo(42);
  }

  @Test
  void rethrowsTheWorksOwnException() {
    assertThatThrownBy(() -> Deadline.call(Duration.ofSeconds(30), "failing", () -> {
      throw new SQLException("no such table");
    })).isInstanceOf(SQLException.class).hasMessage("no such table");
  }

  @Test
  void abandonsWorkThatHangs() {
    CountDownLatch never = new CountDownLatch(1);
    assertThatThrownBy(() -> Deadline.call(Duration.ofMillis(50), "Engine X open", () -> {
      never.await();
      return null;
    })).isInstanceOf(Deadline.Exceeded.class)
        .hasMessageStartingWith("Engine X open did not finish within 0 s");
  }
}
