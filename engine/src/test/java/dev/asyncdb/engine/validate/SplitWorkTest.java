package dev.asyncdb.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two halves of a check: on a free pool thread when there is one, else on the caller; never a deadlock. */
class SplitWorkTest {
  private static String here() {
    return Thread.currentThread().getName();
  }

  @Test
  void aFreePoolThreadMayTakeTheSecondHalfAndResultsKeepTheirOrder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      SplitWork.Pair<String> both = SplitWork.run(pool, () -> "a", () -> "b");
      assertThat(both.first()).isEqualTo("a");
      assertThat(both.second()).isEqualTo("b");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBusyPoolGivesTheSecondHalfBackToTheCaller() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      pool.execute(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      String caller = here();
      SplitWork.Pair<String> both = SplitWork.run(pool, SplitWorkTest::here, SplitWorkTest::here);
      assertThat(both.first()).isEqualTo(caller);
      assertThat(both.second()).isEqualTo(caller);
    } finally {
      release.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aClosedPoolOrOtherExecutorsRunBothHalvesHere() {
    ExecutorService closed = Executors.newFixedThreadPool(1);
    closed.shutdown();
    String caller = here();
    assertThat(SplitWork.run(closed, SplitWorkTest::here, SplitWorkTest::here).second()).isEqualTo(caller);
    assertThat(SplitWork.run(Runnable::run, SplitWorkTest::here, SplitWorkTest::here).second()).isEqualTo(caller);
    assertThat(SplitWork.run(null, SplitWorkTest::here, SplitWorkTest::here).second()).isEqualTo(caller);
  }

  @Test
  void aFailingHalfFailsTheWholeWithItsOwnException() {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      assertThatThrownBy(() -> SplitWork.run(pool, () -> "a", () -> {
        throw new IllegalArgumentException("row 7 is broken");
      })).isInstanceOf(IllegalArgumentException.class).hasMessage("row 7 is broken");
      assertThatThrownBy(() -> SplitWork.run(null, () -> "a", () -> {
        throw new AssertionError("inline failure");
      })).isInstanceOf(AssertionError.class).hasMessage("inline failure");
    } finally {
      pool.shutdownNow();
    }
  }
}
