package dev.asyncdb.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresPeerTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:54330/db?user=u";

  @Test
  void theSystemPropertyWinsOverTheEnvironment() {
    assertThat(PostgresPeer.url("W11", URL, Map.of(PostgresPeer.ENV, "jdbc:postgresql://elsewhere/db"))).isEqualTo(URL);
    assertThat(PostgresPeer.url("W11", null, Map.of(PostgresPeer.ENV, URL))).isEqualTo(URL);
  }

  @Test
  void withoutAServerOutsideCiThereIsNoPeer() {
    assertThat(PostgresPeer.url("W11", null, Map.of())).isNull();
    assertThat(PostgresPeer.url("W11", null, Map.of(PostgresPeer.ENV, " ", "CI", "false"))).isNull();
    assertThat(PostgresPeer.skipped("W11", "the PostgreSQL peer")).startsWith("[W11] WARNING: the PostgreSQL peer NOT RUN: "
        + PostgresPeer.ENV + " is not set; start one with scripts/postgres-test.sh start");
  }

  @Test
  void withoutAServerUnderCiTheRunFails() {
    assertThatThrownBy(() -> PostgresPeer.url("W11", null, Map.of("CI", "true")))
        .isInstanceOf(PostgresPeer.Required.class)
        .hasMessageContaining("W11 needs PostgreSQL under CI=true but " + PostgresPeer.ENV + " is not set")
        .hasMessageContaining("scripts/postgres-test.sh start");
  }
}
