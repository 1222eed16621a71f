package dev.asyncdb.stores.envelope;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.table.KeySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Applies logged record changes to the records of an envelope, keeping their order. */
final class ChangeFold {
  private ChangeFold() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> apply(KeySpec key, List<?> stored, List<EnvelopeTables.LoggedChange> changes,
      Function<String, DbException> invalid) {
    List<Map<String, Object>> records = new ArrayList<>(stored.size());
    for (Object o : stored) {
      if (!(o instanceof Map<?, ?> m)) {
        throw invalid.apply("a collection's value must hold objects, found " + Json.typeName(o));
      }
      records.add((Map<String, Object>) m);
    }
    if (changes.isEmpty()) {
      return records;
    }
    // Deleted slots become null and are dropped at the end, so positions stay valid while folding.
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      position.putIfAbsent(key.keyOf(records.get(i)), i);
    }
    for (EnvelopeTables.LoggedChange c : changes) {
      Integer at = position.get(c.key());
      switch (c.op()) {
        case "i" -> {
          position.put(c.key(), records.size());
          records.add((Map<String, Object>) Json.parse(c.value()));
        }
        case "u" -> {
          if (at == null) {
            throw invalid.apply("a logged update names record " + c.key() + ", which is not there");
          }
          Map<String, Object> after = (Map<String, Object>) Json.parse(c.value());
          records.set(at, after);
          String newKey = key.keyOf(after);
          if (!c.key().equals(newKey)) {
            position.remove(c.key());
            position.put(newKey, at);
          }
        }
        case "d" -> {
          if (at != null) {
            records.set(at, null);
            position.remove(c.key());
          }
        }
        default -> throw invalid.apply("unknown logged operation " + c.op());
      }
    }
    records.removeIf(java.util.Objects::isNull);
    return records;
  }
}
