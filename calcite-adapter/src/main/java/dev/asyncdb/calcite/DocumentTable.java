package dev.asyncdb.calcite;

import dev.asyncdb.calcite.modify.AbstractResourceTable;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;

/**
 * A singleton document as a one-row table of its top-level fields; nested values are JSON text.
 * {@code UPDATE} changes its fields; it never gains or loses its row.
 */
public final class DocumentTable extends AbstractResourceTable implements ScannableTable {

  DocumentTable(SqlSession session, ResourceSchema schema) {
    super(session, schema);
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
    Map<String, Object> doc = session.document(schema.name());
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
