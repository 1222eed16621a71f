package dev.asyncdb.bench.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated dataset: an Async DB project folder whose {@code db/} holds one JSON collection
 * (and one schema file) per table.
 */
public record Dataset(String name, Path projectDir, double scale, List<DatasetTable> tables) {

  public Dataset {
    tables = List.copyOf(tables);
  }

  /** The project's {@code db/} folder. */
  public Path dbDir() {
    return projectDir.resolve("db");
  }

  /** The table called {@code name}. */
  public DatasetTable table(String tableName) {
    return tables.stream()
        .filter(t -> t.spec().name().equals(tableName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " has no table " + tableName));
  }

  /** The scale as it appears in folder names: {@code 1}, {@code 0.01}. */
  public static String scaleLabel(double scale) {
    return java.math.BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
  }
}
