package dev.asyncdb.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state file written straight from the columns is byte for byte the one the generator writes, in the original's format. */
class StateFilesRowsTest {
  @TempDir
  Path dir;

  @Test
  void rowsWrittenFromTheColumnsAreTheGeneratorsBytes() throws Exception {
    RecordTable table = new RecordTable(KeySpec.single("id"));
    String[] texts = {"plain", "qu\"ote", "tab\there", "caf\u00e9", "emoji \ud83d\ude00", ""};
    int n = 3_000;
    for (int i = 0; i < n; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      if (i % 500 == 3) {
        table.appendRecord(r, -1, i); // an empty record
        continue;
      }
      r.put("id", "r" + i);
      r.put("title", texts[i % texts.length] + " " + i);
      r.put("kind", texts[i % texts.length]);
      if (i % 3 != 0) {
        r.put("views", i % 7 == 0 ? -i : (long) i);
      }
      r.put("ok", i % 2 == 0);
      if (i % 17 == 0) {
        r.put("nothing", null);
      }
      if (i % 19 == 0) {
        r.put("score", i + 0.5);
      }
      if (i % 23 == 0) {
        r.put("nested", Map.of("a", List.of(1L, "x")));
      }
      table.appendRecord(r, -1, i);
    }
    TableVersion rows = table.publishLoaded(KeySpec.single("id"));
    Path direct = dir.resolve("direct.json");
    Path generated = dir.resolve("generated.json");
    StateFiles.writeRows(direct, rows, true);
    StateFiles.writeRows(generated, rows, false);
    assertThat(Files.readString(direct)).isEqualTo(Files.readString(generated));
    assertThat(Files.readString(direct)).startsWith("[\n  {\n    \"id\": \"r0\",\n    \"title\": \"plain 0\",\n");

    RecordTable empty = new RecordTable(KeySpec.single("id"));
    StateFiles.writeRows(direct, empty.publishLoaded(KeySpec.single("id")), true);
    assertThat(Files.readString(direct)).isEqualTo("[]\n");
  }
}
