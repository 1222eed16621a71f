package dev.asyncdb.bench.workload.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.bench.data.AppDatasetGenerator;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OperationMixTest {

  @Test
  void drawsTheDefaultSharesFromASeededGenerator() {
    OperationMix mix = new OperationMix(OperationMix.Shares.DEFAULT, 1_000_000);
    Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      counts.merge(mix.next(random), 1, Integer::sum);
    }
    assertThat(counts.get(Operation.LOOKUP)).isBetween(79_000, 81_000);
    assertThat(counts.get(Operation.RANGE)).isBetween(14_000, 16_000);
    assertThat(counts.get(Operation.INSERT)).isBetween(4_500, 5_500);
  }

  @Test
  void aKindWithNoShareIsNeverDrawn() {
    OperationMix mix = new OperationMix(OperationMix.Shares.parse("95, 0, 5"), 100);
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 10_000; i++) {
      assertThat(mix.next(random)).isNotEqualTo(Operation.RANGE);
    }
  }

  @Test
  void idsAreExistingPosts() {
    OperationMix mix = new OperationMix(OperationMix.Shares.DEFAULT, 3);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1_000; i++) {
      assertThat(mix.postId(random)).isIn("p_1", "p_2", "p_3");
    }
  }

  @Test
  void windowsHoldAbout25PostsAndLieInsideTheDatasetsRange() {
    long posts = 1_000_000;
    OperationMix mix = new OperationMix(OperationMix.Shares.DEFAULT, posts);
    long span = AppDatasetGenerator.createdAtEnd().getEpochSecond() - AppDatasetGenerator.firstCreatedAt().getEpochSecond();
    assertThat(mix.windowLength()).isEqualTo(Duration.ofSeconds(span * 25 / posts));
    LocalDateTime first = LocalDateTime.ofInstant(AppDatasetGenerator.firstCreatedAt(), ZoneOffset.UTC);
    LocalDateTime end = LocalDateTime.ofInstant(AppDatasetGenerator.createdAtEnd(), ZoneOffset.UTC);
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 1_000; i++) {
      Window w = mix.window(random);
      assertThat(w.from()).isAfterOrEqualTo(first);
      assertThat(w.to()).isBeforeOrEqualTo(end);
      assertThat(Duration.between(w.from(), w.to())).isEqualTo(mix.windowLength());
    }
  }

  @Test
  void aTinyDatasetsWindowIsTheWholeRange() {
    OperationMix mix = new OperationMix(OperationMix.Shares.DEFAULT, 1);
    Window w = mix.window(new SplittableRandom(5));
    assertThat(w.from()).isEqualTo(LocalDateTime.ofInstant(AppDatasetGenerator.firstCreatedAt(), ZoneOffset.UTC));
    assertThat(w.to()).isEqualTo(LocalDateTime.ofInstant(AppDatasetGenerator.createdAtEnd(), ZoneOffset.UTC));
  }

  @Test
  void refusesBadSharesAndDatasets() {
    assertThatThrownBy(() -> OperationMix.Shares.parse("80,15")).hasMessageContaining("three percentages")
        .hasMessageContaining("80,15");
    assertThatThrownBy(() -> OperationMix.Shares.parse("80,15,6")).hasMessageContaining("add up to 100")
        .hasMessageContaining("80,15,6");
    assertThatThrownBy(() -> OperationMix.Shares.parse("a,b,c")).hasMessageContaining("whole percentages");
    assertThatThrownBy(() -> OperationMix.Shares.parse("110,-10,0")).hasMessageContaining("add up to 100");
    assertThatThrownBy(() -> new OperationMix(OperationMix.Shares.DEFAULT, 0)).hasMessageContaining("at least one post, got 0");
  }

  @Test
  void sharesReadAsTheirPercentages() {
    OperationMix.Shares shares = OperationMix.Shares.parse("70,20,10");
    assertThat(shares.of(Operation.LOOKUP)).isEqualTo(70);
    assertThat(shares.of(Operation.RANGE)).isEqualTo(20);
    assertThat(shares.of(Operation.INSERT)).isEqualTo(10);
    assertThat(shares).hasToString("70% point lookups, 20% range queries, 10% inserts");
  }
}
