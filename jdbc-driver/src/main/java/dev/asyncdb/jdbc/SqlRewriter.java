package dev.asyncdb.jdbc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the few statements SQLite users type that are not SQL Calcite parses: today
 * {@code PRAGMA table_info(<table>)}, with the table named literally or as a bound parameter
 * (which real SQLite cannot bind), answered from {@code meta.table_info}.
 */
final class SqlRewriter {
  private static final Pattern TABLE_INFO = Pattern.compile(
      "(?is)^\\s*PRAGMA\\s+table_info\\s*\\(\\s*(\\?|'((?:[^']|'')*)'|\"((?:[^\"]|\"\")*)\"|([A-Za-z_][A-Za-z0-9_$-]*))\\s*\\)\\s*;?\\s*$");

  private SqlRewriter() {}

  static String rewrite(String sql) {
    if (sql == null) {
      return null;
    }
    Matcher m = TABLE_INFO.matcher(sql);
    if (!m.matches()) {
      return sql;
    }
    String arg;
    if (m.group(1).equals("?")) {
      arg = "CAST(? AS VARCHAR)";
    } else {
      String name = m.group(2) != null ? m.group(2).replace("''", "'") : m.group(3) != null ? m.group(3).replace("\"\"", "\"") : m.group(4);
      arg = "'" + name.replace("'", "''") + "'";
    }
    return "SELECT \"cid\", \"name\", \"type\", \"notnull\", \"dflt_value\", \"pk\" FROM \"meta\".\"table_info\""
        + " WHERE LOWER(\"table_name\") = LOWER(" + arg + ") ORDER BY \"cid\"";
  }
}
