package dev.asyncdb.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementTest {

  @Test
  void oddRunCountsTakeTheMiddleValue() {
    assertThat(Measurement.of(List.of(5.0, 1.0, 3.0))).isEqualTo(new Measurement(3, 1, 5, 3));
  }

  @Test
  void evenRunCountsAverageTheTwoMiddleValues() {
    assertThat(Measurement.of(List.of(4.0, 1.0, 2.0, 10.0)))
        .isEqualTo(new Measurement(3, 1, 10, 4));
  }

  @Test
  void noRunsIsAnError() {
    assertThatThrownBy(() -> Measurement.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
