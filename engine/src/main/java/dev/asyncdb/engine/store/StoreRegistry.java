package dev.asyncdb.engine.store;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.config.DbConfig;
import dev.asyncdb.engine.store.wal.Durability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves store bindings ({@code resources.<name>.store}, else {@code stores.default}, else
 * {@code json}) through the aliases of {@code stores.<alias>} to one store instance per driver.
 */
public final class StoreRegistry implements AutoCloseable {
  private static final List<String> DRIVERS = List.of("json", "memory", "static", "sourceFile");

  private final DbConfig config;
  private final Map<String, Store> byDriver = new LinkedHashMap<>();

  public StoreRegistry(DbConfig config, Path projectRoot, Path stateDir, SourceMetadata metadata) {
    this.config = config;
    Object checkpointBytes = config.get("stores.json.checkpointBytes");
    byDriver.put("json", new JsonStore(projectRoot, stateDir, metadata,
        Durability.parse(config.get("stores.json.durability"), "stores.json.durability"),
        checkpointBytes instanceof Number n && n.longValue() > 0 ? n.longValue() : JsonStore.DEFAULT_CHECKPOINT_BYTES));
    byDriver.put("memory", SeedStore.memory());
    byDriver.put("static", SeedStore.readOnly());
    byDriver.put("sourceFile", new SourceFileStore(projectRoot));
  }

  /** The json store (write-ahead log, checkpoints, recovery). */
  public JsonStore json() {
    return (JsonStore) byDriver.get("json");
  }

  /** The store for a binding name; throws {@code STORE_NOT_FOUND} / {@code STORE_DRIVER_NOT_FOUND}. */
  public Store resolve(String binding) {
    String name = binding;
    List<String> seen = new ArrayList<>();
    while (!DRIVERS.contains(name)) {
      if (seen.contains(name)) {
        throw new DbException("STORE_NOT_FOUND", 500, "Store alias \"" + binding + "\" refers to itself through " + seen + ".",
            "Point the alias at a driver: json, memory, static or sourceFile.", Map.of("store", binding));
      }
      seen.add(name);
      Object def = config.get("stores." + name);
      if (def instanceof String alias) {
        name = alias;
      } else if (def instanceof Map<?, ?> m && m.get("driver") instanceof String driver) {
        if (!DRIVERS.contains(driver)) {
          throw new DbException("STORE_DRIVER_NOT_FOUND", 500, "Store \"" + name + "\" uses driver \"" + driver + "\", which is not available.",
              "Use one of the drivers: " + String.join(", ", DRIVERS) + ".", Map.of("store", name, "driver", driver));
        }
        name = driver;
      } else {
        throw new DbException("STORE_NOT_FOUND", 500, "No store named \"" + binding + "\" is configured.",
            "Define it under \"stores\" in db.config.json or use one of: " + String.join(", ", DRIVERS) + ".",
            Map.of("store", binding, "available", DRIVERS));
      }
    }
    return byDriver.get(name);
  }

  @Override
  public void close() throws IOException {
    for (Store s : byDriver.values()) {
      s.close();
    }
  }
}
