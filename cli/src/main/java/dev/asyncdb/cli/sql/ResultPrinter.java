package dev.asyncdb.cli.sql;

import dev.asyncdb.cli.Style;
import dev.asyncdb.engine.json.Json;
import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a result set as an aligned table (psql style; numbers right-aligned, {@code NULL} shown),
 * CSV (RFC 4180), a JSON array of row objects, or a Markdown table. On a terminal the table gets a
 * bold header and long cells are cut to keep rows on screen; piped output is never cut.
 */
final class ResultPrinter {
  static final int TERMINAL_CELL_WIDTH = 60;

  private final PrintWriter out;
  private final Style style;
  private final boolean terminal;

  ResultPrinter(PrintWriter out, Style style, boolean terminal) {
    this.out = out;
    this.style = style;
    this.terminal = terminal;
  }

  /**
   * Prints all rows; returns how many there were. Only the table format holds the rows (for the
   * column widths); the others stream, so a large result goes out at constant memory.
   */
  int print(ResultSet rs, Format format) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int columns = md.getColumnCount();
    List<String> names = new ArrayList<>();
    boolean[] numeric = new boolean[columns];
    for (int c = 1; c <= columns; c++) {
      names.add(md.getColumnLabel(c));
      numeric[c - 1] = isNumeric(md.getColumnType(c));
    }
    int count = 0;
    if (format == Format.TABLE) {
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(row(rs, md, columns));
      }
      table(names, numeric, rows);
      count = rows.size();
    } else {
      header(format, names, numeric);
      while (rs.next()) {
        row(format, names, row(rs, md, columns), count++);
      }
      if (format == Format.JSON) {
        out.println(count == 0 ? "[]" : "\n]");
      }
    }
    out.flush();
    return count;
  }

  private static Object[] row(ResultSet rs, ResultSetMetaData md, int columns) throws SQLException {
    Object[] row = new Object[columns];
    for (int c = 1; c <= columns; c++) {
      row[c - 1] = value(rs, md, c);
    }
    return row;
  }

  private static boolean isNumeric(int type) {
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> true;
      default -> false;
    };
  }

  /** JSON-friendly Java values: numbers, booleans, strings (dates and times in their SQL text form), null. */
  private static Object value(ResultSet rs, ResultSetMetaData md, int c) throws SQLException {
    Object v = rs.getObject(c);
    if (v == null) {
      return null;
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof String || v instanceof byte[]) {
      return v;
    }
    return switch (md.getColumnType(c)) {
      case Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> rs.getString(c);
      default -> String.valueOf(v);
    };
  }

  private static String text(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return Json.numberText(((Number) v).doubleValue());
    }
    if (v instanceof byte[] bytes) {
      return java.util.HexFormat.of().formatHex(bytes);
    }
    return String.valueOf(v);
  }

  private String cell(Object v) {
    if (v == null) {
      return "NULL";
    }
    String s = text(v).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    if (terminal && s.length() > TERMINAL_CELL_WIDTH) {
      s = s.substring(0, TERMINAL_CELL_WIDTH - 1) + "…";
    }
    return s;
  }

  private void table(List<String> names, boolean[] numeric, List<Object[]> rows) {
    int n = names.size();
    int[] width = new int[n];
    List<String[]> cells = new ArrayList<>(rows.size());
    for (int c = 0; c < n; c++) {
      width[c] = names.get(c).length();
    }
    for (Object[] row : rows) {
      String[] r = new String[n];
      for (int c = 0; c < n; c++) {
        r[c] = cell(row[c]);
        width[c] = Math.max(width[c], r[c].length());
      }
      cells.add(r);
    }
    StringBuilder header = new StringBuilder();
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < n; c++) {
      header.append(c == 0 ? " " : " | ").append(style.bold(pad(names.get(c), width[c], false)));
      rule.append(c == 0 ? "" : "+").append("-".repeat(width[c] + 2));
    }
    out.println(header.toString().stripTrailing());
    out.println(rule);
    for (int i = 0; i < cells.size(); i++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < n; c++) {
        String padded = pad(cells.get(i)[c], width[c], numeric[c]);
        line.append(c == 0 ? " " : " | ").append(rows.get(i)[c] == null ? style.dim(padded) : padded);
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }

  private void header(Format format, List<String> names, boolean[] numeric) {
    if (format == Format.CSV) {
      out.println(CsvText.line(names));
    } else if (format == Format.MARKDOWN) {
      StringBuilder header = new StringBuilder("|");
      StringBuilder rule = new StringBuilder("|");
      for (int c = 0; c < names.size(); c++) {
        header.append(' ').append(escapeMarkdown(names.get(c))).append(" |");
        rule.append(numeric[c] ? " ---: |" : " --- |");
      }
      out.println(header);
      out.println(rule);
    }
  }

  /** One streamed row; JSON rows are indented like {@code JSON.stringify(rows, null, 2)} would print them. */
  private void row(Format format, List<String> names, Object[] row, int index) {
    switch (format) {
      case CSV -> {
        List<String> values = new ArrayList<>(row.length);
        for (Object v : row) {
          values.add(v == null ? "" : text(v));
        }
        out.println(CsvText.line(values));
      }
      case JSON -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
          m.put(names.get(c), row[c]);
        }
        out.print((index == 0 ? "[\n  " : ",\n  ") + Json.pretty(m).replace("\n", "\n  "));
      }
      case MARKDOWN -> {
        StringBuilder line = new StringBuilder("|");
        for (Object v : row) {
          line.append(' ').append(v == null ? "NULL" : escapeMarkdown(text(v).replace("\n", " "))).append(" |");
        }
        out.println(line);
      }
      case TABLE -> throw new IllegalStateException("tables are not streamed");
    }
  }

  private static String escapeMarkdown(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|");
  }
}
