package dev.asyncdb.stores;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.store.StoreContext;
import dev.asyncdb.engine.store.StoreProvider;
import dev.asyncdb.stores.commit.CommitMarkers;
import dev.asyncdb.stores.envelope.EnvelopeStore;
import dev.asyncdb.stores.envelope.EnvelopeTables;
import dev.asyncdb.stores.table.TableMapping;
import dev.asyncdb.stores.table.TableStore;
import java.util.List;
import java.util.Map;

/**
 * The {@code postgres} driver: {@code {"driver": "postgres", "url": "jdbc:postgresql://…"}} or
 * {@code "urlEnv": "DATABASE_URL"} (keeps credentials out of db.config.json), with optional
 * {@code schema} (public), {@code table} (_async_db_resources) and {@code namespace} (default).
 */
public final class PostgresStoreProvider implements StoreProvider {
  @Override
  public String driver() {
    return "postgres";
  }

  @Override
  public Store open(StoreContext context) {
    StoreOptions options = new StoreOptions(context);
    String url = url(options);
    String schema = options.string("schema", "public");
    String table = options.string("table", "_async_db_resources");
    String namespace = options.string("namespace", "default");
    long checkpoint = options.positive("checkpointChanges", EnvelopeStore.DEFAULT_CHECKPOINT_CHANGES);
    if (context.options().get("tables") != null) {
      List<TableMapping> mappings = TableMapping.parse(context, schema);
      return new TableStore("postgres", context.alias(), "PostgreSQL " + Connections.redact(url), Connections.postgres(context.alias(), url),
          () -> Connections.postgres(context.alias(), url), mappings,
          shared -> new EnvelopeStore("postgres", context.alias(), shared,
              EnvelopeTables.postgres(Connections.redact(url), schema, table, namespace), CommitMarkers.postgres(schema), checkpoint),
          CommitMarkers.postgres(schema));
    }
    return new EnvelopeStore("postgres", context.alias(), Connections.postgres(context.alias(), url),
        EnvelopeTables.postgres(Connections.redact(url), schema, table, namespace), CommitMarkers.postgres(schema), checkpoint);
  }

  /** The JDBC URL from {@code url}, else from the environment variable named by {@code urlEnv}. */
  static String url(StoreOptions options) {
    StoreContext context = options.context();
    String env = options.string("urlEnv", null);
    if (env != null) {
      String value = System.getenv(env);
      if (value == null || value.isBlank()) {
        throw new DbException("STORE_OPTION_MISSING", 500,
            "Store \"" + context.alias() + "\" reads its URL from environment variable " + env + " (" + context.where("urlEnv") + "), which is not set.",
            "Set " + env + " to a JDBC URL such as jdbc:postgresql://localhost:5432/app?user=app.",
            Map.of("store", context.alias(), "option", "urlEnv", "variable", env));
      }
      return value;
    }
    return options.required("url", "Give the server as \"url\": \"jdbc:postgresql://host:5432/database?user=...\" or name an environment variable holding it with \"urlEnv\".");
  }
}
