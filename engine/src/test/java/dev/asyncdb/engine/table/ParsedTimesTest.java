package dev.asyncdb.engine.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Parsed date-times stay aligned with their rows when readers ask for different extents at once. */
class ParsedTimesTest {
  private static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  private static String text(int row) {
    return Instant.ofEpochMilli(BASE + row * 60_000L).toString();
  }

  @Test
  void aReaderThatWaitedForAnotherNeverMovesTheParsedCountBack() throws Exception {
    ParsedTimes times = new ParsedTimes(true);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    IntFunction<CharSequence> slow = row -> {
      if (row == 0) {
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return text(row);
    };
    Thread wide = new Thread(() -> times.ensure(1000, slow));
    wide.start();
    started.await();
    // A narrower reader passes the unlocked check while the wide one parses, then waits for the lock.
    Thread narrow = new Thread(() -> times.ensure(600, ParsedTimesTest::text));
    narrow.start();
    while (narrow.getState() != Thread.State.BLOCKED) {
      Thread.onSpinWait();
    }
    release.countDown();
    wide.join();
    narrow.join();
    assertThat(times.parsed()).isEqualTo(1000);

    times.ensure(1000, ParsedTimesTest::text);
    for (int row : new int[] {0, 599, 600, 999}) {
      assertThat(times.get(row)).as("row %d", row).isEqualTo(BASE + row * 60_000L);
      assertThat(times.isNull(row)).isFalse();
    }
    times.ensure(1200, ParsedTimesTest::text);
    assertThat(times.get(1199)).as("rows parsed later land at their own index").isEqualTo(BASE + 1199 * 60_000L);
  }
}
