package dev.asyncdb.cli.sql;

import java.util.List;

/** RFC 4180 output: fields with a comma, quote, CR or LF are quoted, quotes doubled; lines joined by the caller. */
public final class CsvText {
  private CsvText() {}

  public static String line(List<String> values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(field(values.get(i)));
    }
    return sb.toString();
  }

  static String field(String v) {
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }
}
