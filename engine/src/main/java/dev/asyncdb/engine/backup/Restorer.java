package dev.asyncdb.engine.backup;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.Database;
import dev.asyncdb.engine.runtime.Resource;
import dev.asyncdb.engine.runtime.Snapshot;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.TableVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Replaces resources' contents with restored ones (from a bundle or a version snapshot) in one
 * write, so readers see all restored resources change at once and a failure changes nothing.
 * Before writing, {@code undo} saves the current contents, so every restore can be undone.
 */
public final class Restorer {
  private Restorer() {}

  @SuppressWarnings("unchecked")
  public static RestoreReport restore(Database db, Map<String, Bundle.Item> items, boolean dryRun, Supplier<Path> undo) {
    Snapshot current = db.snapshot();
    List<RestoreReport.ResourceDiff> diffs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<String, Bundle.Item> apply = new LinkedHashMap<>();
    for (Map.Entry<String, Bundle.Item> e : items.entrySet()) {
      String name = e.getKey();
      Resource r = db.resources().get(name);
      Bundle.Item item = e.getValue();
      if (r == null) {
        skipped.add(name + ": not a resource of this project");
        continue;
      }
      boolean collection = r.definition().schema().isCollection();
      if (collection != item.kind().equals("collection")) {
        skipped.add(name + ": the bundle holds a " + item.kind() + ", the project a " + (collection ? "collection" : "document"));
        continue;
      }
      if (!r.store().writable()) {
        skipped.add(name + ": its " + r.store().driver() + " store is read-only");
        continue;
      }
      RestoreReport.ResourceDiff diff = collection
          ? diffRows(name, current.rows(name), (List<Object>) item.value())
          : diffDocument(name, current.document(name), (Map<String, Object>) item.value());
      diffs.add(diff);
      if (diff.changesAnything()) {
        apply.put(name, item);
      }
    }
    if (dryRun || apply.isEmpty()) {
      return new RestoreReport(dryRun, diffs, skipped, null);
    }
    Path undone = undo.get();
    db.write(tx -> {
      for (Map.Entry<String, Bundle.Item> e : apply.entrySet()) {
        Resource r = db.resources().get(e.getKey());
        if (e.getValue().kind().equals("document")) {
          tx.putDocument(r, (Map<String, Object>) Json.deepCopy(e.getValue().value()));
          continue;
        }
        TableVersion head = tx.rows(r.name());
        for (int row : head.liveRows()) {
          tx.delete(r, row);
        }
        for (Object record : (List<Object>) e.getValue().value()) {
          tx.insert(r, (Map<String, Object>) Json.deepCopy(record));
        }
        // Restored records may carry larger counter ids than the cached next one.
        r.nextCounterId(-1);
      }
      return null;
    });
    return new RestoreReport(false, diffs, skipped, undone);
  }

  @SuppressWarnings("unchecked")
  private static RestoreReport.ResourceDiff diffRows(String name, TableVersion rows, List<Object> restored) {
    KeySpec keys = rows.table().keySpec();
    Map<String, Map<String, Object>> now = new HashMap<>();
    for (int row : rows.liveRows()) {
      Map<String, Object> record = rows.record(row);
      now.put(keys.keyOf(record), record);
    }
    int added = 0;
    int changed = 0;
    int unchanged = 0;
    Map<String, Boolean> seen = new HashMap<>();
    for (int i = 0; i < restored.size(); i++) {
      if (!(restored.get(i) instanceof Map<?, ?> record)) {
        throw new DbException("DB_BACKUP_INVALID", 400, "Record " + i + " of \"" + name + "\" in the bundle is " + Json.typeName(restored.get(i)) + ", not an object.",
            "The bundle is damaged; nothing was restored.", Map.of("resource", name, "index", i));
      }
      String key = keys.keyOf((Map<String, Object>) record);
      if (key == null || seen.put(key, Boolean.TRUE) != null) {
        throw new DbException("DB_BACKUP_INVALID", 400, "Record " + i + " of \"" + name + "\" in the bundle has " + (key == null ? "no key " : "the duplicate key " + key + " ")
            + "(key fields " + keys.fields() + ").", "The bundle does not fit this resource's identity; nothing was restored.", Map.of("resource", name, "index", i));
      }
      Map<String, Object> old = now.get(key);
      if (old == null) {
        added++;
      } else if (Json.same(old, record)) {
        unchanged++;
      } else {
        changed++;
      }
    }
    int removed = now.size() - changed - unchanged;
    return new RestoreReport.ResourceDiff(name, "collection", added, changed, removed, unchanged);
  }

  private static RestoreReport.ResourceDiff diffDocument(String name, Map<String, Object> now, Map<String, Object> restored) {
    boolean same = Json.same(now, restored);
    return new RestoreReport.ResourceDiff(name, "document", 0, same ? 0 : 1, 0, same ? 1 : 0);
  }
}
