package dev.asyncdb.engine.migrate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a resource migration did.
 *
 * @param count records (1 for a document) found in the target after the copy, equal to the source's
 * @param checksum SHA-256 over the canonical JSON of every record, equal in source and target
 * @param bindingSaved whether db.config.json now names the new store; when false, {@code note} says what to add
 */
public record MigrationReport(String resource, String from, String to, long count, String checksum, boolean bindingSaved, String note) {
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", resource);
    m.put("from", from);
    m.put("to", to);
    m.put("count", count);
    m.put("checksum", checksum);
    m.put("bindingSaved", bindingSaved);
    m.put("note", note);
    return m;
  }
}
