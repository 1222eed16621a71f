package dev.asyncdb.stores;

import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.store.StoreContext;
import dev.asyncdb.engine.store.StoreProvider;
import dev.asyncdb.stores.commit.CommitMarkers;
import dev.asyncdb.stores.envelope.EnvelopeStore;
import dev.asyncdb.stores.envelope.EnvelopeTables;
import dev.asyncdb.stores.table.TableMapping;
import dev.asyncdb.stores.table.TableStore;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code sqlite} driver: {@code {"driver": "sqlite", "file": "./data/app.sqlite"}} keeps
 * envelopes; with {@code "tables": {...}} it also maps existing tables of that file to resources.
 */
public final class SqliteStoreProvider implements StoreProvider {
  @Override
  public String driver() {
    return "sqlite";
  }

  @Override
  public Store open(StoreContext context) {
    StoreOptions options = new StoreOptions(context);
    String file = options.required("file", "Name the SQLite file, e.g. \"stores\": {\"" + context.alias()
        + "\": {\"driver\": \"sqlite\", \"file\": \"./data/app.sqlite\"}}; relative paths start at the project folder.");
    long checkpoint = options.positive("checkpointChanges", EnvelopeStore.DEFAULT_CHECKPOINT_CHANGES);
    Path path = context.projectRoot().resolve(file).normalize();
    if (context.options().get("tables") != null) {
      // Mapped tables must already exist: a missing file is a mistake, not a new database.
      List<TableMapping> mappings = TableMapping.parse(context, null);
      return new TableStore("sqlite", context.alias(), "SQLite file " + path, Connections.sqlite(context.alias(), path, false),
          () -> Connections.sqlite(context.alias(), path, false), mappings,
          shared -> new EnvelopeStore("sqlite", context.alias(), shared, EnvelopeTables.sqlite(path.toString()), CommitMarkers.sqlite(), checkpoint),
          CommitMarkers.sqlite());
    }
    return new EnvelopeStore("sqlite", context.alias(), Connections.sqlite(context.alias(), path, true), EnvelopeTables.sqlite(path.toString()),
        CommitMarkers.sqlite(), checkpoint);
  }
}
