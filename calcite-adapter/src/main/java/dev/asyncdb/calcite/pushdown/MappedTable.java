package dev.asyncdb.calcite.pushdown;

import dev.asyncdb.calcite.modify.AbstractResourceTable;
import dev.asyncdb.calcite.CollectionTable;
import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.store.PushdownSource;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.TranslatableTable;

/**
 * A collection that is a mapped table, as a SQL table read inside its database: it has the
 * columns of any collection ({@link CollectionTable#columnsOf}), and expands to a projection
 * (renamed columns, widened types, {@code _record}) over a scan of the JDBC table, so Calcite's
 * JDBC rules push the query's filters, sorts, limits, aggregates and joins into the database.
 * Writes plan as on any resource table and go through the engine.
 */
public final class MappedTable extends AbstractResourceTable implements TranslatableTable {
  private final PushdownDatabase database;
  private final PushdownSource.MappedTable table;

  public MappedTable(SqlSession session, ResourceSchema schema, PushdownDatabase database, PushdownSource.MappedTable table) {
    super(session, schema);
    this.database = database;
    this.table = table;
  }

  /** Where the rows live, for EXPLAIN. */
  public PushdownDatabase database() {
    return database;
  }

  /**
   * The columns of any collection; a column whose SQL type is the database column's type takes
   * that type exactly (nullability, length), so the database gets the bare column — no CAST that
   * would hide it from its indexes. Only other types (int4 read as BIGINT, numeric as DOUBLE) are cast.
   */
  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataType jdbcRow = jdbcTable().getRowType(factory);
    RelDataTypeFactory.Builder b = factory.builder();
    for (SqlColumn c : columns) {
      RelDataTypeField column = c.wholeRecord() ? null : jdbcRow.getField(table.columns().getOrDefault(c.name(), c.name()), true, false);
      RelDataType type = c.relType(factory);
      if (column != null) {
        type = column.getType().getSqlTypeName() == type.getSqlTypeName() ? column.getType()
            : factory.createTypeWithNullability(type, column.getType().isNullable());
      }
      b.add(c.name(), type);
    }
    return b.build();
  }

  private JdbcTable jdbcTable() {
    JdbcTable source = (JdbcTable) database.schema(table.schema()).tables().get(table.table());
    if (source == null) {
      throw new DbException("STORE_TABLE_NOT_FOUND", 500, "Table " + table.table() + " behind resource \"" + schema.name() + "\" is no longer in "
          + database.source().databaseId() + ".", "Check that the table still exists (it was found when the project opened), then reopen the project.",
          Map.of("resource", schema.name(), "table", table.table()));
    }
    return source;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    List<String> path = relOptTable.getQualifiedName();
    JdbcTable source = jdbcTable();
    RelDataTypeFactory types = context.getCluster().getTypeFactory();
    RelOptTable scanned = RelOptTableImpl.create(relOptTable.getRelOptSchema(), source.getRowType(types), source,
        ImmutableList.<String>builder().addAll(path.subList(0, path.size() - 1)).add(database.name(), table.table()).build());
    RelNode scan = source.toRel(context, scanned);
    RexBuilder rex = context.getCluster().getRexBuilder();
    RelDataType rowType = relOptTable.getRowType();
    List<RexNode> exprs = new ArrayList<>();
    Map<String, RexNode> byField = new java.util.HashMap<>();
    int record = -1;
    for (int i = 0; i < columns.size(); i++) {
      SqlColumn c = columns.get(i);
      if (c.wholeRecord()) {
        record = i;
        exprs.add(null);
        continue;
      }
      RelDataType target = rowType.getFieldList().get(i).getType();
      RexNode value = columnOf(scan, c.name());
      exprs.add(value.getType().equals(target) ? value : rex.makeCast(target, value, true, false));
      byField.put(c.name(), exprs.get(i));
    }
    if (record >= 0) {
      // From the SQL-typed values, so numbers stay numbers as in the engine's records.
      exprs.set(record, record(rex, byField));
    }
    return LogicalProject.create(scan, List.of(), exprs, rowType.getFieldNames(), java.util.Set.of());
  }

  /** A column of the JDBC scan, by the field it stores. */
  private RexNode columnOf(RelNode scan, String field) {
    String column = table.columns().getOrDefault(field, field);
    RelDataTypeField f = scan.getRowType().getField(column, true, false);
    if (f == null) {
      throw new DbException("STORE_TABLE_COLUMN_NOT_FOUND", 500, "Column " + column + " (field \"" + field + "\" of resource \"" + schema.name()
          + "\") is no longer in table " + table.table() + ".", "Reopen the project so that the resource's fields follow the table.",
          Map.of("resource", schema.name(), "column", column));
    }
    return scan.getCluster().getRexBuilder().makeInputRef(scan, f.getIndex());
  }

  private RexNode record(RexBuilder rex, Map<String, RexNode> byField) {
    List<String> fields = new ArrayList<>();
    List<RexNode> values = new ArrayList<>();
    List<Boolean> json = new ArrayList<>();
    for (String field : table.columns().keySet()) {
      if (byField.containsKey(field)) {
        fields.add(field);
        values.add(byField.get(field));
        json.add(schema.field(field) != null && schema.field(field).type() == dev.asyncdb.engine.schema.FieldType.JSON);
      }
    }
    return RecordJson.of(rex, fields, values, json);
  }

  @Override
  public String toString() {
    return "MappedTable(" + schema.name() + " in " + database.source().databaseId() + ")";
  }
}
