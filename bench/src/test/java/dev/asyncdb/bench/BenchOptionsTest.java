package dev.asyncdb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.bench.workload.mix.OperationMix;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsToAFullRunAtScaleOneIntoDocs() {
    BenchOptions options = BenchOptions.parse();
    assertThat(options.scale()).isEqualTo(1.0);
    assertThat(options.smoke()).isFalse();
    assertThat(options.out()).isEqualTo(Path.of("docs", "benchmarks.md"));
    assertThat(options.work()).isEqualTo(Path.of("bench", "runs"));
    assertThat(options.selected("W8")).isTrue();
  }

  @Test
  void smokeUsesATinyScaleAndWritesUnderWork() {
    BenchOptions options = BenchOptions.parse("--smoke", "--work", "w");
    assertThat(options.scale()).isEqualTo(0.01);
    assertThat(options.out()).isEqualTo(Path.of("w", "smoke-report.md"));
  }

  @Test
  void onlySelectsTheNamedWorkloads() {
    BenchOptions options = BenchOptions.parse("--only", "w1,W3", "--scale", "0.5");
    assertThat(options.only()).isEqualTo(Set.of("W1", "W3"));
    assertThat(options.selected("W3")).isTrue();
    assertThat(options.selected("W2")).isFalse();
    assertThat(options.scale()).isEqualTo(0.5);
  }

  @Test
  void loadSecondsAndMixConfigureW11() {
    BenchOptions defaults = BenchOptions.parse();
    assertThat(defaults.loadSeconds()).isNull();
    assertThat(defaults.loadMix()).isEqualTo(OperationMix.Shares.DEFAULT);
    BenchOptions options = BenchOptions.parse("--load-seconds", "5", "--load-mix", "95,0,5");
    assertThat(options.loadSeconds()).isEqualTo(5.0);
    assertThat(options.loadMix()).isEqualTo(new OperationMix.Shares(95, 0, 5));
    assertThatThrownBy(() -> BenchOptions.parse("--load-seconds", "0")).hasMessageContaining("between 0.1 and 3600, not 0");
    assertThatThrownBy(() -> BenchOptions.parse("--load-seconds", "soon")).hasMessageContaining("number of seconds, not soon");
    assertThatThrownBy(() -> BenchOptions.parse("--load-mix", "80,20")).hasMessageContaining("three percentages");
  }

  @Test
  void rejectsUnknownWorkloadsScalesAndArguments() {
    assertThatThrownBy(() -> BenchOptions.parse("--only", "W13"))
        .hasMessageContaining("unknown workload W13");
    assertThatThrownBy(() -> BenchOptions.parse("--scale", "-1"))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("usage:");
    assertThatThrownBy(() -> BenchOptions.parse("--out")).hasMessageContaining("needs a value");
  }
}
