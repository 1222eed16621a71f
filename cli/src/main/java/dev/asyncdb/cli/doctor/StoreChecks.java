package dev.asyncdb.cli.doctor;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.config.DbConfig;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Store bindings: resources bound to a store that does not exist (the engine leaves them out and
 * reports {@code STORE_NOT_FOUND}; doctor reports it as {@code DOCTOR_STORE_NOT_FOUND}), and large
 * collections in the json store without declared indexes.
 */
final class StoreChecks {
  static final int LARGE_JSON_STORE_RECORDS = 1000;
  private static final Set<String> DRIVERS = Set.of("json", "memory", "static", "sourceFile");
  private static final Set<String> ENGINE_STORE_CODES = Set.of("STORE_NOT_FOUND", "STORE_DRIVER_NOT_FOUND");

  private StoreChecks() {}

  static boolean isStoreDiagnostic(Diagnostic d) {
    return ENGINE_STORE_CODES.contains(d.code()) && d.resource() != null;
  }

  static Finding storeNotFound(Diagnostic d) {
    return Finding.doctor(new Diagnostic("DOCTOR_STORE_NOT_FOUND", Diagnostic.Severity.ERROR, d.resource(), null, null, null, null,
        "Resource \"" + d.resource() + "\" is not available: " + d.message(), d.hint(), Map.of("resource", d.resource(), "engineCode", d.code())));
  }

  static List<Finding> largeJsonStore(DbConfig config, ResourceDefinition def, int records) {
    List<Finding> out = new ArrayList<>();
    if (records > LARGE_JSON_STORE_RECORDS && "json".equals(driver(config, def.store())) && def.indexes().isEmpty()) {
      out.add(Finding.doctor(Diagnostic.warn("DOCTOR_LARGE_JSON_STORE_WITHOUT_INDEXES", def.name(), null,
          "Resource \"" + def.name() + "\" has " + records + " records in the JSON store without index metadata.",
          "Add resources." + def.name() + ".indexes for the fields you filter or sort on, or bind the resource to a store better suited "
              + "for large collections.")
          .withDetails(Seeds.details("resource", def.name(), "store", "json", "recordCount", records))));
    }
    return out;
  }

  /** The driver a store binding resolves to through {@code stores.<alias>}, or null when it does not resolve. */
  static String driver(DbConfig config, String binding) {
    String name = binding;
    for (int hops = 0; hops < 16 && name != null; hops++) {
      if (DRIVERS.contains(name)) {
        return name;
      }
      Object def = config.get("stores." + name);
      name = def instanceof String s ? s : def instanceof Map<?, ?> m && m.get("driver") instanceof String d ? d : null;
    }
    return null;
  }
}
