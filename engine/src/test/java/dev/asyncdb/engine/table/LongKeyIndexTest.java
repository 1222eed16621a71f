package dev.asyncdb.engine.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A key index lists, for the keys a join's other side kept, the live rows holding them in scan
 * order — the same rows a scan checking each row's key against those keys keeps.
 */
class LongKeyIndexTest {
  /** Records {@code id = "r<i>"} with {@code ref} from the function; null leaves the field out. */
  private static TableVersion table(int rows, java.util.function.IntFunction<Object> ref) {
    RecordTable t = new RecordTable();
    for (int i = 0; i < rows; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", "r" + i);
      Object v = ref.apply(i);
      if (v != null) {
        r.put("ref", v);
      }
      t.appendRecord(r, -1, i);
    }
    return t.publishLoaded(KeySpec.single("id"));
  }

  private static long[] bitsOf(long min, long... keys) {
    long max = min;
    for (long k : keys) {
      max = Math.max(max, k);
    }
    long[] bits = new long[(int) ((max - min) >>> 6) + 1];
    for (long k : keys) {
      bits[(int) ((k - min) >>> 6)] |= 1L << (k - min);
    }
    return bits;
  }

  /** What a scan keeps: live rows in scan order whose ref is one of {@code keys}. */
  private static int[] scanned(TableVersion v, long... keys) {
    Column c = v.table().column("ref");
    List<Integer> out = new ArrayList<>();
    for (int row : v.liveRows()) {
      if (!c.isNull(row) && java.util.Arrays.stream(keys).anyMatch(k -> k == c.getLong(row))) {
        out.add(row);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static LongKeyIndex index(TableVersion v) {
    assertThat(v.joinIndex(column(v))).as("the first request only notes it").isNull();
    LongKeyIndex index = v.joinIndex(column(v));
    assertThat(index).isNotNull();
    assertThat(v.joinIndex(column(v))).as("built once, then shared").isSameAs(index);
    assertThat(v.builtJoinIndex(column(v))).isSameAs(index);
    return index;
  }

  private static Column column(TableVersion v) {
    return v.table().column("ref");
  }

  @Test
  void rowsOfKeysStoredInTheirParentsOrderComeAsTheyAre() {
    // Four children per parent, stored parent by parent (line items after their order).
    TableVersion v = table(4_000, i -> (long) (i / 4) * 3 + 1);
    LongKeyIndex index = index(v);
    assertThat(index.size()).isEqualTo(4_000);
    assertThat(index.distinctValues()).isEqualTo(1_000);
    long[] keys = {1, 4, 1_501, 2_998};
    assertThat(index.rowsOf(1, bitsOf(1, keys), v.sharedLiveRows())).containsExactly(scanned(v, keys));
    assertThat(index.rowsOf(1, bitsOf(1, keys), v.sharedLiveRows())).hasSize(16);
  }

  @Test
  void rowsOfScatteredKeysArePutInScanOrderAndNullsAreNeverFound() {
    // Keys in no order, some records without one: the rows of ascending keys interleave.
    TableVersion v = table(5_000, i -> i % 7 == 0 ? null : (long) ((i * 7_919L) % 1_000) - 300);
    LongKeyIndex index = index(v);
    long[] keys = {-300, -1, 0, 5, 699};
    int[] rows = index.rowsOf(-300, bitsOf(-300, keys), v.sharedLiveRows());
    assertThat(rows).containsExactly(scanned(v, keys));
    assertThat(IntStream.range(1, rows.length).allMatch(i -> rows[i - 1] < rows[i])).isTrue();
  }

  @Test
  void keysOutsideTheIndexedRangeFindNothingAndPartialOverlapsFindTheirPart() {
    TableVersion v = table(1_000, i -> (long) i + 10_000);
    LongKeyIndex index = index(v);
    assertThat(index.rowsOf(0, bitsOf(0, 5, 63, 64, 9_999), v.sharedLiveRows())).isEmpty();
    assertThat(index.rowsOf(20_000, bitsOf(20_000, 20_000, 20_500), v.sharedLiveRows())).isEmpty();
    // Bits starting below the range and ending inside it, in the middle of a word.
    assertThat(index.rowsOf(9_990, bitsOf(9_990, 9_991, 10_000, 10_003, 10_070), v.sharedLiveRows()))
        .containsExactly(scanned(v, 10_000, 10_003, 10_070));
    // Bits starting inside the range and ending past it.
    assertThat(index.rowsOf(10_990, bitsOf(10_990, 10_990, 10_999, 11_000, 11_100), v.sharedLiveRows()))
        .containsExactly(scanned(v, 10_990, 10_999));
  }

  @Test
  void deletedAndReplacedRecordsFollowTheVersion() {
    TableVersion v = table(3_000, i -> (long) (i % 100));
    RecordTable t = v.table();
    TableVersion after = t.delete(v, 10);
    Map<String, Object> replacement = new LinkedHashMap<>();
    replacement.put("id", "r20");
    replacement.put("ref", 77L);
    after = t.replace(after, 20, replacement);
    int moved = after.find("r20");
    LongKeyIndex index = index(after);
    int[] rows = index.rowsOf(0, bitsOf(0, 10, 20, 77), after.sharedLiveRows());
    assertThat(rows).containsExactly(scanned(after, 10, 20, 77));
    assertThat(rows).doesNotContain(10, 20).contains(moved);
    // The older version keeps its own rows and its own index.
    assertThat(v.builtJoinIndex(column(v))).isNull();
    assertThat(index(v).rowsOf(0, bitsOf(0, 10, 20), v.sharedLiveRows())).contains(10, 20).doesNotContain(moved);
  }

  @Test
  void columnsThatAreNotIntegersOrSpreadTooWideAreNotIndexed() {
    TableVersion text = table(100, i -> "k" + i);
    assertThat(text.joinIndex(column(text))).isNull();
    assertThat(text.joinIndex(column(text))).isNull();
    assertThat(text.builtJoinIndex(column(text))).isNull();
    TableVersion wide = table(100, i -> (long) i * 1_000_000);
    assertThat(wide.joinIndex(column(wide))).isNull();
    assertThat(wide.joinIndex(column(wide))).isNull();
    RecordTable t = new RecordTable();
    for (int i = 0; i < 100; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", "r" + i);
      r.put("ref", null);
      t.appendRecord(r, -1, i);
    }
    TableVersion nulls = t.publishLoaded(KeySpec.single("id"));
    assertThat(nulls.joinIndex(column(nulls))).isNull();
    assertThat(nulls.joinIndex(column(nulls))).isNull();
  }
}
