package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.store.JsonStore;
import dev.asyncdb.engine.store.wal.WalEntry;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Crash recovery at open: the json store's log is read, the writes that apply are replayed onto the
 * hydrated state in log order, and (when opening for writing) the touched resources are
 * checkpointed before this process starts its own log. Read-only opens replay in memory only.
 */
public final class LogReplay {
  private LogReplay() {}

  public static void replay(Database db, JsonStore store, Map<String, ResourceDefinition> resources, boolean writable,
      List<Diagnostic> diagnostics) throws IOException {
    JsonStore.Recovery recovery = store.recover(resources);
    Map<String, ResourceDefinition> touched = new LinkedHashMap<>();
    if (!recovery.writes().isEmpty()) {
      db.replay(tx -> {
        for (List<WalEntry> write : recovery.writes()) {
          for (WalEntry e : write) {
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
    if (!recovery.writes().isEmpty()) {
      int n = recovery.writes().size();
      diagnostics.add(Diagnostic.info("WAL_REPLAYED", null, null, "Replayed " + n + " logged write(s) into " + String.join(", ", touched.keySet()) + ".", null));
    }
    if (writable) {
      Snapshot s = db.snapshot();
      Map<String, Object> state = new HashMap<>();
      for (String name : touched.keySet()) {
        Object rows = s.rows(name);
        state.put(name, rows != null ? rows : s.document(name));
      }
      store.startLog(recovery, touched, state);
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
