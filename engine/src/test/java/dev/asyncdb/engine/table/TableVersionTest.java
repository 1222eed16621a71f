package dev.asyncdb.engine.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A version lists its live rows in insertion order, batch by batch, whether or not records were deleted. */
class TableVersionTest {
  private static final int ROWS = 2_500; // more than two 1024-slot chunks

  private static TableVersion loaded() {
    RecordTable t = new RecordTable();
    for (int i = 0; i < ROWS; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", "r" + i);
      t.appendRecord(r, -1, i);
    }
    return t.publishLoaded(KeySpec.single("id"));
  }

  @Test
  void batchesAcrossChunkBoundariesListEverySlotOfAVersionWithoutDeletions() {
    TableVersion v = loaded();
    int[] out = new int[2_000];
    int n = v.liveRows(1_000, 2_100, out);
    assertThat(n).isEqualTo(1_100);
    assertThat(Arrays.copyOf(out, n)).containsExactly(IntStream.range(1_000, 2_100).toArray());
    assertThat(v.liveRows()).containsExactly(IntStream.range(0, ROWS).toArray());
  }

  @Test
  void deletedAndReplacedRecordsAreSkippedOrFollowedInTheirSlot() {
    TableVersion v = loaded();
    RecordTable t = v.table();
    TableVersion after = t.delete(v, 1_023);
    after = t.delete(after, 1_024);
    Map<String, Object> replacement = new LinkedHashMap<>();
    replacement.put("id", "r2000");
    replacement.put("note", "new");
    after = t.replace(after, 2_000, replacement);
    int newRow = after.find("r2000");
    assertThat(newRow).isNotEqualTo(2_000);

    int[] out = new int[2_000];
    int n = after.liveRows(1_000, 2_100, out);
    int[] expected = IntStream.range(1_000, 2_100).filter(r -> r != 1_023 && r != 1_024)
        .map(r -> r == 2_000 ? newRow : r).toArray();
    assertThat(Arrays.copyOf(out, n)).containsExactly(expected);
    // The version it was derived from still lists the rows it had.
    assertThat(v.liveRows(1_000, 2_100, out)).isEqualTo(1_100);
    assertThat(out[23]).isEqualTo(1_023);
    assertThat(out[1_000]).isEqualTo(2_000);
  }
}
