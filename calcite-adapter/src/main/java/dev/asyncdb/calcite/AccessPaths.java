package dev.asyncdb.calcite;

import dev.asyncdb.engine.table.Column;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;

/**
 * Adds to an {@code EXPLAIN PLAN} text how each collection scan reads its rows, as the scan itself
 * decides from the conditions pushed into it: {@code access=[key lookup id]} (hash index),
 * {@code access=[index status =]} or {@code [index createdAt range]} (a declared index), or
 * {@code access=[full scan]}. Calcite's plan shows which conditions reached the scan
 * ({@code filters=}); this shows what the scan does with them. The columnar operators, which read
 * a collection themselves ({@code ColumnarAggregate}, {@code ColumnarTopN}), get the same term.
 */
public final class AccessPaths {
  private static final Pattern SCAN = Pattern.compile("(?:(?:Bindable|Enumerable)TableScan|Columnar(?:Aggregate|TopN))\\(table=\\[\\[([^\\]]+)\\]\\](.*)$");
  private static final Pattern CONDITION = Pattern.compile("(<>|<=|>=|=|<|>|SEARCH)\\(\\$(\\d+), (Sarg\\[(\\[|\\(|))?");

  private AccessPaths() {}

  /** The plan with an {@code access=[...]} term on every scan of a collection of {@code root}'s schemas. */
  public static String annotate(String plan, SchemaPlus root) {
    return java.util.Arrays.stream(plan.split("\n", -1)).map(line -> annotateLine(line, root)).collect(java.util.stream.Collectors.joining("\n"));
  }

  private static String annotateLine(String line, SchemaPlus root) {
    Matcher m = SCAN.matcher(line);
    if (!m.find()) {
      return line;
    }
    String[] path = m.group(1).split(", ");
    SchemaPlus schema = root;
    for (int i = 0; i < path.length - 1 && schema != null; i++) {
      schema = schema.getSubSchema(path[i]);
    }
    Table table = schema == null ? null : schema.getTable(path[path.length - 1]);
    if (!(table instanceof CollectionTable ct)) {
      return line;
    }
    String rest = m.group(2);
    int filters = rest.indexOf("filters=[[");
    String access = filters < 0 ? "full scan" : describe(ct, rest.substring(filters));
    int close = line.lastIndexOf(')');
    return close < 0 ? line : line.substring(0, close) + ", access=[" + access + "]" + line.substring(close);
  }

  /** Mirrors ScanFilter's choice: key equality first, then a declared index (equality before range), else a scan. */
  private static String describe(CollectionTable table, String filters) {
    List<String> keys = table.schema().keyFields();
    String key = keys.size() == 1 ? keys.get(0) : null;
    String indexEqual = null;
    String indexRange = null;
    Matcher c = CONDITION.matcher(filters);
    while (c.find()) {
      String op = c.group(1);
      int index = Integer.parseInt(c.group(2));
      if (index >= table.columns().size()) {
        continue;
      }
      SqlColumn sc = table.column(index);
      boolean points = op.equals("=") || (op.equals("SEARCH") && c.group(3) != null && c.group(4).isEmpty());
      boolean range = !points && !op.equals("<>");
      if (points && sc.name().equals(key)) {
        return "key lookup " + key;
      }
      Column column = table.liveColumn(sc.name());
      if (table.indexable(sc, column)) {
        if (points && indexEqual == null) {
          indexEqual = "index " + sc.name() + " =";
        } else if (range && indexRange == null) {
          indexRange = "index " + sc.name() + " range";
        }
      }
    }
    return indexEqual != null ? indexEqual : indexRange != null ? indexRange : "full scan";
  }
}
