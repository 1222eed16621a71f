package dev.asyncdb.engine.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows of plain values are written by hand; a row holding anything else is left to the generator, with nothing written. */
class RowJsonWriterTest {
  @Test
  void plainRowsAreWrittenAndOthersLeftWithNothingWritten() throws Exception {
    RecordTable table = new RecordTable(KeySpec.single("id"));
    table.appendRecord(record("id", "a1", "n", -42L, "ok", true, "none", null, "max", Long.MAX_VALUE), -1, 0);
    table.appendRecord(record("id", "a2", "n", 0L, "text", "say \"hi\""), -1, 1);
    table.appendRecord(record("id", "a3", "min", Long.MIN_VALUE), -1, 2);
    table.appendRecord(record("id", "a4", "score", 1.5), -1, 3);
    table.appendRecord(record("id", "caf\u00e9"), -1, 4);
    RowJsonWriter writer = new RowJsonWriter(table);
    JsonBytes out = new JsonBytes(16);
    assertThat(writer.write(0, out)).isTrue();
    int first = out.size();
    for (int row = 1; row < 5; row++) {
      assertThat(writer.write(row, out)).as("row %d", row).isFalse();
      assertThat(out.size()).isEqualTo(first);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    out.drainTo(bytes);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"a1\",\"n\":-42,\"ok\":true,\"none\":null,\"max\":9223372036854775807}");
  }

  private static Map<String, Object> record(Object... pairs) {
    Map<String, Object> r = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      r.put((String) pairs[i], pairs[i + 1]);
    }
    return r;
  }
}
