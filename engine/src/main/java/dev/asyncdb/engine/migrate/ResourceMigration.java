package dev.asyncdb.engine.migrate;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Etags;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.Database;
import dev.asyncdb.engine.runtime.Resource;
import dev.asyncdb.engine.store.Hydrated;
import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.store.StoreRegistry;
import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.engine.table.TableVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * Copies one resource to another store, verifies the copy (record count and a checksum over the
 * canonical JSON of every record, read back from the target) and switches the binding. It runs
 * under the database's writer lock: no write can slip in between copy and switch, and readers go
 * on reading the unchanged snapshot throughout.
 */
public final class ResourceMigration {
  private ResourceMigration() {}

  public static MigrationReport run(Database db, StoreRegistry stores, Path configFile, String name, String toStore) {
    Resource r = db.resolve(name);
    Store target = stores.resolve(toStore);
    Store source = r.store();
    ResourceDefinition def = r.definition();
    if (target == source) {
      throw new DbException("STORE_MIGRATION_SAME_STORE", 400, "Resource \"" + r.name() + "\" already uses store \"" + toStore + "\".",
          "Name another store under \"stores\" in db.config.json as the target.", Map.of("resource", r.name(), "store", toStore));
    }
    if (!target.acceptsImport(def)) {
      throw new DbException("STORE_MIGRATION_UNSUPPORTED", 400,
          "Store \"" + toStore + "\" (" + target.driver() + ") cannot take a copy of resource \"" + r.name() + "\".",
          "Migrate to a store that keeps whole resources: json, or a sqlite/postgres store (envelopes). Mapped tables and memory/static stores are not targets.",
          Map.of("resource", r.name(), "store", toStore, "driver", target.driver()));
    }
    return db.write(tx -> {
      TableVersion rows = def.schema().isCollection() ? tx.rows(r.name()) : null;
      Map<String, Object> document = rows == null ? tx.document(r.name()) : null;
      String expected = checksum(rows, document);
      long count = rows != null ? rows.size() : 1;
      try {
        target.importState(def, rows, document);
        Hydrated copy = target.hydrate(def, false);
        String actual = checksum(copy.rows(), copy.document());
        long copied = copy.rows() != null ? copy.rows().size() : 1;
        if (!copy.fromState() || copied != count || !actual.equals(expected)) {
          throw new DbException("STORE_MIGRATION_VERIFY_FAILED", 500,
              "The copy of \"" + r.name() + "\" in store \"" + toStore + "\" does not match: " + copied + " record(s), checksum " + actual
                  + "; expected " + count + ", " + expected + ". The resource stays on " + source.driver() + ".",
              "Check the target store's database; nothing was switched, so it is safe to retry.",
              Map.of("resource", r.name(), "store", toStore));
        }
        r.rebind(target);
        String note = ConfigBinding.save(configFile, r.name(), toStore);
        return new MigrationReport(r.name(), source.driver(), toStore, count, expected, note == null, note);
      } catch (IOException e) {
        throw new DbException("STORE_MIGRATION_FAILED", 500, "Could not copy \"" + r.name() + "\" to store \"" + toStore + "\": " + e.getMessage(),
            "The resource stays on its current store; fix the cause and retry.", Map.of("resource", r.name(), "store", toStore), e);
      }
    });
  }

  /** SHA-256 over the canonical (key-sorted) JSON of each record in order, so JSONB's key order does not matter. */
  static String checksum(TableVersion rows, Map<String, Object> document) {
    MessageDigest md = Etags.sha256();
    if (rows != null) {
      for (int row : rows.liveRows()) {
        md.update(Json.canonical(rows.record(row)).getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
    } else {
      md.update(Json.canonical(document).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
