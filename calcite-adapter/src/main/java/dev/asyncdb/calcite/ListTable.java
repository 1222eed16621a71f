package dev.asyncdb.calcite;

import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** A small read-only table computed at scan time (metadata, introspection). */
final class ListTable extends AbstractTable implements ScannableTable {
  /** A column of a list table. */
  record Col(String name, SqlTypeName type) {}

  private final String name;
  private final List<Col> columns;
  private final Supplier<List<Object[]>> rows;
  private final Schema.TableType tableType;

  ListTable(String name, List<Col> columns, Supplier<List<Object[]>> rows, Schema.TableType tableType) {
    this.name = name;
    this.columns = columns;
    this.rows = rows;
    this.tableType = tableType;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (Col c : columns) {
      b.add(c.name(), factory.createTypeWithNullability(factory.createSqlType(c.type()), true));
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.get());
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return tableType;
  }

  @Override
  public String toString() {
    return "ListTable(" + name + ")";
  }
}
