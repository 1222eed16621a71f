package dev.asyncdb.jdbc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an ad-hoc statement into a parameterized template plus the literal values it held, so
 * statements that differ only in literals share one prepared plan. Only literals whose meaning
 * cannot change as a parameter are taken: the right side of a comparison, members of an
 * {@code IN (...)} list and {@code BETWEEN} bounds — never ordinals ({@code ORDER BY 1}), typed
 * literals ({@code DATE '...'}) or {@code LIMIT}/{@code OFFSET} counts.
 */
final class LiteralNormalizer {
  /** A template and the values taken out of it, in order. */
  record Normalized(String template, List<Object> values) {}

  private LiteralNormalizer() {}

  /** How many {@code ?} parameter markers the SQL has outside strings, quoted identifiers and comments. */
  static int parameterMarkers(String sql) {
    int count = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '"' || c == '\'') {
        int end = closing(sql, i, c);
        i = end < 0 ? n : end + 1;
      } else {
        if (c == '?') {
          count++;
        }
        i++;
      }
    }
    return count;
  }

  /** The normalized form, or null when the statement has no literal worth taking out. */
  static Normalized normalize(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<Object> values = new ArrayList<>();
    String previous = "";
    int inListDepth = -1;
    int depth = 0;
    boolean betweenPending = false;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
        continue;
      }
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(sql, i, end);
        i = end;
        continue;
      }
      if (c == '"') {
        int end = closing(sql, i, '"');
        if (end < 0) {
          return null;
        }
        out.append(sql, i, end + 1);
        previous = "ident";
        i = end + 1;
        continue;
      }
      if (c == '\'') {
        int end = closing(sql, i, '\'');
        if (end < 0) {
          return null;
        }
        String text = sql.substring(i + 1, end).replace("''", "'");
        if (takes(previous, inListDepth == depth, betweenPending)) {
          out.append('?');
          values.add(text);
        } else {
          out.append(sql, i, end + 1);
        }
        previous = "literal";
        i = end + 1;
        continue;
      }
      if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int end = i;
        while (end < n && (Character.isDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
          end++;
        }
        if (end < n && (Character.isLetter(sql.charAt(end)) || sql.charAt(end) == '_')) {
          out.append(sql, i, end);
          previous = "ident";
          i = end;
          continue;
        }
        String text = sql.substring(i, end);
        boolean negative = previous.equals("-") && out.length() > 0 && out.charAt(out.length() - 1) == '-';
        if (takes(negative ? "=" : previous, inListDepth == depth, betweenPending) && !negative) {
          out.append('?');
          values.add(text.contains(".") || text.length() > 18 ? (Object) new BigDecimal(text) : (Object) Long.parseLong(text));
        } else {
          out.append(text);
        }
        previous = "literal";
        i = end;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
          end++;
        }
        String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
        out.append(sql, i, end);
        if (word.equals("BETWEEN")) {
          betweenPending = true;
        } else if (word.equals("AND") && betweenPending && previous.equals("literal")) {
          betweenPending = false;
          previous = "BETWEEN";
          i = end;
          continue;
        } else if (!word.equals("AND")) {
          betweenPending = betweenPending && (word.equals("NOT") || word.equals("SYMMETRIC") || word.equals("ASYMMETRIC"));
        }
        previous = word;
        i = end;
        continue;
      }
      if (c == '(') {
        depth++;
        if (previous.equals("IN")) {
          inListDepth = depth;
        }
        out.append(c);
        previous = "(";
        i++;
        continue;
      }
      if (c == ')') {
        if (inListDepth == depth) {
          inListDepth = -1;
        }
        depth--;
        out.append(c);
        previous = ")";
        i++;
        continue;
      }
      if ("=<>!".indexOf(c) >= 0) {
        int end = i;
        while (end < n && "=<>!".indexOf(sql.charAt(end)) >= 0) {
          end++;
        }
        out.append(sql, i, end);
        previous = "=";
        i = end;
        continue;
      }
      if (!Character.isWhitespace(c)) {
        previous = String.valueOf(c);
      }
      out.append(c);
      i++;
    }
    return values.isEmpty() ? null : new Normalized(out.toString(), values);
  }

  private static boolean takes(String previous, boolean inList, boolean between) {
    return previous.equals("=") || (inList && (previous.equals("(") || previous.equals(","))) || previous.equals("BETWEEN");
  }

  private static int closing(String sql, int open, char quote) {
    for (int i = open + 1; i < sql.length(); i++) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }
}
