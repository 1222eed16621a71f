package dev.asyncdb.calcite.modify;

import dev.asyncdb.calcite.CollectionTable;
import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.List;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;

/**
 * What every table over a resource shares: its connection's session, its schema, its SQL columns
 * ({@link CollectionTable#columnsOf}), and the engine's defaults for INSERT (so a column left out
 * gets the schema's default, not NULL).
 */
public abstract class AbstractResourceTable extends AbstractTable implements ResourceTable {
  protected final SqlSession session;
  protected final ResourceSchema schema;
  protected final List<SqlColumn> columns;

  protected AbstractResourceTable(SqlSession session, ResourceSchema schema) {
    this.session = session;
    this.schema = schema;
    this.columns = CollectionTable.columnsOf(schema);
  }

  @Override
  public ResourceSchema schema() {
    return schema;
  }

  @Override
  public List<SqlColumn> columns() {
    return columns;
  }

  @Override
  public SqlSession session() {
    return session;
  }

  @Override
  public <C> C unwrap(Class<C> type) {
    return type == InitializerExpressionFactory.class ? type.cast(EngineDefaults.INSTANCE) : super.unwrap(type);
  }
}
