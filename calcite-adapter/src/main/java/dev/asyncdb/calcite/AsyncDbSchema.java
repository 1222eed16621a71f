package dev.asyncdb.calcite;

import dev.asyncdb.calcite.modify.ResourceModifyRule;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.source.Names;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The resources of one open project as the tables of a Calcite schema, for one connection: its
 * tables read and write through that connection's {@link SqlSession}.
 */
public final class AsyncDbSchema extends AbstractSchema {
  private final AsyncDb db;
  private final SqlSession session;
  private final Map<String, Table> tables;
  private final Map<String, String> aliases;

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
      map.put(name, schema.isCollection() ? new CollectionTable(session, schema, session.cancelFlag()) : new DocumentTable(session, schema));
    }
    // SQLite-style introspection for tools and the managed-SQL facade; a resource of that name wins.
    map.putIfAbsent("sqlite_master", MetaSchema.sqliteMaster(db));
    this.tables = Map.copyOf(map);
    Map<String, String> alias = new LinkedHashMap<>();
    for (String name : db.resourceNames()) {
      String a = aliasOf(name);
      if (a != null && !map.containsKey(a) && map.keySet().stream().noneMatch(a::equalsIgnoreCase)) {
        alias.put(a, name);
      }
    }
    this.aliases = Map.copyOf(alias);
  }

  public AsyncDb db() {
    return db;
  }

  public SqlSession session() {
    return session;
  }

  /**
   * Raised, it stops every scan of this schema at its next row — whichever statement of the
   * connection runs it, including statements a plan cache lends. The Async DB server raises it
   * when a call outlives its statement timeout and lowers it before the connection's next call.
   */
  public AtomicBoolean cancelFlag() {
    return session.cancelFlag();
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  /**
   * Tables by name, also under a snake_case alias: a resource is named in camelCase after its file,
   * so {@code audit_log} finds {@code auditLog}. Calcite caches the names of a schema on every
   * prepare, so the aliases are names of their own; DatabaseMetaData listings leave them out
   * ({@link #isAlias}).
   */
  @Override
  public Lookup<Table> tables() {
    Lookup<Table> exact = super.tables();
    return new Lookup<>() {
      @Override
      public Table get(String name) {
        Table t = exact.get(name);
        return t != null || !aliases.containsKey(name) ? t : exact.get(aliases.get(name));
      }

      @Override
      public Named<Table> getIgnoreCase(String name) {
        Named<Table> t = exact.getIgnoreCase(name);
        if (t != null) {
          return t;
        }
        for (Map.Entry<String, String> a : aliases.entrySet()) {
          if (a.getKey().equalsIgnoreCase(name)) {
            return new Named<>(a.getKey(), tables.get(a.getValue()));
          }
        }
        return null;
      }

      @Override
      public Set<String> getNames(LikePattern pattern) {
        Set<String> names = new LinkedHashSet<>(exact.getNames(pattern));
        aliases.keySet().stream().filter(pattern.matcher()::apply).forEach(names::add);
        return names;
      }
    };
  }

  /** The snake_case alias of a camelCase resource name, or null when it has none. */
  static String aliasOf(String name) {
    String snake = Names.kebabCase(name).replace('-', '_');
    return snake.equals(name) || snake.isEmpty() ? null : snake;
  }

  /** Whether a table name is only an alias of a resource (not listed as a table of its own). */
  public boolean isAlias(String name) {
    return aliases.containsKey(name);
  }
}
