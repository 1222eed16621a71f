package dev.asyncdb.engine.source;

import dev.asyncdb.engine.table.RecordTable;
import java.util.List;
import java.util.Map;

/** What a data file holds: collection rows already in columnar form, or a document object. */
public sealed interface SourceData {
  /**
   * Collection data. {@code skipped} lists positions of array items that were not objects (they
   * cannot be records and are reported, not stored).
   */
  record Rows(RecordTable table, List<Integer> skipped) implements SourceData {}

  /** Document data; a non-object top-level value becomes {@code {}} as in the original. */
  record Document(Map<String, Object> value, boolean wasObject) implements SourceData {}
}
