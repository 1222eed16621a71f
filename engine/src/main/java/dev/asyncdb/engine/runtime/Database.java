package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.ResourceKind;
import dev.asyncdb.engine.source.Names;
import dev.asyncdb.engine.store.CommitLog;
import dev.asyncdb.engine.store.Durable;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running database: resources bound to stores, the committed {@link Snapshot} readers use, and
 * the single write path.
 *
 * <p>Writers are serialized by one lock and build on the {@code head} state, which includes writes
 * whose log records are not yet durable. Each writer waits for durability after releasing the lock
 * (so concurrent writers share one fsync) and only then publishes: readers see a write once it is
 * durable, never a half-applied one. Publishing a newer version also publishes every older one,
 * which is safe because the log is sequential: a durable position implies all earlier ones are.
 *
 * <p>A write whose changes reach one persisting store commits there in one phase. A write reaching
 * several (json and a SQL database, two databases, …) goes through {@link MultiStoreCommit}, with
 * the json store's log as the coordinator.
 *
 * <p>Commit listeners hear of every write once it is published (a server streams them to
 * {@code /__db/log}); with none registered a write pays one empty-list check.
 */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private final Map<String, Resource> resources;
  private final Map<String, String> aliases = new HashMap<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile Snapshot snapshot;
  private Snapshot head;
  private volatile DbException failed;
  private final List<Consumer<CommittedWrite>> commitListeners = new CopyOnWriteArrayList<>();
  private final CommitLog log;

  /** A database whose writes spanning stores are coordinated by the first {@link CommitLog} among the resources' stores. */
  public Database(List<Resource> resources, Snapshot initial) {
    this(resources, initial, resources.stream().map(Resource::store).filter(CommitLog.class::isInstance).map(CommitLog.class::cast)
        .findFirst().orElse(null));
  }

  /** @param log the coordinator of writes spanning several stores (the json store's log) */
  public Database(List<Resource> resources, Snapshot initial, CommitLog log) {
    this.log = log;
    Map<String, Resource> byName = new LinkedHashMap<>();
    for (Resource r : resources) {
      byName.put(r.name(), r);
      for (String alias : Names.aliases(r.name())) {
        aliases.putIfAbsent(alias, r.name());
      }
    }
    this.resources = byName;
    this.snapshot = initial;
    this.head = initial;
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
    T result;
    Snapshot mine;
    List<Pending> pending;
    List<ResourceChange> changes;
    writeLock.lock();
    try {
      DbException broken = failed;
      if (broken != null) {
        throw broken;
      }
      Snapshot base = head;
      WriteTransaction tx = new WriteTransaction(this, base);
      try {
        result = body.apply(tx);
        changes = tx.changes();
        pending = persist(changes);
      } catch (RuntimeException e) {
        tx.undo();
        throw e;
      }
      mine = tx.publish(base.version() + 1);
      head = mine;
    } finally {
      writeLock.unlock();
    }
    for (Pending p : pending) {
      try {
        p.durable().await();
      } catch (IOException io) {
        // The change is in the head state but may not be on disk: no later write may build on it.
        failed = new DbException("STORE_WRITE_FAILED", 500, "Could not make a write to " + p.resource() + " durable in the "
            + p.store() + " store: " + io.getMessage() + ". The database refuses further writes.",
            "Check free disk space and permissions of the project's .db folder, then reopen the project: recovery replays every write that reached the log.",
            Map.of("store", p.store(), "resource", p.resource()), io);
        throw failed;
      }
    }
    publish(mine);
    if (!commitListeners.isEmpty() && !changes.isEmpty()) {
      tell(new CommittedWrite(mine.version(), changes));
    }
    return result;
  }

  /**
   * Registers a listener told of every write after it is durable and published, on the writing
   * thread, in commit order per thread (writes of different threads may be told out of order; the
   * version orders them). It must be quick and must not write; what it throws is logged, never
   * given to the writer, whose write has succeeded.
   */
  public void addCommitListener(Consumer<CommittedWrite> listener) {
    commitListeners.add(listener);
  }

  public void removeCommitListener(Consumer<CommittedWrite> listener) {
    commitListeners.remove(listener);
  }

  private void tell(CommittedWrite write) {
    for (Consumer<CommittedWrite> l : commitListeners) {
      try {
        l.accept(write);
      } catch (RuntimeException e) {
        LOG.warn("A commit listener failed on write version {}: {}", write.version(), e.toString(), e);
      }
    }
  }

  /** Makes {@code next} the readers' snapshot unless a newer one is already published. */
  private void publish(Snapshot next) {
    synchronized (publishLock) {
      if (next.version() > snapshot.version()) {
        snapshot = next;
      }
    }
  }

  private final Object publishLock = new Object();

  /** A store's durability wait for one write. */
  private record Pending(String store, String resource, Durable durable) {}

  private List<Pending> persist(List<ResourceChange> changes) {
    Map<Store, List<ResourceChange>> byStore = new LinkedHashMap<>();
    for (ResourceChange c : changes) {
      byStore.computeIfAbsent(resources.get(c.resource().name()).store(), s -> new ArrayList<>()).add(c);
    }
    forgetTrimmedCommits(byStore.keySet());
    if (byStore.keySet().stream().filter(Store::persists).count() > 1) {
      if (log == null) {
        throw new IllegalStateException("a write spanning several stores needs the json store's log to coordinate it");
      }
      new MultiStoreCommit(log, broken -> failed = broken).run(byStore);
      return List.of();
    }
    List<Pending> pending = new ArrayList<>(byStore.size());
    for (Map.Entry<Store, List<ResourceChange>> e : byStore.entrySet()) {
      String first = e.getValue().get(0).resource().name();
      try {
        pending.add(new Pending(e.getKey().driver(), first, e.getKey().commit(e.getValue())));
      } catch (IOException io) {
        throw new DbException("STORE_WRITE_FAILED", 500, "Could not persist changes to " + first
            + " in the " + e.getKey().driver() + " store: " + io.getMessage(),
            e.getKey().driver().equals("json") ? "Check free disk space and permissions of the project's .db folder; the write was not applied."
                : "Check the " + e.getKey().driver() + " store's database (reachable, writable, rows as expected); the write was not applied.",
            Map.of("store", e.getKey().driver()), io);
      }
    }
    return pending;
  }

  /**
   * Deletes commit markers the log no longer refers to from the stores this write goes to (their
   * connection is free: every earlier write ended its transaction). A failure leaves markers
   * behind, which costs a row each and nothing else.
   */
  private void forgetTrimmedCommits(Set<Store> stores) {
    if (log == null) {
      return;
    }
    for (Store s : stores) {
      if (s.marksCommits()) {
        List<String> ids = log.takeTrimmedCommits(s.alias());
        if (!ids.isEmpty()) {
          try {
            s.forgetCommits(ids);
          } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete {} commit marker(s) in store {}: {}", ids.size(), s.alias(), e.toString());
          }
        }
      }
    }
  }

  /**
   * Applies writes recovered from a log at open, before any reader or writer runs: the body
   * changes the state through the transaction and nothing is persisted again.
   */
  public void replay(java.util.function.Consumer<WriteTransaction> body) {
    writeLock.lock();
    try {
      WriteTransaction tx = new WriteTransaction(this, head);
      body.accept(tx);
      head = tx.publish(head.version() + 1);
      snapshot = head;
    } finally {
      writeLock.unlock();
    }
  }

  /** Rows of a collection in the current snapshot. */
  public TableVersion rows(String name) {
    return snapshot.rows(name);
  }
}
