package dev.asyncdb.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a SQL script into statements at each {@code ;} outside quotes ('…', "…") and comments
 * ({@code --} to the end of the line, {@code /* … *}{@code /}). Statements that hold only
 * comments are dropped; comments inside a statement stay (the parsers skip them).
 */
final class SqlScripts {
  private SqlScripts() {}

  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    int start = 0;
    boolean code = false;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n && !(script.charAt(j) == c && (j + 1 >= n || script.charAt(j + 1) != c))) {
          j += script.charAt(j) == c ? 2 : 1;
        }
        i = j + 1;
        code = true;
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == ';') {
        if (code) {
          out.add(script.substring(start, i).trim());
        }
        start = i + 1;
        code = false;
        i++;
      } else {
        code |= !Character.isWhitespace(c);
        i++;
      }
    }
    if (code) {
      out.add(script.substring(start).trim());
    }
    return out;
  }
}
