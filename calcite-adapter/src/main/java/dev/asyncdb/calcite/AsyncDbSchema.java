package dev.asyncdb.calcite;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The resources of one open project as the tables of a Calcite schema. */
public final class AsyncDbSchema extends AbstractSchema {
  private final AsyncDb db;
  private final Map<String, Table> tables;
  private final AtomicBoolean cancel = new AtomicBoolean();

  public AsyncDbSchema(AsyncDb db) {
    this.db = db;
    Map<String, Table> map = new LinkedHashMap<>();
    for (String name : db.resourceNames()) {
      ResourceSchema schema = db.schema(name);
      map.put(name, schema.isCollection() ? new CollectionTable(db, schema, cancel) : new DocumentTable(db, schema));
    }
    // SQLite-style introspection for tools and the managed-SQL facade; a resource of that name wins.
    map.putIfAbsent("sqlite_master", MetaSchema.sqliteMaster(db));
    this.tables = Map.copyOf(map);
  }

  public AsyncDb db() {
    return db;
  }

  /**
   * Raised, it stops every scan of this schema at its next row — whichever statement of the
   * connection runs it, including statements a plan cache lends. The Async DB server raises it
   * when a call outlives its statement timeout and lowers it before the connection's next call.
   */
  public AtomicBoolean cancelFlag() {
    return cancel;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
