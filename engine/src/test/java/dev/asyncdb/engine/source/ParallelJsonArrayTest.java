package dev.asyncdb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel parsing gives exactly the sequential result, and declines layouts it cannot cut safely. */
class ParallelJsonArrayTest {
  @TempDir
  Path tmp;

  private Path file(String content) throws Exception {
    Path f = tmp.resolve("data.json");
    Files.writeString(f, content);
    return f;
  }

  private static List<Map<String, Object>> records(RecordTable t) {
    TableVersion v = t.publishLoaded(KeySpec.single("id"));
    List<Map<String, Object>> out = new ArrayList<>();
    for (int row : v.liveRows()) {
      out.add(v.record(row));
    }
    return out;
  }

  @Test
  void oneRecordPerLineSplitsAndMatchesSequentialParsing() throws Exception {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < 3000; i++) {
      sb.append("{\"id\":\"r").append(i).append("\",\"n\":").append(i % 7 == 0 ? i + 0.5 : i)
          .append(i % 5 == 0 ? "" : ",\"tag\":\"t" + (i % 3) + "\"")
          .append(i == 2500 ? ",\"late\":{\"x\":[1]}" : "")
          .append(",\"text\":\"line {\\n} ").append(i).append("\"}")
          .append(i < 2999 ? ",\n" : "\n");
    }
    sb.append("]\n");
    Path f = file(sb.toString());
    RecordTable parallel = ParallelJsonArray.tryLoad(f, 3, 0);
    assertThat(parallel).isNotNull();
    SourceData.Rows sequential = (SourceData.Rows) DataReader.read(f, SourceFormat.JSONC, true);
    List<Map<String, Object>> expected = records(sequential.table());
    List<Map<String, Object>> actual = records(parallel);
    assertThat(actual).hasSize(3000).isEqualTo(expected);
    assertThat(List.copyOf(actual.get(2500).keySet())).isEqualTo(List.copyOf(expected.get(2500).keySet()));
    assertThat(parallel.column("n").counts().fractions()).isEqualTo(sequential.table().column("n").counts().fractions());
  }

  @Test
  void prettyPrintedOrIrregularFilesFallBackOrParseIdentically() throws Exception {
    assertThat(ParallelJsonArray.tryLoad(file("[\n  {\n    \"id\": \"a\"\n  },\n  {\n    \"id\": \"b\"\n  }\n]"), 2, 0)).isNull();
    assertThat(ParallelJsonArray.tryLoad(file("[\n{\"id\":\"a\"},\n42,\n{\"id\":\"b\"}\n]"), 2, 0)).isNull();
    assertThat(ParallelJsonArray.tryLoad(file("{\"not\":\"an array\"}"), 2, 0)).isNull();
    // A nested object starting a line: every cut point is tried; whatever is accepted must parse like the sequential reader.
    String nested = "[\n{\"id\":\"a\",\"o\":\n{\"x\":1}},\n{\"id\":\"b\",\"o\":\n{\"x\":2}},\n{\"id\":\"c\"}\n]";
    Path f = file(nested);
    List<Map<String, Object>> expected = records(((SourceData.Rows) DataReader.read(f, SourceFormat.JSONC, true)).table());
    for (int parts = 2; parts <= 6; parts++) {
      RecordTable t = ParallelJsonArray.tryLoad(f, parts, 0);
      if (t != null) {
        assertThat(records(t)).isEqualTo(expected);
      }
    }
  }

  @Test
  void aSyntaxErrorInAPartFallsBackSoTheSequentialParserReportsIt() throws Exception {
    assertThat(ParallelJsonArray.tryLoad(file("[\n{\"id\":\"a\"},\n{\"id\":\"b\",}\n]"), 2, 0)).isNull();
  }
}
