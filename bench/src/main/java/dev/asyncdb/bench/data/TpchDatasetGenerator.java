package dev.asyncdb.bench.data;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the eight TPC-H tables at scale factor 0.1 × scale (at least 0.01, below which the
 * TPC-H key formulas repeat partsupp keys) with the Trino TPC-H generator
 * (itself deterministic), one JSON collection per table with the lowercase TPC-H column names,
 * dates as {@code YYYY-MM-DD} strings and money as JSON numbers.
 */
public final class TpchDatasetGenerator extends DatasetGenerator {

  /** TPC-H scale factor per unit of benchmark scale. */
  public static final double SCALE_FACTOR_PER_SCALE = 0.1;
  /** Below this scale factor the TPC-H key formulas repeat partsupp keys. */
  public static final double MIN_SCALE_FACTOR = 0.01;

  private static final Map<String, List<String>> KEYS = Map.of(
      "lineitem", List.of("l_orderkey", "l_linenumber"),
      "orders", List.of("o_orderkey"),
      "customer", List.of("c_custkey"),
      "part", List.of("p_partkey"),
      "partsupp", List.of("ps_partkey", "ps_suppkey"),
      "supplier", List.of("s_suppkey"),
      "nation", List.of("n_nationkey"),
      "region", List.of("r_regionkey"));

  @Override
  public String name() {
    return "tpch";
  }

  @Override
  protected int version() {
    return 2;
  }

  /** The TPC-H scale factor used for benchmark {@code scale}: 0.1 × scale, at least 0.01. */
  public static double scaleFactor(double scale) {
    return Math.max(MIN_SCALE_FACTOR, SCALE_FACTOR_PER_SCALE * scale);
  }

  @Override
  protected List<DatasetTable> writeTables(Path dbDir, double scale) throws IOException {
    List<DatasetTable> tables = new ArrayList<>();
    for (TpchTable<?> table : TpchTable.getTables()) {
      tables.add(writeTable(dbDir, table, scaleFactor(scale)));
    }
    return tables;
  }

  private static <E extends TpchEntity> DatasetTable writeTable(
      Path dbDir, TpchTable<E> table, double scaleFactor) throws IOException {
    TableSpec spec = spec(table);
    Path file = dbDir.resolve(spec.name() + ".json");
    List<TpchColumn<E>> columns = table.getColumns();
    long rows;
    try (RecordArrayWriter out = RecordArrayWriter.open(file)) {
      for (E row : table.createGenerator(scaleFactor, 1, 1)) {
        JsonGenerator g = out.startRecord();
        for (TpchColumn<E> column : columns) {
          g.writeFieldName(column.getColumnName());
          switch (column.getType().getBase()) {
            case IDENTIFIER -> g.writeNumber(column.getIdentifier(row));
            case INTEGER -> g.writeNumber(column.getInteger(row));
            case DOUBLE -> g.writeNumber(column.getDouble(row));
            case DATE -> g.writeString(LocalDate.ofEpochDay(column.getDate(row)).toString());
            case VARCHAR -> g.writeString(column.getString(row));
            default -> throw new IllegalStateException("unknown TPC-H type " + column.getType());
          }
        }
        out.endRecord();
      }
      rows = out.records();
    }
    SchemaFile.write(SchemaFile.pathFor(dbDir, spec.name()), spec);
    return describe(spec, file, rows);
  }

  /** The Async DB shape of a TPC-H table. */
  static <E extends TpchEntity> TableSpec spec(TpchTable<E> table) {
    List<FieldSpec> fields = new ArrayList<>();
    for (TpchColumn<E> column : table.getColumns()) {
      FieldType type = switch (column.getType().getBase()) {
        case IDENTIFIER, INTEGER -> FieldType.INTEGER;
        case DOUBLE -> FieldType.NUMBER;
        case DATE -> FieldType.DATE;
        case VARCHAR -> FieldType.STRING;
      };
      fields.add(FieldSpec.of(column.getColumnName(), type));
    }
    return new TableSpec(table.getTableName(), fields, KEYS.get(table.getTableName()));
  }
}
