package dev.asyncdb.cli.sql;

import java.io.PrintWriter;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shell's dot-commands, answered from JDBC metadata: {@code .tables}, {@code .schema [NAME]}
 * (as {@code CREATE TABLE} text), {@code .format}, {@code .timer}, {@code .help}, {@code .quit}.
 */
final class MetaCommands {
  static final String SCHEMA = "db";
  static final List<String> NAMES = List.of(".tables", ".schema", ".format", ".timer", ".help", ".quit", ".exit");

  private final SqlSession session;

  MetaCommands(SqlSession session) {
    this.session = session;
  }

  /** Runs a meta-command line; returns false for {@code .quit}. */
  boolean run(String line) throws SQLException {
    String[] parts = line.trim().split("\\s+");
    String arg = parts.length > 1 ? parts[1] : null;
    PrintWriter out = session.out();
    switch (parts[0].toLowerCase(Locale.ROOT)) {
      case ".quit", ".exit" -> {
        return false;
      }
      case ".help" -> help(out);
      case ".tables" -> tables().forEach(out::println);
      case ".schema" -> schema(arg, out);
      case ".format" -> {
        Format f = arg == null ? null : Format.of(arg);
        if (f == null) {
          throw new SQLException("Usage: .format table|csv|json|markdown (now " + session.format().label() + ")", "42000");
        }
        session.format(f);
      }
      case ".timer" -> {
        if (!"on".equalsIgnoreCase(arg) && !"off".equalsIgnoreCase(arg)) {
          throw new SQLException("Usage: .timer on|off", "42000");
        }
        session.timer("on".equalsIgnoreCase(arg));
      }
      default -> throw new SQLException("Unknown command " + parts[0] + ". Type .help for the list.", "42000");
    }
    out.flush();
    return true;
  }

  private static void help(PrintWriter out) {
    out.println("SQL statements end with ';' and may span lines. Unquoted names match any case.");
    out.println(".tables             list tables (one per resource)");
    out.println(".schema [NAME]      show CREATE TABLE for one table or all");
    out.println(".format FORMAT      table, csv, json or markdown");
    out.println(".timer on|off       show how long each statement took");
    out.println(".help               this help");
    out.println(".quit / .exit       leave (Ctrl-D works too)");
  }

  List<String> tables() throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = session.connection().getMetaData().getTables(null, SCHEMA, "%", new String[] {"TABLE", "VIEW"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    names.sort(String.CASE_INSENSITIVE_ORDER);
    return names;
  }

  private void schema(String name, PrintWriter out) throws SQLException {
    List<String> tables = tables();
    List<String> selected = new ArrayList<>();
    for (String t : tables) {
      if (name == null || t.equalsIgnoreCase(name)) {
        selected.add(t);
      }
    }
    if (name != null && selected.isEmpty()) {
      throw new SQLException("No table named " + name + ". Tables: " + String.join(", ", tables) + ".", "42S02");
    }
    for (String t : selected) {
      out.println(createTable(t));
    }
  }

  private String createTable(String table) throws SQLException {
    DatabaseMetaData md = session.connection().getMetaData();
    Map<String, String> columns = new LinkedHashMap<>();
    try (ResultSet rs = md.getColumns(null, SCHEMA, table, "%")) {
      while (rs.next()) {
        String notNull = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " NOT NULL" : "";
        columns.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME") + notNull);
      }
    }
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = md.getPrimaryKeys(null, SCHEMA, table)) {
      Map<Integer, String> bySeq = new java.util.TreeMap<>();
      while (rs.next()) {
        bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
      keys.addAll(bySeq.values());
    }
    StringBuilder sb = new StringBuilder("CREATE TABLE ").append(quote(table)).append(" (\n");
    List<String> lines = new ArrayList<>();
    columns.forEach((c, type) -> lines.add("  " + quote(c) + " " + type));
    if (!keys.isEmpty()) {
      lines.add("  PRIMARY KEY (" + String.join(", ", keys.stream().map(MetaCommands::quote).toList()) + ")");
    }
    sb.append(String.join(",\n", lines)).append("\n);");
    return sb.toString();
  }

  /** Identifiers print bare when plain lower-case-safe words, else double-quoted. */
  private static String quote(String id) {
    return id.matches("[A-Za-z_][A-Za-z0-9_]*") ? id : '"' + id.replace("\"", "\"\"") + '"';
  }
}
