package dev.asyncdb.calcite.pushdown;

import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.store.PushdownSource;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.util.BuiltInMethod;

/**
 * One SQL database behind mapped tables, as one connection's Calcite sees it: a {@link JdbcSchema}
 * (its own {@link JdbcConvention}, so every table of the database shares it and joins between them
 * are pushed too) mounted as a hidden sub-schema of the project schema, where generated code finds
 * its data source.
 */
public final class PushdownDatabase {
  /** Sub-schema names start with this; metadata listings leave them out. */
  public static final String PREFIX = "_pushdown_";

  private final String name;
  private final PushdownSource source;
  private final SessionReads reads;
  private JdbcConvention convention;
  private JdbcSchema mounted;
  /** A JDBC schema per database schema (PostgreSQL schemas), all sharing the one convention and data source. */
  private final java.util.Map<String, JdbcSchema> bySchema = new java.util.HashMap<>();

  public PushdownDatabase(int index, PushdownSource source, SqlSession session, List<String> resources) {
    this.name = PREFIX + index;
    this.source = source;
    this.reads = new SessionReads(session, source, resources);
  }

  public String name() {
    return name;
  }

  public PushdownSource source() {
    return source;
  }

  /**
   * The JDBC schema of a database schema (null: the connection's default), made on first use. The
   * shared convention carries the expression that reaches the data source at run time, which
   * depends on where the project schema is mounted ({@code parentPath}).
   */
  public synchronized JdbcSchema schema(List<String> parentPath, String databaseSchema) {
    SqlDialect dialect = dialect(source.dialect());
    if (convention == null) {
      Expression at = Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET_ROOT_SCHEMA.method);
      for (String p : parentPath) {
        at = Expressions.call(at, BuiltInMethod.SCHEMA_GET_SUB_SCHEMA.method, Expressions.constant(p));
      }
      at = Expressions.call(at, BuiltInMethod.SCHEMA_GET_SUB_SCHEMA.method, Expressions.constant(name));
      convention = new PushdownConvention(dialect, at, name);
      mounted = new JdbcSchema(reads, dialect, convention, null, null);
    }
    return bySchema.computeIfAbsent(String.valueOf(databaseSchema), s -> new JdbcSchema(reads, dialect, convention, null, databaseSchema));
  }

  /** The JDBC schema of a database schema, once {@link #schema(List, String)} mounted the database. */
  public synchronized JdbcSchema schema(String databaseSchema) {
    if (convention == null) {
      throw new IllegalStateException("The pushdown schema " + name + " is not mounted: call AsyncDbSchema.mountPushdown once the schema is in its root.");
    }
    return schema(List.of(), databaseSchema);
  }

  /** The schema generated code reaches the data source through, or null before the first query planned over it. */
  public synchronized JdbcSchema mounted() {
    return mounted;
  }

  private static SqlDialect dialect(String driver) {
    return driver.equals("postgres") ? PostgresqlSqlDialect.DEFAULT : SqliteDialect.INSTANCE;
  }
}
