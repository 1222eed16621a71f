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
import java.util.ServiceLoader;

/**
 * Resolves store bindings ({@code resources.<name>.store}, else {@code stores.default}, else
 * {@code json}) through the aliases of {@code stores.<alias>} to one store instance per built-in
 * driver, and one per alias for drivers of a {@link StoreProvider} (each alias has its own file or
 * server).
 */
public final class StoreRegistry implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoreRegistry.class);
  private static final List<String> DRIVERS = List.of("json", "memory", "static", "sourceFile");

  private final DbConfig config;
  private final Map<String, Store> byDriver = new LinkedHashMap<>();
  private final Map<String, StoreProvider> providers = new LinkedHashMap<>();
  private final Map<String, Store> byAlias = new LinkedHashMap<>();
  private final Path projectRoot;

  public StoreRegistry(DbConfig config, Path projectRoot, Path stateDir, SourceMetadata metadata) {
    this.config = config;
    this.projectRoot = projectRoot;
    for (StoreProvider p : ServiceLoader.load(StoreProvider.class, StoreRegistry.class.getClassLoader())) {
      providers.putIfAbsent(p.driver(), p);
    }
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
  public synchronized Store resolve(String binding) {
    String name = binding;
    List<String> seen = new ArrayList<>();
    while (!DRIVERS.contains(name)) {
      if (providers.containsKey(name)) {
        return provided(name, name, config.get("stores." + name));
      }
      if (seen.contains(name)) {
        throw new DbException("STORE_NOT_FOUND", 500, "Store alias \"" + binding + "\" refers to itself through " + seen + ".",
            "Point the alias at a driver: json, memory, static or sourceFile.", Map.of("store", binding));
      }
      seen.add(name);
      Object def = config.get("stores." + name);
      if (def instanceof String alias) {
        name = alias;
      } else if (def instanceof Map<?, ?> m && m.get("driver") instanceof String driver) {
        if (providers.containsKey(driver)) {
          return provided(driver, name, def);
        }
        if (!DRIVERS.contains(driver)) {
          throw new DbException("STORE_DRIVER_NOT_FOUND", 500, "Store \"" + name + "\" uses driver \"" + driver + "\", which is not available.",
              "Use one of the drivers: " + String.join(", ", drivers()) + (driver.equals("sqlite") || driver.equals("postgres")
                  ? " (the sqlite and postgres drivers come with dev.asyncdb:asyncdb-sql-stores on the class path)." : "."),
              Map.of("store", name, "driver", driver));
        }
        name = driver;
      } else {
        throw new DbException("STORE_NOT_FOUND", 500, "No store named \"" + binding + "\" is configured.",
            "Define it under \"stores\" in db.config.json or use one of: " + String.join(", ", drivers()) + ".",
            Map.of("store", binding, "available", drivers()));
      }
    }
    return byDriver.get(name);
  }

  private List<String> drivers() {
    List<String> all = new ArrayList<>(DRIVERS);
    all.addAll(providers.keySet());
    return all;
  }

  @SuppressWarnings("unchecked")
  private Store provided(String driver, String alias, Object def) {
    Store open = byAlias.get(alias);
    if (open == null) {
      Map<String, Object> options = def instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      open = providers.get(driver).open(new StoreContext(alias, options, projectRoot));
      byAlias.put(alias, open);
    }
    return open;
  }

  /**
   * Opens every configured alias of a provider driver that maps tables ({@code stores.<alias>.tables}),
   * whether or not a binding names it: their resources exist because the config declares them.
   */
  public synchronized List<Store> declaring() {
    List<Store> out = new ArrayList<>();
    if (config.get("stores") instanceof Map<?, ?> all) {
      for (Map.Entry<?, ?> e : all.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> def && def.get("tables") != null && e.getKey() instanceof String alias) {
          out.add(resolve(alias));
        }
      }
    }
    return out;
  }

  /**
   * The store of an alias, or null when no such alias is configured (any more); other failures,
   * such as an unreachable server, are thrown.
   */
  public Store configured(String alias) {
    try {
      return resolve(alias);
    } catch (DbException e) {
      if (e.code().equals("STORE_NOT_FOUND") || e.code().equals("STORE_DRIVER_NOT_FOUND")) {
        return null;
      }
      throw e;
    }
  }

  /** The stores opened through providers so far, by alias. */
  public synchronized Map<String, Store> provided() {
    return Map.copyOf(byAlias);
  }

  /** After the json store closed (and checkpointed its whole log), no record refers to the markers it hands back. */
  private void forgetTrimmedCommits(Store s) {
    List<String> ids = json().takeTrimmedCommits(s.alias());
    if (!ids.isEmpty() && s.marksCommits()) {
      try {
        s.forgetCommits(ids);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Could not delete {} commit marker(s) in store {} on close: {}", ids.size(), s.alias(), e.toString());
      }
    }
  }

  /**
   * Closes every store; the first failure is thrown once all were tried, so one unreachable
   * server does not leave the others open.
   */
  @Override
  public void close() throws IOException {
    IOException first = null;
    List<Store> all = new ArrayList<>(byDriver.values());
    all.addAll(byAlias.values());
    for (Store s : all) {
      if (s != json()) {
        forgetTrimmedCommits(s);
      }
      try {
        s.close();
      } catch (IOException | RuntimeException e) {
        if (first == null) {
          first = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
