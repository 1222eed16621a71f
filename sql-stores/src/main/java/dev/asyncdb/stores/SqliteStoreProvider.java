package dev.asyncdb.stores;

import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.store.StoreContext;
import dev.asyncdb.engine.store.StoreProvider;
import dev.asyncdb.stores.envelope.EnvelopeStore;
import dev.asyncdb.stores.envelope.EnvelopeTables;
import java.nio.file.Path;

/** The {@code sqlite} driver: {@code {"driver": "sqlite", "file": "./data/app.sqlite"}}. */
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
    return new EnvelopeStore("sqlite", Connections.sqlite(context.alias(), path, true), EnvelopeTables.sqlite(path.toString()), checkpoint);
  }
}
