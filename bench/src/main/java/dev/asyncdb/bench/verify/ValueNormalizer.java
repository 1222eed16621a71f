package dev.asyncdb.bench.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Maps the values different drivers return for the same SQL value onto one form: whole numbers
 * to {@link Long}, other numbers to {@link Double}, booleans to 1/0, and dates and datetimes
 * (typed, or ISO text as SQLite and the JSON file adapter return them) to canonical text.
 */
public final class ValueNormalizer {

  private static final Pattern ISO_DATETIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?"
          + "(Z|[+-]\\d{2}:?\\d{2})?");
  private static final DateTimeFormatter CANONICAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private ValueNormalizer() {}

  /** The normalized form of one value as returned by {@code ResultSet.getObject}. */
  public static Object normalize(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (value instanceof Byte || value instanceof Short || value instanceof Integer
        || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof BigDecimal decimal) {
      return normalizeDecimal(decimal);
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof Timestamp ts) {
      return datetime(ts.toLocalDateTime());
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof LocalDateTime ldt) {
      return datetime(ldt);
    }
    if (value instanceof OffsetDateTime odt) {
      return datetime(odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }
    if (value instanceof Instant instant) {
      return datetime(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof String text) {
      return normalizeText(text);
    }
    return value.toString();
  }

  private static Object normalizeDecimal(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
      return stripped.longValueExact();
    }
    return decimal.doubleValue();
  }

  private static String normalizeText(String text) {
    if (text.length() >= 16 && text.length() <= 35 && ISO_DATETIME.matcher(text).matches()) {
      return datetime(parseDatetime(text));
    }
    return text;
  }

  private static LocalDateTime parseDatetime(String text) {
    String iso = text.replace(' ', 'T');
    if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:?\\d{2}$")) {
      return OffsetDateTime.parse(iso.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2"))
          .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    return LocalDateTime.parse(iso);
  }

  private static String datetime(LocalDateTime value) {
    String text = CANONICAL.format(value);
    return value.getNano() == 0 ? text : text + "." + String.format("%09d", value.getNano())
        .replaceFirst("0+$", "");
  }
}
