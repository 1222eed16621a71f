package dev.asyncdb.calcite;

import dev.asyncdb.calcite.modify.ResourceModifyRule;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The resources of one open project as the tables of a Calcite schema, for one connection: its
 * tables read and write through that connection's {@link SqlSession}.
 */
public final class AsyncDbSchema extends AbstractSchema {
  private final AsyncDb db;
  private final SqlSession session;
  private final Map<String, Table> tables;

  public AsyncDbSchema(AsyncDb db) {
    this(new SqlSession(db));
  }

  public AsyncDbSchema(SqlSession session) {
    ResourceModifyRule.install();
    this.session = session;
    this.db = session.db();
    Map<String, Table> map = new LinkedHashMap<>();
    for (String name : db.resourceNames()) {
      ResourceSchema schema = db.schema(name);
      map.put(name, schema.isCollection() ? new CollectionTable(session, schema) : new DocumentTable(session, schema));
    }
    // SQLite-style introspection for tools and the managed-SQL facade; a resource of that name wins.
    map.putIfAbsent("sqlite_master", MetaSchema.sqliteMaster(db));
    this.tables = Map.copyOf(map);
  }

  public AsyncDb db() {
    return db;
  }

  public SqlSession session() {
    return session;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
