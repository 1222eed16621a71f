package dev.asyncdb.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.bench.data.FieldType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DialectTest {

  @Test
  void ansiWritesTypedLiteralsAndBindsTemporalValues() {
    assertThat(Dialect.ANSI.timestamp(LocalDateTime.of(2025, 1, 1, 0, 0)))
        .isEqualTo("TIMESTAMP '2025-01-01 00:00:00'");
    assertThat(Dialect.ANSI.date(LocalDate.of(1994, 1, 1))).isEqualTo("DATE '1994-01-01'");
    assertThat(Dialect.ANSI.bind(FieldType.DATETIME, "2024-03-01T12:34:56Z"))
        .isEqualTo(LocalDateTime.of(2024, 3, 1, 12, 34, 56));
    assertThat(Dialect.ANSI.sqlType(FieldType.DATE)).isEqualTo("DATE");
  }

  @Test
  void isoTextKeepsTheJsonTextAndComparesStrings() {
    assertThat(Dialect.ISO_TEXT.timestamp(LocalDateTime.of(2025, 1, 1, 0, 0)))
        .isEqualTo("'2025-01-01T00:00:00Z'");
    assertThat(Dialect.ISO_TEXT.date(LocalDate.of(1994, 1, 1))).isEqualTo("'1994-01-01'");
    assertThat(Dialect.ISO_TEXT.bind(FieldType.DATETIME, "2024-03-01T12:34:56Z"))
        .isEqualTo("2024-03-01T12:34:56Z");
    assertThat(Dialect.ISO_TEXT.sqlType(FieldType.DATETIME)).isEqualTo("TEXT");
  }
}
