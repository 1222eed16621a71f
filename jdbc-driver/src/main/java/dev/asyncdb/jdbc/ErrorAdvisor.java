package dev.asyncdb.jdbc;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.runtime.Suggestions;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes errors actionable: an engine error (a rejected write, a conflict) becomes an
 * {@code SQLException} with its SQLState ({@link SqlStates}); Calcite's "not found" errors get the
 * nearest existing names, and a table whose source file failed to load says which file, line and
 * column broke instead of only "not found". Other errors pass unchanged.
 */
final class ErrorAdvisor {
  private static final Pattern TABLE = Pattern.compile("Object '([^']+)' not found");
  private static final Pattern COLUMN = Pattern.compile("Column '([^']+)' not found in (?:any table|table '([^']+)')");

  private ErrorAdvisor() {}

  static SQLException advise(SQLException e, AsyncDb db) {
    for (Throwable x = e; x != null; x = x.getCause()) {
      if (x instanceof DbException d) {
        return SqlStates.of(d);
      }
    }
    String text = fullMessage(e);
    Matcher t = TABLE.matcher(text);
    if (t.find()) {
      String name = t.group(1);
      for (Diagnostic d : db.diagnostics()) {
        if (d.isError() && d.resource() != null && d.resource().equalsIgnoreCase(name)) {
          return new SQLException("Table '" + name + "' is unavailable because its source failed to load: " + d.code() + ": " + d.message()
              + (d.hint() == null ? "" : ". Hint: " + d.hint()), "42S02", e);
        }
      }
      List<String> names = new ArrayList<>(db.resourceNames());
      String nearest = Suggestions.nearest(name, names);
      return new SQLException("Table '" + name + "' not found. " + (nearest != null ? "Did you mean '" + nearest + "'? " : "")
          + "Tables: " + String.join(", ", names) + ".", "42S02", e);
    }
    Matcher c = COLUMN.matcher(text);
    if (c.find()) {
      String name = c.group(1);
      String table = c.group(2);
      List<String> columns = new ArrayList<>();
      for (String r : db.resourceNames()) {
        if (table == null || r.equalsIgnoreCase(table)) {
          ResourceSchema s = db.schema(r);
          columns.addAll(s.fields().keySet());
        }
      }
      String nearest = Suggestions.nearest(name, columns);
      return new SQLException("Column '" + name + "' not found" + (table == null ? "" : " in table '" + table + "'") + ". "
          + (nearest != null ? "Did you mean '" + nearest + "'? " : "")
          + (table != null ? "Columns: " + String.join(", ", columns) + ", _record." : ""), "42S22", e);
    }
    return e;
  }

  private static String fullMessage(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable x = e; x != null && sb.length() < 4000; x = x.getCause()) {
      sb.append(x.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
