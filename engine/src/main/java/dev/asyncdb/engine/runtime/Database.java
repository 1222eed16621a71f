package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.ResourceKind;
import dev.asyncdb.engine.source.Names;
import dev.asyncdb.engine.store.ResourceChange;
import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.table.TableVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The running database: resources bound to stores, the committed {@link Snapshot} readers use, and
 * the single write path. Writers are serialized by one lock; readers never take it and never see a
 * half-applied write because a new snapshot is published only after the stores made it durable.
 */
public final class Database {
  private final Map<String, Resource> resources;
  private final Map<String, String> aliases = new HashMap<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile Snapshot snapshot;

  public Database(List<Resource> resources, Snapshot initial) {
    Map<String, Resource> byName = new LinkedHashMap<>();
    for (Resource r : resources) {
      byName.put(r.name(), r);
      for (String alias : Names.aliases(r.name())) {
        aliases.putIfAbsent(alias, r.name());
      }
    }
    this.resources = byName;
    this.snapshot = initial;
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  public List<String> names() {
    return List.copyOf(resources.keySet());
  }

  public Map<String, Resource> resources() {
    return resources;
  }

  /** Resolves a name through exact, camelCase and kebab-case aliases; throws {@code DB_UNKNOWN_RESOURCE}. */
  public Resource resolve(String name) {
    if (name != null) {
      Set<String> tried = new LinkedHashSet<>();
      tried.add(name);
      if (Names.isSafeResourceName(name)) {
        tried.addAll(Names.aliases(name));
      }
      for (String candidate : tried) {
        String real = aliases.get(candidate);
        if (real != null) {
          return resources.get(real);
        }
      }
      throw unknown(name, List.copyOf(tried));
    }
    throw unknown("null", List.of());
  }

  public Resource resolve(String name, ResourceKind kind) {
    Resource r = resolve(name);
    if (r.definition().kind() != kind) {
      throw new DbException("DB_RESOURCE_KIND_MISMATCH", 400,
          "Resource \"" + r.name() + "\" is a " + r.definition().kind().label() + ", not a " + kind.label() + ".",
          r.definition().kind() == ResourceKind.COLLECTION ? "Use db.collection(\"" + r.name() + "\")." : "Use db.document(\"" + r.name() + "\").",
          Map.of("resource", r.name(), "kind", r.definition().kind().label()));
    }
    return r;
  }

  private DbException unknown(String name, List<String> tried) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("resource", name);
    details.put("candidates", tried);
    details.put("available", names());
    String nearest = Suggestions.nearest(name, names());
    return new DbException("DB_UNKNOWN_RESOURCE", 404,
        "Unknown resource \"" + name + "\" (tried " + String.join(", ", tried) + ").",
        nearest != null ? "Did you mean \"" + nearest + "\"? Available: " + String.join(", ", names()) + "."
            : names().isEmpty() ? "The project has no resources; add a file under db/." : "Available resources: " + String.join(", ", names()) + ".",
        details);
  }

  /**
   * Runs a write: the body reads and changes the head state through the {@link WriteTransaction},
   * then the changes are persisted by their stores and published as one new snapshot. If the body
   * or a store fails, nothing is published and index changes are undone.
   */
  public <T> T write(Function<WriteTransaction, T> body) {
    writeLock.lock();
    try {
      Snapshot base = snapshot;
      WriteTransaction tx = new WriteTransaction(this, base);
      T result;
      try {
        result = body.apply(tx);
        persist(tx);
      } catch (RuntimeException e) {
        tx.undo();
        throw e;
      }
      snapshot = tx.publish(base.version() + 1);
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  private void persist(WriteTransaction tx) {
    Map<Store, List<ResourceChange>> byStore = new LinkedHashMap<>();
    for (ResourceChange c : tx.changes()) {
      byStore.computeIfAbsent(resources.get(c.resource().name()).store(), s -> new ArrayList<>()).add(c);
    }
    for (Map.Entry<Store, List<ResourceChange>> e : byStore.entrySet()) {
      try {
        e.getKey().commit(e.getValue());
      } catch (IOException io) {
        throw new DbException("STORE_WRITE_FAILED", 500, "Could not persist changes to " + e.getValue().get(0).resource().name()
            + " in the " + e.getKey().driver() + " store: " + io.getMessage(),
            "Check free disk space and permissions of the project's .db folder; the write was not applied.",
            Map.of("store", e.getKey().driver()), io);
      }
    }
  }

  /** Rows of a collection in the current snapshot. */
  public TableVersion rows(String name) {
    return snapshot.rows(name);
  }
}
