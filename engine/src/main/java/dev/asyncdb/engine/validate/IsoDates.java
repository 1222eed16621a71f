package dev.asyncdb.engine.validate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Fast checks for ISO-8601 dates and date-times. The common shape
 * ({@code 2024-03-01T12:34:56[.sss](Z|+hh:mm)}) is checked character by character — a million
 * seed values in milliseconds — and anything unusual falls back to {@code java.time}.
 */
public final class IsoDates {
  private IsoDates() {}

  public static boolean isDate(CharSequence s) {
    if (s.length() == 10 && datePart(s)) {
      return validDay(s);
    }
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Whether {@code s} is an ISO-8601 date-time; a {@code CharSequence} so packed column text is checked without a String per row. */
  public static boolean isDateTime(CharSequence s) {
    int n = s.length();
    if (n >= 20 && datePart(s) && s.charAt(10) == 'T' && timePart(s, 11)) {
      int i = 19;
      if (s.charAt(i) == '.') {
        i++;
        int start = i;
        while (i < n && Character.isDigit(s.charAt(i))) {
          i++;
        }
        if (i == start) {
          return slow(s);
        }
      }
      if (i == n - 1 && s.charAt(i) == 'Z') {
        return validDay(s);
      }
      if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && digits(s, i + 1, 2) && s.charAt(i + 3) == ':' && digits(s, i + 4, 2)) {
        return validDay(s);
      }
    }
    return slow(s);
  }

  /**
   * Epoch milliseconds of an ISO-8601 date-time (a value without offset is UTC; a plain date is its
   * midnight UTC), or null when it is not one. The common shapes are parsed by hand, the rest by
   * {@code java.time}.
   */
  public static Long epochMillis(String s) {
    return epochMillis((CharSequence) s);
  }

  /** {@link #epochMillis(String)} of text held elsewhere (a slice of a column's bytes), without copying it in the common shapes. */
  public static Long epochMillis(CharSequence s) {
    int n = s.length();
    if (n == 10 && datePart(s) && validDay(s)) {
      return epochDay(s) * 86_400_000L;
    }
    if (n >= 19 && datePart(s) && (s.charAt(10) == 'T' || s.charAt(10) == ' ') && timePart(s, 11) && validDay(s)) {
      long millis = epochDay(s) * 86_400_000L + num(s, 11, 2) * 3_600_000L + num(s, 14, 2) * 60_000L + num(s, 17, 2) * 1000L;
      int i = 19;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        int fraction = 0;
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
          if (digits < 3) {
            fraction = fraction * 10 + (s.charAt(i) - '0');
            digits++;
          }
          i++;
        }
        if (i == start) {
          return slowMillis(s.toString());
        }
        while (digits++ < 3) {
          fraction *= 10;
        }
        millis += fraction;
      }
      if (i == n || (i == n - 1 && s.charAt(i) == 'Z')) {
        return millis;
      }
      if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && digits(s, i + 1, 2) && s.charAt(i + 3) == ':' && digits(s, i + 4, 2)) {
        long offset = num(s, i + 1, 2) * 3_600_000L + num(s, i + 4, 2) * 60_000L;
        return s.charAt(i) == '+' ? millis - offset : millis + offset;
      }
    }
    return slowMillis(s.toString());
  }

  /** Days since 1970-01-01 of an ISO date string, or null. */
  public static Integer epochDays(String s) {
    return epochDays((CharSequence) s);
  }

  /** {@link #epochDays(String)} of text held elsewhere, without copying it when it is a plain yyyy-mm-dd. */
  public static Integer epochDays(CharSequence s) {
    if (s.length() == 10 && datePart(s) && validDay(s)) {
      return (int) epochDay(s);
    }
    try {
      return (int) LocalDate.parse(s).toEpochDay();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Days since 1970-01-01 of a validated yyyy-mm-dd prefix, by the civil-calendar formula (no objects). */
  private static long epochDay(CharSequence s) {
    long y = num(s, 0, 4);
    int m = num(s, 5, 2);
    int d = num(s, 8, 2);
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  private static Long slowMillis(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // other accepted forms follow
    }
    try {
      return LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean slow(CharSequence s) {
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      // other accepted forms follow
    }
    try {
      LocalDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      // a plain date is accepted as a date-time too
    }
    return isDate(s);
  }

  private static boolean datePart(CharSequence s) {
    return digits(s, 0, 4) && s.charAt(4) == '-' && digits(s, 5, 2) && s.charAt(7) == '-' && digits(s, 8, 2);
  }

  private static boolean timePart(CharSequence s, int at) {
    return digits(s, at, 2) && s.charAt(at + 2) == ':' && digits(s, at + 3, 2) && s.charAt(at + 5) == ':' && digits(s, at + 6, 2)
        && num(s, at, 2) < 24 && num(s, at + 3, 2) < 60 && num(s, at + 6, 2) < 61;
  }

  private static boolean validDay(CharSequence s) {
    int year = num(s, 0, 4);
    int month = num(s, 5, 2);
    int day = num(s, 8, 2);
    if (month < 1 || month > 12 || day < 1) {
      return false;
    }
    int max = switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
    return day <= max;
  }

  private static boolean digits(CharSequence s, int at, int count) {
    if (at + count > s.length()) {
      return false;
    }
    for (int i = at; i < at + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(CharSequence s, int at, int count) {
    int v = 0;
    for (int i = at; i < at + count; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }
}
