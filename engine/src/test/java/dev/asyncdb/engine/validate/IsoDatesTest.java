package dev.asyncdb.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The hand-written ISO-8601 paths agree with java.time on every shape they accept. */
class IsoDatesTest {
  @Test
  void epochMillisMatchesJavaTime() {
    for (String s : new String[] {"2024-03-01T12:34:56Z", "2024-03-01T12:34:56.7Z", "2024-03-01T12:34:56.789Z", "2024-03-01T12:34:56.789123Z",
        "2024-02-29T23:59:59+02:00", "1969-12-31T23:59:59-05:30", "2000-01-01T00:00:00.000+00:00"}) {
      assertThat(IsoDates.epochMillis(s)).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant().toEpochMilli());
    }
    assertThat(IsoDates.epochMillis("2024-03-01T12:34:56")).isEqualTo(Instant.parse("2024-03-01T12:34:56Z").toEpochMilli());
    assertThat(IsoDates.epochMillis("2024-03-01")).isEqualTo(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli());
    assertThat(IsoDates.epochMillis("2023-02-29T00:00:00Z")).isNull();
    assertThat(IsoDates.epochMillis("yesterday")).isNull();
  }

  @Test
  void epochDaysAgreeWithJavaTimeAcrossCenturiesAndLeapYears() {
    for (LocalDate d = LocalDate.of(1899, 12, 25); d.isBefore(LocalDate.of(2101, 3, 5)); d = d.plusDays(17)) {
      assertThat(IsoDates.epochDays(d.toString())).as(d.toString()).isEqualTo((int) d.toEpochDay());
    }
  }

  @Test
  void epochDaysAndValidity() {
    assertThat(IsoDates.epochDays("1998-09-02")).isEqualTo((int) LocalDate.parse("1998-09-02").toEpochDay());
    assertThat(IsoDates.epochDays("1998-13-02")).isNull();
    assertThat(IsoDates.isDateTime("2024-03-01T25:00:00Z")).isFalse();
    assertThat(IsoDates.isDate("2024-02-29")).isTrue();
    assertThat(IsoDates.isDate("2100-02-29")).isFalse();
  }
}
