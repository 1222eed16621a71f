package dev.asyncdb.engine.json;

import java.time.Instant;
import java.nio.charset.StandardCharsets;

/**
 * The ISO-8601 text of an instant given in epoch milliseconds, exactly as {@link Instant#toString()}
 * prints it ({@code 2023-11-14T22:13:20Z}, {@code …20.250Z}) — without the formatter machinery,
 * which costs a microsecond per value and dominated bulk SQL inserts of timestamp columns.
 */
public final class InstantText {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private InstantText() {}

  public static String ofEpochMilli(long millis) {
    byte[] c = new byte[MAX_LENGTH];
    int n = write(millis, c, 0);
    if (n < 0) {
      return Instant.ofEpochMilli(millis).toString(); // signed or five-digit years: the JDK's rules
    }
    return new String(c, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** The first and the last instant of years 0000–9999, the ones {@link #write} writes. */
  public static final long FIRST_PLAIN = -62_167_219_200_000L;
  public static final long LAST_PLAIN = 253_402_300_799_999L;

  /** The longest text {@link #write} writes. */
  public static final int MAX_LENGTH = 24;

  /**
   * Writes {@link #ofEpochMilli}'s text as ASCII bytes at {@code at} of {@code c} (room for
   * {@link #MAX_LENGTH} bytes is the caller's); returns the offset after it, or -1 for a year
   * outside 0000–9999 (nothing written: {@link #ofEpochMilli} gives the JDK's text for those).
   */
  public static int write(long millis, byte[] c, int at) {
    long day = Math.floorDiv(millis, MILLIS_PER_DAY);
    int inDay = (int) Math.floorMod(millis, MILLIS_PER_DAY);
    // The proleptic Gregorian date of an epoch day by integer arithmetic (H. Hinnant's civil_from_days):
    // no LocalDate (its validation and object) per value of a bulk insert.
    long z = day + 719_468;
    long era = Math.floorDiv(z, 146_097);
    int doe = (int) (z - era * 146_097);
    int yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dayOfMonth = doy - (153 * mp + 2) / 5 + 1;
    int month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return -1;
    }
    int ms = inDay % 1000;
    int seconds = inDay / 1000;
    digits(c, at, (int) year, 4);
    c[at + 4] = '-';
    digits(c, at + 5, month, 2);
    c[at + 7] = '-';
    digits(c, at + 8, dayOfMonth, 2);
    c[at + 10] = 'T';
    digits(c, at + 11, seconds / 3600, 2);
    c[at + 13] = ':';
    digits(c, at + 14, seconds / 60 % 60, 2);
    c[at + 16] = ':';
    digits(c, at + 17, seconds % 60, 2);
    int end = at + 19;
    if (ms != 0) {
      c[end] = '.';
      digits(c, end + 1, ms, 3);
      end += 4;
    }
    c[end] = 'Z';
    return end + 1;
  }

  private static void digits(byte[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
