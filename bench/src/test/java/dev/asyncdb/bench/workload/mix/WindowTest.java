package dev.asyncdb.bench.workload.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowTest {
  private static final LocalDateTime T0 = LocalDateTime.of(2024, 5, 1, 10, 0);
  private final Window window = new Window(T0, T0.plusHours(1));

  @Test
  void acceptsRowsInsideTheWindowOrderedByCreatedAtThenId() throws Exception {
    List<String> ids = List.of("p_7", "p_3", "p_9");
    assertThat(window.check(ids, List.of(T0, T0.plusMinutes(5), T0.plusMinutes(5)))).isEqualTo(ids);
    assertThat(window.check(List.of(), List.of())).isEmpty();
    assertThat(window.check(List.of("p_1"), List.of(T0.plusHours(1)))).containsExactly("p_1");
  }

  @Test
  void refusesRowsOutsideTheWindow() {
    assertThatThrownBy(() -> window.check(List.of("p_1"), List.of(T0.minusSeconds(1))))
        .isInstanceOf(WrongAnswer.class)
        .hasMessageContaining("p_1 created at 2024-05-01T09:59:59, outside the range");
    assertThatThrownBy(() -> window.check(List.of("p_2"), Collections.singletonList(null)))
        .hasMessageContaining("p_2 created at null");
  }

  @Test
  void refusesRowsOutOfOrder() {
    assertThatThrownBy(() -> window.check(List.of("p_1", "p_2"), List.of(T0.plusMinutes(2), T0.plusMinutes(1))))
        .isInstanceOf(WrongAnswer.class).hasMessageContaining("not ordered by createdAt, id: p_1");
    assertThatThrownBy(() -> window.check(List.of("p_9", "p_3"), List.of(T0, T0)))
        .hasMessageContaining("p_9 (2024-05-01T10:00) before p_3 (2024-05-01T10:00)");
  }

  @Test
  void refusesMoreRowsThanTheLimit() {
    List<String> ids = new ArrayList<>();
    List<LocalDateTime> at = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      ids.add("p_" + (100 + i));
      at.add(T0.plusSeconds(i));
    }
    assertThatThrownBy(() -> window.check(ids, at)).hasMessageContaining("returned 21 rows, more than LIMIT 20");
  }
}
