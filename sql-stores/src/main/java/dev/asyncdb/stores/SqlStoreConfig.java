package dev.asyncdb.stores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java form of a {@code stores.<alias>} entry for the sqlite and postgres drivers — the
 * equivalent of the reference's {@code openSqliteDb({file, tables})} / {@code openPostgresDb({tables})}:
 *
 * <pre>{@code
 * AsyncDb.open(OpenOptions.builder(project).config(SqlStoreConfig.sqlite("./data/app.sqlite")
 *     .table("users", SqlStoreConfig.table("app_users").column("id", "user_id").primaryKey("id"))
 *     .asConfig("app")).build());
 * }</pre>
 *
 * It builds the same map {@code db.config.json} holds, so both paths are validated by one parser.
 */
public final class SqlStoreConfig {
  private final Map<String, Object> options = new LinkedHashMap<>();
  private final Map<String, Object> tables = new LinkedHashMap<>();

  private SqlStoreConfig(String driver) {
    options.put("driver", driver);
  }

  /** A SQLite file; relative paths start at the project folder. */
  public static SqlStoreConfig sqlite(String file) {
    SqlStoreConfig c = new SqlStoreConfig("sqlite");
    c.options.put("file", file);
    return c;
  }

  /** A PostgreSQL server by JDBC URL. */
  public static SqlStoreConfig postgres(String url) {
    SqlStoreConfig c = new SqlStoreConfig("postgres");
    c.options.put("url", url);
    return c;
  }

  /** The PostgreSQL schema of envelopes and of tables without their own (default public). */
  public SqlStoreConfig schema(String schema) {
    options.put("schema", schema);
    return this;
  }

  /** The PostgreSQL envelope namespace (default "default"). */
  public SqlStoreConfig namespace(String namespace) {
    options.put("namespace", namespace);
    return this;
  }

  /** Maps an existing table to the resource {@code resource}. */
  public SqlStoreConfig table(String resource, Table table) {
    tables.put(resource, table.options);
    return this;
  }

  /** The store's options, as under {@code stores.<alias>}. */
  public Map<String, Object> options() {
    Map<String, Object> m = new LinkedHashMap<>(options);
    if (!tables.isEmpty()) {
      m.put("tables", new LinkedHashMap<>(tables));
    }
    return m;
  }

  /** {@code {"stores": {alias: options}}}, for {@code OpenOptions.Builder.config}. */
  public Map<String, Object> asConfig(String alias) {
    return Map.of("stores", Map.of(alias, options()));
  }

  /** Like {@link #asConfig} and also the default store of every resource from {@code db/}. */
  public Map<String, Object> asDefault(String alias) {
    return Map.of("stores", Map.of(alias, options(), "default", alias));
  }

  public static Table table(String name) {
    return new Table(name);
  }

  /** One table mapping: {@code table}, {@code schema}, {@code columns}, {@code primaryKey}, {@code readOnly}. */
  public static final class Table {
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final Map<String, String> columns = new LinkedHashMap<>();

    private Table(String name) {
      options.put("table", name);
      options.put("columns", columns);
    }

    public Table schema(String schema) {
      options.put("schema", schema);
      return this;
    }

    /** Stores field {@code field} in column {@code column}. */
    public Table column(String field, String column) {
      columns.put(field, column);
      return this;
    }

    /** The key field, or the fields of a compound key. */
    public Table primaryKey(String... fields) {
      options.put("primaryKey", fields.length == 1 ? fields[0] : new ArrayList<>(List.of(fields)));
      return this;
    }

    public Table readOnly() {
      options.put("readOnly", true);
      return this;
    }
  }
}
