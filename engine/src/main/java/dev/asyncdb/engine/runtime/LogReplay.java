package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.store.JsonStore;
import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.store.wal.WalEntry;
import dev.asyncdb.engine.store.wal.WalRecord;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Crash recovery at open: the json store's log is read, the writes that apply are replayed onto the
 * hydrated state in log order, and (when opening for writing) the touched resources are
 * checkpointed before this process starts its own log. Read-only opens replay in memory only.
 *
 * <p>A logged write that spans several stores is replayed only if its deciding store has the
 * commit marker ({@link MultiStoreCommit}); otherwise it never committed anywhere and is dropped.
 * Once the log is checkpointed, the markers of the writes it held are deleted.
 */
public final class LogReplay {
  private LogReplay() {}

  /**
   * @param stores the store of a {@code stores} alias, or null when the alias is no longer configured
   */
  public static void replay(Database db, JsonStore store, Map<String, ResourceDefinition> resources, boolean writable,
      List<Diagnostic> diagnostics, Function<String, Store> stores) throws IOException {
    JsonStore.Recovery recovery = store.recover(resources);
    List<WalRecord> decided = new ArrayList<>();
    Map<Store, List<String>> markers = new LinkedHashMap<>();
    for (WalRecord write : recovery.writes()) {
      if (write.commitId() == null || committed(write, stores, markers, diagnostics)) {
        decided.add(write);
      }
    }
    Map<String, ResourceDefinition> touched = new LinkedHashMap<>();
    int replayed = 0;
    for (WalRecord write : decided) {
      replayed += write.entries().isEmpty() ? 0 : 1;
    }
    if (replayed > 0) {
      db.replay(tx -> {
        for (WalRecord write : decided) {
          for (WalEntry e : write.entries()) {
            apply(tx, db.resources().get(e.resource()), e);
            touched.put(e.resource(), resources.get(e.resource()));
          }
        }
      });
    }
    for (String note : recovery.notes()) {
      diagnostics.add(Diagnostic.warn("WAL_RECOVERY", null, null, "Write-ahead log: " + note + ".",
          "Nothing acknowledged is lost: a torn record is a write that never completed. Discarded log files are kept as *.wal.discarded under .db/wal/."));
    }
    if (replayed > 0) {
      diagnostics.add(Diagnostic.info("WAL_REPLAYED", null, null, "Replayed " + replayed + " logged write(s) into " + String.join(", ", touched.keySet()) + ".", null));
    }
    if (writable) {
      Snapshot s = db.snapshot();
      Map<String, Object> state = new HashMap<>();
      for (String name : touched.keySet()) {
        Object rows = s.rows(name);
        state.put(name, rows != null ? rows : s.document(name));
      }
      store.startLog(recovery, touched, state);
      // The log is checkpointed and deleted: no record refers to these markers any more.
      markers.forEach((s2, ids) -> forget(s2, ids, diagnostics));
    }
  }

  /**
   * Whether a write spanning stores committed: its deciding store (the first it waits for) has the
   * marker. Stores after it that lack the marker are reported: the write is in some stores only.
   */
  private static boolean committed(WalRecord write, Function<String, Store> stores, Map<Store, List<String>> markers, List<Diagnostic> diagnostics) {
    if (write.waitsFor().isEmpty()) {
      return true;
    }
    Set<String> resources = new LinkedHashSet<>();
    write.entries().forEach(e -> resources.add(e.resource()));
    String what = "Write " + write.commitId() + (resources.isEmpty() ? "" : " (" + write.entries().size() + " change(s) of " + String.join(", ", resources) + ")");
    boolean decided = false;
    for (int i = 0; i < write.waitsFor().size(); i++) {
      String alias = write.waitsFor().get(i);
      Store s = stores.apply(alias);
      if (s == null) {
        diagnostics.add(Diagnostic.warn("WAL_RECOVERY", null, null, what + " spans store \"" + alias + "\", which is no longer configured, so "
            + (i == 0 ? "whether it committed cannot be checked: it was not replayed." : "whether that store has its part cannot be checked."),
            "Restore stores." + alias + " in db.config.json before reopening to let recovery check it."));
        if (i == 0) {
          return false;
        }
        continue;
      }
      markers.computeIfAbsent(s, k -> new ArrayList<>()).add(write.commitId());
      boolean has;
      try {
        has = s.committed(write.commitId());
      } catch (IOException | RuntimeException e) {
        throw new DbException("STORE_READ_FAILED", 503, "Recovery could not check whether write " + write.commitId() + " committed in store \""
            + alias + "\" (" + s.driver() + "): " + e.getMessage() + ". The write-ahead log is kept as it is.",
            "Make the " + alias + " store's database reachable and reopen the project: recovery needs its commit markers to decide logged writes.",
            Map.of("store", alias, "commitId", write.commitId()), e);
      }
      if (i == 0 && !has) {
        diagnostics.add(Diagnostic.warn("WAL_RECOVERY", null, null, what + " was not replayed: it never committed in store \"" + alias
            + "\" (no commit marker), so no store kept it.",
            "Nothing acknowledged is lost: the process stopped, or the commit of " + alias + " failed, before the write was decided."));
        return false;
      }
      if (i == 0) {
        decided = true;
      } else if (!has) {
        diagnostics.add(Diagnostic.warn("WAL_RECOVERY", null, null, what + " committed in store \"" + write.waitsFor().get(0) + "\", but store \""
            + alias + "\" lacks its part (no commit marker): the process stopped between the commits of the two databases.",
            "Compare the resources of store " + alias + " written by this write with the other stores; keep resources written together in one "
                + "database to rule this out (docs/user-guide.md, Writes across stores)."));
      }
    }
    return decided;
  }

  private static void forget(Store s, List<String> ids, List<Diagnostic> diagnostics) {
    try {
      s.forgetCommits(ids);
    } catch (IOException | RuntimeException e) {
      diagnostics.add(Diagnostic.warn("WAL_RECOVERY", null, null, "Could not delete " + ids.size() + " commit marker(s) in store \"" + s.alias()
          + "\": " + e.getMessage() + ".", "They are harmless (one small row each in _async_db_commits) and may be deleted by hand."));
    }
  }

  @SuppressWarnings("unchecked")
  private static void apply(WriteTransaction tx, Resource r, WalEntry e) {
    if (e.op() == 'p') {
      tx.putDocument(r, (Map<String, Object>) e.value());
      return;
    }
    int row = tx.rows(r.name()).find(e.key());
    switch (e.op()) {
      case 'i', 'u' -> {
        if (row >= 0) {
          tx.replace(r, row, (Map<String, Object>) e.value());
        } else {
          tx.insert(r, (Map<String, Object>) e.value());
        }
      }
      case 'd' -> {
        if (row >= 0) {
          tx.delete(r, row);
        }
      }
      default -> throw new IllegalStateException("unknown log operation '" + e.op() + "' for " + r.name());
    }
  }
}
