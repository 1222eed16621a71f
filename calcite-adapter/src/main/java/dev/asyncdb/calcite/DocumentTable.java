package dev.asyncdb.calcite;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/** A singleton document as a one-row table of its top-level fields; nested values are JSON text. */
public final class DocumentTable extends AbstractTable implements ScannableTable {
  private final AsyncDb db;
  private final ResourceSchema schema;
  private final List<SqlColumn> columns;

  DocumentTable(AsyncDb db, ResourceSchema schema) {
    this.db = db;
    this.schema = schema;
    this.columns = CollectionTable.columnsOf(schema);
  }

  public ResourceSchema schema() {
    return schema;
  }

  public List<SqlColumn> columns() {
    return columns;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (SqlColumn c : columns) {
      b.add(c.name(), factory.createTypeWithNullability(c.relType(factory), true));
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    Map<String, Object> doc = db.database().snapshot().document(schema.name());
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = doc == null ? null : columns.get(i).convert(doc.get(columns.get(i).name()));
    }
    return Linq4j.asEnumerable(List.<Object[]>of(row));
  }

  @Override
  public String toString() {
    return "DocumentTable(" + schema.name() + ")";
  }
}
