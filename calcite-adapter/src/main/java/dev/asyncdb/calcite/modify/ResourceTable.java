package dev.asyncdb.calcite.modify;

import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.List;

/** A table over one Async DB resource that SQL statements may change, through its connection's session. */
public interface ResourceTable {
  ResourceSchema schema();

  List<SqlColumn> columns();

  SqlSession session();
}
