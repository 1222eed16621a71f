package dev.asyncdb.cli.transfer;

import dev.asyncdb.cli.sql.CsvText;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Records as CSV that reads back the same through the project's CSV rules: strings that would be
 * typed as numbers, booleans or null (and empty strings) are quoted, because only quoted cells
 * are guaranteed to stay strings; nested values are JSON text; a missing value is an empty cell.
 */
final class RecordCsv {
  private static final Pattern TYPED = Pattern.compile("(?i)[+-]?(0|[1-9]\\d*)(\\.\\d+)?|true|false|null");

  private RecordCsv() {}

  /**
   * Key fields first; then a declared schema's fields in its order, or for an inferred schema
   * (whose fields are sorted) the keys in the order the data first shows them; then the rest.
   */
  static List<String> columns(ResourceSchema schema, List<Map<String, Object>> records) {
    Set<String> cols = new LinkedHashSet<>(schema.keyFields());
    if (schema.fieldsFromSchema()) {
      cols.addAll(schema.fields().keySet());
    }
    records.forEach(r -> cols.addAll(r.keySet()));
    cols.addAll(schema.fields().keySet());
    return new ArrayList<>(cols);
  }

  static String write(List<String> columns, List<Map<String, Object>> records) {
    StringBuilder sb = new StringBuilder(CsvText.line(columns)).append('\n');
    for (Map<String, Object> r : records) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(cell(r.get(columns.get(i))));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s.isEmpty() || TYPED.matcher(s).matches() ? '"' + s + '"' : CsvText.line(List.of(s));
    }
    if (v instanceof Double d) {
      return Json.numberText(d);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return CsvText.line(List.of(Json.write(v)));
  }
}
