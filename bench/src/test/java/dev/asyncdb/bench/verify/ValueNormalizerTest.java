package dev.asyncdb.bench.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ValueNormalizerTest {

  @Test
  void booleansBecomeOneAndZero() {
    assertThat(ValueNormalizer.normalize(true)).isEqualTo(1L);
    assertThat(ValueNormalizer.normalize(false)).isEqualTo(0L);
    assertThat(ValueNormalizer.normalize(1)).isEqualTo(1L);
  }

  @Test
  void wholeNumbersOfEveryDriverTypeBecomeLongs() {
    assertThat(ValueNormalizer.normalize((short) 3)).isEqualTo(3L);
    assertThat(ValueNormalizer.normalize(new BigDecimal("42.000"))).isEqualTo(42L);
    assertThat(ValueNormalizer.normalize(new BigInteger("25000000000"))).isEqualTo(25_000_000_000L);
    assertThat(ValueNormalizer.normalize(new BigDecimal("2.5"))).isEqualTo(2.5);
    assertThat(ValueNormalizer.normalize(2.5f)).isEqualTo(2.5);
  }

  @Test
  void datetimesAndIsoTextMeetInOneForm() {
    String canonical = "2024-03-01 12:34:56";
    assertThat(ValueNormalizer.normalize("2024-03-01T12:34:56Z")).isEqualTo(canonical);
    assertThat(ValueNormalizer.normalize(Timestamp.valueOf("2024-03-01 12:34:56")))
        .isEqualTo(canonical);
    assertThat(ValueNormalizer.normalize(LocalDateTime.of(2024, 3, 1, 12, 34, 56)))
        .isEqualTo(canonical);
    assertThat(ValueNormalizer.normalize(
        OffsetDateTime.of(2024, 3, 1, 13, 34, 56, 0, ZoneOffset.ofHours(1)))).isEqualTo(canonical);
  }

  @Test
  void datesAndIsoDateTextMeetInOneForm() {
    assertThat(ValueNormalizer.normalize(java.sql.Date.valueOf("1994-01-01")))
        .isEqualTo("1994-01-01");
    assertThat(ValueNormalizer.normalize(LocalDate.of(1994, 1, 1))).isEqualTo("1994-01-01");
    assertThat(ValueNormalizer.normalize("1994-01-01")).isEqualTo("1994-01-01");
  }

  @Test
  void otherTextIsKept() {
    assertThat(ValueNormalizer.normalize("Async database")).isEqualTo("Async database");
    assertThat(ValueNormalizer.normalize(null)).isNull();
  }
}
