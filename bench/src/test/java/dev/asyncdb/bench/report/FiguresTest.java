package dev.asyncdb.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.bench.workload.Measurement;
import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void numbersKeepTheDigitsWorthReading() {
    assertThat(Figures.number(183_412.7)).isEqualTo("183,413");
    assertThat(Figures.number(42.46)).isEqualTo("42.5");
    assertThat(Figures.number(3.14159)).isEqualTo("3.14");
    assertThat(Figures.number(0.0523)).isEqualTo("0.052");
  }

  @Test
  void measurementsShowTheMedianAndTheRange() {
    assertThat(Figures.measurement(new Measurement(12.5, 11, 14, 5))).isEqualTo("12.5 (11.0–14.0)");
    assertThat(Figures.measurement(new Measurement(7, 7, 7, 1))).isEqualTo("7.00 (1 run)");
  }

  @Test
  void ratiosBelowOneHundredthBecomeFractions() {
    assertThat(Figures.ratio(12.3)).isEqualTo("12×");
    assertThat(Figures.ratio(2.04)).isEqualTo("2.0×");
    assertThat(Figures.ratio(0.52)).isEqualTo("0.52×");
    assertThat(Figures.ratio(1.16 / 140_779)).isEqualTo("1/120,000×");
  }
}
