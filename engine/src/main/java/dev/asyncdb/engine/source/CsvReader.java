package dev.asyncdb.engine.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The original's CSV dialect: {@code ,} separator, {@code "} quoting with {@code ""} escapes,
 * LF/CRLF/CR rows, blank rows dropped, a leading BOM removed, the header row naming the fields.
 *
 * <p>Hand-written rather than delegated to a CSV library because cell typing depends on whether a
 * cell was quoted (quoted cells always stay strings) and errors must carry line and column; no
 * library exposes both.
 */
public final class CsvReader {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(0|[1-9]\\d*)(\\.\\d+)?");
  private static final Pattern STRING_HEADER_WORD = Pattern.compile("(?i)(^|[^a-z0-9])(id|uuid|guid|zip|postal|phone|tel|code)([^a-z0-9]|$)");

  /** One parsed cell. */
  private record Cell(String text, boolean quoted) {}

  private CsvReader() {}

  /** Parses CSV text into records in the original's typing rules. */
  public static List<Map<String, Object>> read(String text) throws SourceException {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    List<List<Cell>> rows = parse(text);
    if (rows.isEmpty() || rows.get(0).stream().allMatch(c -> c.text().isBlank())) {
      throw new SourceException("CSV_MISSING_HEADER", "CSV file has no header row.", 1, 1,
          "Put the field names in the first row, e.g. id,name,email.");
    }
    List<String> headers = new ArrayList<>();
    for (Cell c : rows.get(0)) {
      headers.add(c.text().trim());
    }
    List<String> names = Names.csvFieldNames(headers);
    boolean[] stringColumn = new boolean[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      stringColumn[i] = STRING_HEADER_WORD.matcher(headers.get(i)).find();
    }
    List<Map<String, Object>> records = new ArrayList<>(rows.size() - 1);
    for (int r = 1; r < rows.size(); r++) {
      List<Cell> row = rows.get(r);
      Map<String, Object> record = new LinkedHashMap<>();
      for (int i = 0; i < names.size() && i < row.size(); i++) {
        Object v = typed(row.get(i), stringColumn[i]);
        if (v != null) {
          record.put(names.get(i), v);
        }
      }
      records.add(record);
    }
    return records;
  }

  /** The field names the header row produces, for schema checks. */
  public static List<String> header(String text) throws SourceException {
    List<List<Cell>> rows = parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    if (rows.isEmpty()) {
      throw new SourceException("CSV_MISSING_HEADER", "CSV file has no header row.", 1, 1, "Put the field names in the first row.");
    }
    List<String> headers = new ArrayList<>();
    rows.get(0).forEach(c -> headers.add(c.text().trim()));
    return Names.csvFieldNames(headers);
  }

  private static Object typed(Cell cell, boolean stringColumn) {
    String t = cell.text();
    if (cell.quoted()) {
      return t;
    }
    if (t.isEmpty() || t.equals("null")) {
      return null;
    }
    if (stringColumn) {
      return t;
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return Boolean.valueOf(lower);
    }
    if (NUMBER.matcher(t).matches()) {
      if (t.indexOf('.') < 0) {
        try {
          return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException tooBig) {
          return Double.parseDouble(t);
        }
      }
      return Double.parseDouble(t);
    }
    return t;
  }

  private static List<List<Cell>> parse(String text) throws SourceException {
    List<List<Cell>> rows = new ArrayList<>();
    List<Cell> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int col = 1;
    int i = 0;
    int n = text.length();
    boolean cellStarted = false;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"' && !cellStarted) {
        int startLine = line;
        int startCol = col;
        quoted = true;
        cellStarted = true;
        i++;
        col++;
        boolean closed = false;
        while (i < n) {
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              cell.append('"');
              i += 2;
              col += 2;
              continue;
            }
            i++;
            col++;
            closed = true;
            break;
          }
          if (q == '\n' || (q == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
            line++;
            col = 1;
          } else {
            col++;
          }
          cell.append(q);
          i++;
        }
        if (!closed) {
          throw new SourceException("CSV_UNTERMINATED_QUOTE",
              "CSV quoted field opened at line " + startLine + ", column " + startCol + " is never closed.",
              startLine, startCol, "Close the field with a double quote; write a literal quote as \"\".");
        }
        continue;
      }
      if (c == ',') {
        row.add(new Cell(cell.toString(), quoted));
        cell.setLength(0);
        quoted = false;
        cellStarted = false;
        i++;
        col++;
        continue;
      }
      if (c == '\n' || c == '\r') {
        row.add(new Cell(cell.toString(), quoted));
        addRow(rows, row);
        row = new ArrayList<>();
        cell.setLength(0);
        quoted = false;
        cellStarted = false;
        i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
        line++;
        col = 1;
        continue;
      }
      cell.append(c);
      cellStarted = true;
      i++;
      col++;
    }
    if (cellStarted || !row.isEmpty() || cell.length() > 0) {
      row.add(new Cell(cell.toString(), quoted));
      addRow(rows, row);
    }
    return rows;
  }

  private static void addRow(List<List<Cell>> rows, List<Cell> row) {
    boolean blank = row.size() == 1 && !row.get(0).quoted() && row.get(0).text().isEmpty();
    if (!blank) {
      rows.add(row);
    }
  }
}
