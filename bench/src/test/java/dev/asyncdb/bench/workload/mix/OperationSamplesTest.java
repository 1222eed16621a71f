package dev.asyncdb.bench.workload.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperationSamplesTest {

  @Test
  void percentilesAreNearestRankOverEveryClientsSamples() {
    OperationSamples a = new OperationSamples();
    OperationSamples b = new OperationSamples();
    for (int i = 1; i <= 100; i++) {
      (i % 2 == 0 ? a : b).add(i * 1_000_000L); // 1..100 ms, split over two clients
    }
    OperationSamples all = OperationSamples.merge(List.of(a, b));
    assertThat(all.succeeded()).isEqualTo(100);
    assertThat(all.percentileMillis(0.50)).isEqualTo(50.0);
    assertThat(all.percentileMillis(0.99)).isEqualTo(99.0);
    assertThat(all.percentileMillis(1.0)).isEqualTo(100.0);
  }

  @Test
  void aSingleSampleIsEveryPercentile() {
    OperationSamples one = new OperationSamples();
    one.add(2_500_000);
    assertThat(one.percentileMillis(0.5)).isEqualTo(2.5);
    assertThat(one.percentileMillis(0.99)).isEqualTo(2.5);
  }

  @Test
  void errorsAreCountedAndTheFirstIsKept() {
    OperationSamples a = new OperationSamples();
    a.error(new WrongAnswer("first"));
    a.error(new IllegalStateException("second"));
    OperationSamples b = new OperationSamples();
    b.error(new WrongAnswer("third"));
    OperationSamples all = OperationSamples.merge(List.of(a, b));
    assertThat(all.errors()).isEqualTo(3);
    assertThat(all.firstError()).hasMessage("first");
    assertThat(all.succeeded()).isZero();
  }

  @Test
  void noLatencyWithoutASucceededOperation() {
    OperationSamples none = OperationSamples.merge(List.of(new OperationSamples()));
    assertThatThrownBy(() -> none.percentileMillis(0.5)).hasMessageContaining("no operation of this kind succeeded");
    OperationSamples one = new OperationSamples();
    one.add(1);
    assertThatThrownBy(() -> one.percentileMillis(0)).hasMessageContaining("quantile must be in (0, 1], got 0.0");
  }
}
