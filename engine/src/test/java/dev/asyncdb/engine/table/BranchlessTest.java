package dev.asyncdb.engine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BranchlessTest {

  private static final long[] EDGES = {
    Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000_000_007L, -2, -1, 0, 1, 2, 9_204, 9_205, 9_206,
    1_000_000_007L, Long.MAX_VALUE - 1, Long.MAX_VALUE
  };

  private static int naive(long v, long low, long high) {
    return v >= low && v <= high ? 1 : 0;
  }

  @Test
  void withinAgreesWithTwoComparisonsAtTheEdgesOfLong() {
    for (long low : EDGES) {
      for (long high : EDGES) {
        if (low > high) {
          continue; // callers answer an empty interval before asking
        }
        for (long v : EDGES) {
          assertEquals(naive(v, low, high), Branchless.within(v - low, high - low),
              () -> v + " in " + low + ".." + high);
        }
      }
    }
  }

  @Test
  void withinAgreesWithTwoComparisonsOnRandomIntervals() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      long a = random.nextInt(5) == 0 ? random.nextLong() : random.nextInt(2_000) - 1_000;
      long b = random.nextInt(5) == 0 ? random.nextLong() : random.nextInt(2_000) - 1_000;
      long low = Math.min(a, b);
      long high = Math.max(a, b);
      long v = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(2_400) - 1_200;
      assertEquals(naive(v, low, high), Branchless.within(v - low, high - low), v + " in " + low + ".." + high);
    }
  }

  @Test
  void bitAtReadsTheBitsAndZeroOutsideThem() {
    long[] bits = {1L | 1L << 63, 1L << 5};
    assertEquals(1, Branchless.bitAt(bits, 0));
    assertEquals(0, Branchless.bitAt(bits, 1));
    assertEquals(1, Branchless.bitAt(bits, 63));
    assertEquals(1, Branchless.bitAt(bits, 69));
    for (long outside : new long[] {-1, -64, 128, 192, Long.MIN_VALUE, Long.MAX_VALUE}) {
      assertEquals(0, Branchless.bitAt(bits, outside), () -> "offset " + outside);
    }
  }

  @Test
  void keepInKeepsTheRowsOfTheIntervalInOrderAndNothingForAnEmptyOne() {
    LongVector vector = new LongVector();
    long[] values = {5, Long.MIN_VALUE, 7, 9, Long.MAX_VALUE, 6, -3};
    for (long v : values) {
      vector.add(v);
    }
    int[] rows = {0, 1, 2, 3, 4, 5, 6};
    int kept = vector.keepIn(rows, rows.length, 5, 7);
    assertEquals(3, kept);
    assertEquals(0, rows[0]);
    assertEquals(2, rows[1]);
    assertEquals(5, rows[2]);

    int[] all = {0, 1, 2, 3, 4, 5, 6};
    assertEquals(7, vector.keepIn(all, all.length, Long.MIN_VALUE, Long.MAX_VALUE));
    int[] none = {0, 1, 2, 3, 4, 5, 6};
    assertEquals(0, vector.keepIn(none, none.length, 8, 7));
  }
}
