package dev.asyncdb.engine.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a resource came from: its data file (path, format, content hash), its schema file, whether
 * fields were declared or inferred, and whether ids were generated for the seed.
 *
 * @param seedHash the hash that decides resync: the data file's hash, or for a schema-only
 *     resource the hash of its embedded seed (so editing the seed refreshes the state)
 */
public record SourceInfo(
    String typeSource,
    String dataPath,
    String dataFormat,
    ContentHash dataHash,
    String schemaPath,
    ContentHash seedHash,
    boolean generatedIds) {

  public Map<String, Object> toMap(String root) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("typeSource", typeSource);
    m.put("dataPath", dataPath == null ? null : root + "/" + dataPath);
    m.put("dataFormat", dataFormat);
    m.put("dataHash", dataHash == null ? null : dataHash.get());
    m.put("schemaPath", schemaPath == null ? null : root + "/" + schemaPath);
    m.put("generatedIds", generatedIds);
    return m;
  }
}
