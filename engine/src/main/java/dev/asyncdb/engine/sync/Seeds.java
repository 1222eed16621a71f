package dev.asyncdb.engine.sync;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Seed preparation shared by sync and stores: generated counter ids and top-level default backfill. */
public final class Seeds {
  private static final Pattern POSITIVE_INT = Pattern.compile("[1-9]\\d{0,17}");

  private Seeds() {}

  public static boolean rowsLackDefaults(RecordTable table, Map<String, FieldDef> fields) {
    for (FieldDef f : fields.values()) {
      if (f.hasDefault()) {
        Column c = table.column(f.name());
        if (c == null ? table.physicalRows() > 0 : c.counts().nonNull() + c.counts().nulls() < table.physicalRows()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Rewrites a loaded table when records need generated ids ({@code "1"}, {@code "2"}, … after the
   * largest integer-looking id, prepended as the first key) or missing top-level defaults.
   */
  public static RecordTable rebuild(RecordTable table, String idField, Map<String, FieldDef> defaults) {
    long next = 1;
    Set<String> used = new HashSet<>();
    if (idField != null) {
      Column c = table.column(idField);
      for (int r = 0; c != null && r < table.physicalRows(); r++) {
        String k = KeySpec.scalarKey(c.get(r));
        if (k != null) {
          used.add(k);
          if (POSITIVE_INT.matcher(k).matches()) {
            next = Math.max(next, Long.parseLong(k) + 1);
          }
        }
      }
    }
    RecordTable out = new RecordTable();
    for (int r = 0; r < table.physicalRows(); r++) {
      Map<String, Object> record = table.record(r);
      if (idField != null && KeySpec.scalarKey(record.get(idField)) == null) {
        while (used.contains(Long.toString(next))) {
          next++;
        }
        String id = Long.toString(next++);
        used.add(id);
        Map<String, Object> withId = new LinkedHashMap<>();
        withId.put(idField, id);
        record.remove(idField);
        withId.putAll(record);
        record = withId;
      }
      if (defaults != null) {
        applyDefaults(defaults, record);
      }
      out.appendRecord(record, -1, out.physicalRows());
    }
    return out;
  }

  /** Fills top-level fields that are absent (not null) with a copy of their default. */
  public static void applyDefaults(Map<String, FieldDef> fields, Map<String, Object> record) {
    for (FieldDef f : fields.values()) {
      if (f.hasDefault() && !record.containsKey(f.name())) {
        record.put(f.name(), Json.deepCopy(f.defaultValue()));
      }
    }
  }

}
