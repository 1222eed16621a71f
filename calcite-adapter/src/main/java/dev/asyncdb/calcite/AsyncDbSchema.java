package dev.asyncdb.calcite;

import dev.asyncdb.calcite.modify.ResourceModifyRule;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.calcite.pushdown.MappedTable;
import dev.asyncdb.calcite.pushdown.PushdownDatabase;
import dev.asyncdb.engine.store.PushdownSource;
import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.source.Names;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * The resources of one open project as the tables of a Calcite schema, for one connection: its
 * tables read and write through that connection's {@link SqlSession}.
 */
public final class AsyncDbSchema extends AbstractSchema {
  /** SQL functions of every project schema. */
  private static final Multimap<String, Function> FUNCTIONS =
      ImmutableMultimap.of(EtagFunction.NAME, ScalarFunctionImpl.create(EtagFunction.class, "etag"));
  private final AsyncDb db;
  private final SqlSession session;
  private final Map<String, Table> tables;
  private final Map<String, String> aliases;
  /** The SQL databases behind mapped tables, by {@link PushdownSource#databaseId()}. */
  private final Map<String, PushdownDatabase> databases;

  public AsyncDbSchema(AsyncDb db) {
    this(new SqlSession(db));
  }

  public AsyncDbSchema(SqlSession session) {
    ResourceModifyRule.install();
    this.session = session;
    this.db = session.db();
    Map<String, Table> map = new LinkedHashMap<>();
    this.databases = pushdownDatabases(session);
    for (String name : db.resourceNames()) {
      ResourceSchema schema = db.schema(name);
      PushdownSource source = schema.isCollection() ? pushdownSource(db, name) : null;
      if (source != null) {
        map.put(name, new MappedTable(session, schema, databases.get(source.databaseId()), source.mappedTable(name)));
      } else {
        map.put(name, schema.isCollection() ? new CollectionTable(session, schema, session.cancelFlag()) : new DocumentTable(session, schema));
      }
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

  /** One {@link PushdownDatabase} per SQL database that holds mapped tables of the project. */
  private static Map<String, PushdownDatabase> pushdownDatabases(SqlSession session) {
    Map<String, PushdownSource> sources = new LinkedHashMap<>();
    Map<String, java.util.List<String>> resources = new LinkedHashMap<>();
    for (String name : session.db().resourceNames()) {
      PushdownSource source = pushdownSource(session.db(), name);
      if (source != null) {
        sources.putIfAbsent(source.databaseId(), source);
        resources.computeIfAbsent(source.databaseId(), k -> new java.util.ArrayList<>()).add(name);
      }
    }
    Map<String, PushdownDatabase> out = new LinkedHashMap<>();
    sources.forEach((id, source) -> out.put(id, new PushdownDatabase(out.size(), source, session, java.util.List.copyOf(resources.get(id)))));
    return Map.copyOf(out);
  }

  /** The store of a collection when it is a mapped table SQL can read in its database, else null. */
  private static PushdownSource pushdownSource(AsyncDb db, String name) {
    Store store = db.database().resolve(name).store();
    return store instanceof PushdownSource p && p.mappedTable(name) != null ? p : null;
  }

  /**
   * Mounts the JDBC schema of each database behind mapped tables under this schema, where the code
   * Calcite generates for a pushed-down query finds its data source. Call once this schema is in
   * its root ({@code self} is its {@link SchemaPlus}); until then mapped tables cannot be queried.
   */
  public void mountPushdown(SchemaPlus self) {
    java.util.List<String> path = new java.util.ArrayList<>();
    for (SchemaPlus s = self; s != null && s.getParentSchema() != null; s = s.getParentSchema()) {
      path.add(0, s.getName());
    }
    for (PushdownDatabase d : databases.values()) {
      self.add(d.name(), d.schema(path, null));
    }
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

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return FUNCTIONS;
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
