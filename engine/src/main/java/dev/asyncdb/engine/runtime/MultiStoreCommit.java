package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.store.CommitLog;
import dev.asyncdb.engine.store.Prepared;
import dev.asyncdb.engine.store.ResourceChange;
import dev.asyncdb.engine.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit of one write whose changes reach several persisting stores, all or nothing:
 *
 * <ol>
 *   <li>every store prepares its part ({@link Store#prepare}): SQL stores run their statements
 *       and insert a commit marker in a transaction they leave open. Any failure rolls back every
 *       prepared part: nothing anywhere changed.
 *   <li>the json store's write-ahead log records the write — its own changes, the commit id and
 *       the stores that mark commits — and the record is made durable ({@link CommitLog#logCommit}).
 *   <li>the first store that marks commits (by alias) commits: that is the decision. Recovery
 *       replays the log record only if this store has the marker, so a crash before or during this
 *       commit leaves the write nowhere. Without such a store the log record is the decision.
 *   <li>the other stores commit, in alias order. Neither SQLite nor PostgreSQL (without
 *       {@code max_prepared_transactions}) can keep a prepared transaction across a crash, so a
 *       crash or failure between the decision and these commits leaves the write in the stores
 *       that committed and not in the others; it is reported, here and by recovery.
 * </ol>
 *
 * Failures after the log record leave the outcome to recovery: the running database refuses
 * further writes until the project is reopened (through {@code fail}), as for a failed fsync.
 */
final class MultiStoreCommit {
  private static final Logger LOG = LoggerFactory.getLogger(MultiStoreCommit.class);

  private final CommitLog log;
  private final Consumer<DbException> fail;
  private final String id = UUID.randomUUID().toString();

  /** One store's part of the write. */
  private record Part(Store store, List<ResourceChange> changes) {
    String resources() {
      List<String> names = new ArrayList<>();
      changes.forEach(c -> names.add(c.resource().name()));
      return String.join(", ", names);
    }

    String label() {
      return "store \"" + store.alias() + "\" (" + store.driver() + ")";
    }
  }

  MultiStoreCommit(CommitLog log, Consumer<DbException> fail) {
    this.log = log;
    this.fail = fail;
  }

  /** Commits the write; throws a {@link DbException} naming the store when it does not. */
  void run(Map<Store, List<ResourceChange>> byStore) {
    List<ResourceChange> logged = List.of();
    List<Part> deciding = new ArrayList<>();
    List<Part> others = new ArrayList<>();
    List<Part> volatileParts = new ArrayList<>();
    for (Map.Entry<Store, List<ResourceChange>> e : byStore.entrySet()) {
      Part part = new Part(e.getKey(), e.getValue());
      if (e.getKey() == log) {
        logged = e.getValue();
      } else if (!e.getKey().persists()) {
        volatileParts.add(part);
      } else if (e.getKey().marksCommits()) {
        deciding.add(part);
      } else {
        others.add(part);
      }
    }
    deciding.sort(Comparator.comparing(p -> p.store().alias()));
    List<Part> inOrder = new ArrayList<>(deciding);
    inOrder.addAll(others);
    List<String> waitsFor = new ArrayList<>();
    deciding.forEach(p -> waitsFor.add(p.store().alias()));

    Map<Part, Prepared> prepared = new LinkedHashMap<>();
    for (Part p : inOrder) {
      try {
        prepared.put(p, p.store().prepare(p.changes(), id));
      } catch (IOException | RuntimeException e) {
        rollback(prepared);
        if (e instanceof DbException refused) {
          // The store's own refusal (e.g. STORE_SOURCE_NOT_WRITABLE) already says what and where.
          throw refused;
        }
        throw new DbException("STORE_WRITE_FAILED", 500, "Could not persist changes to " + p.resources() + " in " + p.label() + ": "
            + e.getMessage() + ". The write spans " + stores(byStore) + "; nothing of it was applied in any of them.",
            "Check the " + p.store().alias() + " store's database (reachable, writable, tables and constraints as the resources expect); "
                + "the write was not applied.",
            details(p), e);
      }
    }

    Prepared record;
    try {
      record = log.logCommit(logged, id, waitsFor);
    } catch (IOException | RuntimeException e) {
      rollback(prepared);
      DbException failed = new DbException("STORE_WRITE_FAILED", 500, "Could not log write " + id + " (spanning " + stores(byStore)
          + ") in the json store's write-ahead log: " + e.getMessage() + ". The other stores rolled back their part; the database refuses further writes.",
          "Check free disk space and permissions of the project's .db folder, then reopen the project; the write was not applied.",
          Map.of("store", "json", "commitId", id), e);
      fail.accept(failed);
      throw failed;
    }
    CrashPoints.beforeDecision();

    List<Part> committed = new ArrayList<>();
    if (!deciding.isEmpty()) {
      Part decision = deciding.get(0);
      try {
        prepared.remove(decision).commit();
      } catch (IOException | RuntimeException e) {
        rollback(prepared);
        settle(record, false);
        DbException failed = new DbException("STORE_WRITE_FAILED", 500, "The commit of " + decision.label() + " failed for write " + id
            + " (spanning " + stores(byStore) + "): " + e.getMessage() + ". Whether " + decision.store().alias()
            + " kept it is decided when the project is reopened: the write-ahead log keeps the write, and recovery replays it only if "
            + decision.store().alias() + " has its commit marker. The database refuses further writes until then.",
            "Fix the cause (database reachable, disk space), then reopen the project; recovery reports what it decided (WAL_RECOVERY).",
            details(decision), e);
        fail.accept(failed);
        throw failed;
      }
      committed.add(decision);
    }
    // Decided: the json changes take effect, whatever happens to the stores below.
    settle(record, true);

    List<String> missing = new ArrayList<>();
    Exception firstCause = null;
    for (Map.Entry<Part, Prepared> e : prepared.entrySet()) {
      try {
        e.getValue().commit();
        committed.add(e.getKey());
      } catch (IOException | RuntimeException ex) {
        missing.add(e.getKey().label() + " (" + e.getKey().resources() + "): " + ex.getMessage());
        firstCause = firstCause == null ? ex : firstCause;
      }
    }
    if (!missing.isEmpty()) {
      // Recovery checks every store's marker of this write again at reopen and reports the ones lacking it.
      log.keepForRecovery(id);
      List<String> have = new ArrayList<>();
      if (!logged.isEmpty()) {
        have.add("json");
      }
      committed.forEach(p -> have.add(p.store().alias()));
      DbException failed = new DbException("STORE_WRITE_INCOMPLETE", 500, "Write " + id + " committed in " + String.join(", ", have)
          + " but not in " + String.join("; ", missing) + ". The stores now disagree about this write; the database refuses further writes.",
          "Reopen the project (recovery shows the write as the committed stores hold it and reports the stores that lack it) and repair the named resources there. "
              + "Keep resources written together in one database to rule this out (docs/user-guide.md, Writes across stores).",
          Map.of("commitId", id, "committed", have, "missing", missing), firstCause);
      fail.accept(failed);
      throw failed;
    }
    for (Part p : volatileParts) {
      try {
        p.store().commit(p.changes()).await();
      } catch (IOException e) {
        // Volatile stores keep nothing beyond the process; their commit has nothing that can fail.
        LOG.warn("The {} store reported a failure for write {}: {}", p.store().driver(), id, e.toString());
      }
    }
  }

  /** Ends the log's part; the json store does that in memory, so it does not fail. */
  private void settle(Prepared record, boolean commit) {
    try {
      if (commit) {
        record.commit();
      } else {
        record.rollback();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("the json store could not settle write " + id, e);
    }
  }

  private void rollback(Map<Part, Prepared> prepared) {
    for (Map.Entry<Part, Prepared> e : prepared.entrySet()) {
      try {
        e.getValue().rollback();
      } catch (IOException | RuntimeException ex) {
        // An open transaction that cannot be rolled back ends with its connection; its marker was never committed.
        LOG.warn("Rolling back write {} in {} failed: {}", id, e.getKey().label(), ex.toString());
      }
    }
    prepared.clear();
  }

  private static String stores(Map<Store, List<ResourceChange>> byStore) {
    List<String> names = new ArrayList<>();
    byStore.keySet().forEach(s -> names.add(s.alias()));
    return "stores " + String.join(", ", names);
  }

  private Map<String, Object> details(Part p) {
    return Map.of("store", p.store().alias(), "driver", p.store().driver(), "resources", p.resources(), "commitId", id);
  }
}
