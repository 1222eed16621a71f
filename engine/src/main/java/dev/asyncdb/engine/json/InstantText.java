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
      return Instant.ofEpochMilli(millis).toString(); // signed or five-digit years: the JDK's rules
    }
    int ms = inDay % 1000;
    int seconds = inDay / 1000;
    byte[] c = new byte[ms == 0 ? 20 : 24];
    digits(c, 0, (int) year, 4);
    c[4] = '-';
    digits(c, 5, month, 2);
    c[7] = '-';
    digits(c, 8, dayOfMonth, 2);
    c[10] = 'T';
    digits(c, 11, seconds / 3600, 2);
    c[13] = ':';
    digits(c, 14, seconds / 60 % 60, 2);
    c[16] = ':';
    digits(c, 17, seconds % 60, 2);
    if (ms != 0) {
      c[19] = '.';
      digits(c, 20, ms, 3);
    }
    c[c.length - 1] = 'Z';
    return new String(c, StandardCharsets.ISO_8859_1);
  }

  private static void digits(byte[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
