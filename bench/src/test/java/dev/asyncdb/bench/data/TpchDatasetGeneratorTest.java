package dev.asyncdb.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpchDatasetGeneratorTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  static Path work;

  private static Dataset dataset;

  @BeforeAll
  static void generate() throws Exception {
    dataset = new TpchDatasetGenerator().generate(work.resolve("tpch"), 0.1);
  }

  @Test
  void writesTheEightTablesAtScaleFactorOneTenthOfTheScale() {
    assertThat(dataset.tables()).extracting(t -> t.spec().name()).containsExactlyInAnyOrder(
        "lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region");
    assertThat(dataset.table("orders").rows()).isEqualTo(15_000);
    assertThat(dataset.table("customer").rows()).isEqualTo(1_500);
    assertThat(dataset.table("nation").rows()).isEqualTo(25);
    assertThat(dataset.table("region").rows()).isEqualTo(5);
  }

  @Test
  void tinyScalesKeepTheSmallestScaleFactorWithUniqueKeys() {
    assertThat(TpchDatasetGenerator.scaleFactor(1)).isEqualTo(0.1);
    assertThat(TpchDatasetGenerator.scaleFactor(0.01)).isEqualTo(0.01);
  }

  @Test
  void rowsUseLowercaseColumnsIsoDatesAndNumbers() throws Exception {
    JsonNode first = MAPPER.readTree(dataset.table("lineitem").file().toFile()).get(0);
    assertThat(first.has("l_orderkey")).isTrue();
    assertThat(first.get("l_orderkey").isIntegralNumber()).isTrue();
    assertThat(first.get("l_extendedprice").isNumber()).isTrue();
    assertThat(first.get("l_shipdate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(first.get("l_returnflag").isTextual()).isTrue();
  }

  @Test
  void schemasDeclareTypesAndKeys() throws Exception {
    JsonNode lineitem = MAPPER.readTree(
        dataset.dbDir().resolve("lineitem.schema.json").toFile());
    assertThat(lineitem.get("kind").asText()).isEqualTo("collection");
    assertThat(lineitem.has("idField")).isFalse();
    assertThat(lineitem.at("/identity/fields").toString())
        .isEqualTo("[\"l_orderkey\",\"l_linenumber\"]");
    assertThat(lineitem.at("/fields/l_shipdate/type").asText()).isEqualTo("date");
    assertThat(lineitem.at("/fields/l_extendedprice/type").asText()).isEqualTo("number");
    assertThat(lineitem.at("/fields/l_orderkey/type").asText()).isEqualTo("integer");
    assertThat(lineitem.at("/fields/l_comment/type").asText()).isEqualTo("string");
    JsonNode orders = MAPPER.readTree(dataset.dbDir().resolve("orders.schema.json").toFile());
    assertThat(orders.get("idField").asText()).isEqualTo("o_orderkey");
  }

  @Test
  void regeneratingWritesIdenticalBytes() throws Exception {
    Dataset again = new TpchDatasetGenerator().generate(work.resolve("again"), 0.1);
    for (String table : List.of("lineitem", "orders", "partsupp", "nation")) {
      assertThat(Arrays.equals(Files.readAllBytes(again.table(table).file()),
          Files.readAllBytes(dataset.table(table).file()))).as(table).isTrue();
    }
  }
}
