package dev.asyncdb.cli.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into what the shell runs one at a time: statements ending at a {@code ;} outside
 * quotes and comments, and meta-commands ({@code .tables}) on a line of their own between
 * statements. A last statement without {@code ;} counts in scripts; the interactive shell asks for
 * more input instead ({@link #isComplete}).
 */
final class SqlScript {
  /** A unit of work; {@code line} is where it starts (1-based), for error messages. */
  sealed interface Unit permits Statement, Meta {
    int line();
  }

  record Statement(String sql, int line) implements Unit {}

  record Meta(String command, int line) implements Unit {}

  private final List<Unit> units = new ArrayList<>();
  private final String text;
  private boolean terminated = true;

  private SqlScript(String text) {
    this.text = text;
    scan();
  }

  static List<Unit> split(String text) {
    return new SqlScript(text).units;
  }

  /** True when the text ends outside any quote or comment and has nothing after its last {@code ;}. */
  static boolean isComplete(String text) {
    return new SqlScript(text).terminated;
  }

  private void scan() {
    StringBuilder current = new StringBuilder();
    boolean hasCode = false;
    int startLine = 1;
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (!hasCode && c == '.' && atLineStart(current)) {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        units.add(new Meta(text.substring(i, end).trim(), line));
        current.setLength(0);
        i = end;
        continue;
      }
      if (c == '\'' || c == '"') {
        if (!hasCode) {
          startLine = line;
        }
        int close = closing(c, i + 1);
        if (close < 0) {
          current.append(text, i, n);
          hasCode = true;
          terminated = false;
          break;
        }
        current.append(text, i, close + 1);
        line += count(text, i, close + 1);
        hasCode = true;
        i = close + 1;
        continue;
      }
      if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        current.append(text, i, end);
        i = end;
        continue;
      }
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          current.append(text, i, n);
          terminated = false;
          break;
        }
        current.append(text, i, end + 2);
        line += count(text, i, end + 2);
        i = end + 2;
        continue;
      }
      if (c == ';') {
        if (hasCode) {
          units.add(new Statement(current.toString().trim(), startLine));
        }
        current.setLength(0);
        hasCode = false;
        i++;
        continue;
      }
      if (c == '\n') {
        line++;
      } else if (!Character.isWhitespace(c) && !hasCode) {
        hasCode = true;
        startLine = line;
      }
      current.append(c);
      i++;
    }
    if (hasCode) {
      units.add(new Statement(current.toString().trim(), startLine));
      terminated = false;
    }
  }

  /** Only whitespace and comments since the last statement, and the current line holds nothing yet. */
  private static boolean atLineStart(StringBuilder current) {
    for (int k = current.length() - 1; k >= 0; k--) {
      char c = current.charAt(k);
      if (c == '\n') {
        return true;
      }
      if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  /** Index of the quote closing one opened before {@code from} ({@code ''} and {@code ""} are escapes), or -1. */
  private int closing(char quote, int from) {
    for (int k = from; k < text.length(); k++) {
      if (text.charAt(k) == quote) {
        if (k + 1 < text.length() && text.charAt(k + 1) == quote) {
          k++;
        } else {
          return k;
        }
      }
    }
    return -1;
  }

  private static int count(String s, int from, int to) {
    int lines = 0;
    for (int k = from; k < to; k++) {
      if (s.charAt(k) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
