package dev.asyncdb.calcite.modify;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;

/**
 * Lets an INSERT leave out NOT NULL columns (the key, required fields): they arrive as NULL, that
 * is absent, and the engine fills them — a generated counter id, the schema default — or rejects the
 * row with its own message, exactly as the native API would.
 */
public final class EngineDefaults extends NullInitializerExpressionFactory {
  public static final EngineDefaults INSTANCE = new EngineDefaults();

  private EngineDefaults() {}

  @Override
  public ColumnStrategy generationStrategy(RelOptTable table, int column) {
    return table.getRowType().getFieldList().get(column).getType().isNullable() ? ColumnStrategy.NULLABLE : ColumnStrategy.DEFAULT;
  }
}
