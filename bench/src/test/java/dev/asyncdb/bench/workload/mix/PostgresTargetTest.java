package dev.asyncdb.bench.workload.mix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.bench.PostgresAvailable;
import dev.asyncdb.bench.data.AppDatasetGenerator;
import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.workload.PostgresPeer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** W11's PostgreSQL peer on the test server: the same answers as Async DB, and a reused table. */
@ExtendWith(PostgresAvailable.class)
class PostgresTargetTest {
  private static final String SCHEMA = "bench_w11_test_" + ProcessHandle.current().pid();
  private static final String REUSED = SCHEMA + "_reused";

  @TempDir
  static Path work;
  private static Dataset app;
  private static TimeZone zone;

  @BeforeAll
  static void dataset() throws Exception {
    zone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC")); // as bench/run.sh runs the harness
    app = new AppDatasetGenerator().ensure(work, 0.001);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    TimeZone.setDefault(zone);
    String url = PostgresPeer.url("PostgresTargetTest");
    if (url != null) {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        s.execute("DROP SCHEMA IF EXISTS " + REUSED + " CASCADE");
      }
    }
  }

  private static PostgresTarget target(String schema, ByteArrayOutputStream log) {
    return new PostgresTarget(PostgresPeer.url("PostgresTargetTest"), schema, app, new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @Test
  void answersAsAsyncDbDoesOnTheSamePostsAndStoresEveryAcknowledgedInsert() throws Exception {
    OperationMix mix = new OperationMix(OperationMix.Shares.DEFAULT, 1_000);
    Path inserts = LoadProject.insertsSchema(work.resolve("ddl"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (LoadTarget postgres = target(SCHEMA, log); LoadTarget asyncDb = new EmbeddedTarget(work.resolve("embedded"), app, inserts)) {
      postgres.open();
      asyncDb.open();
      assertThat(answers(postgres, mix)).isEqualTo(answers(asyncDb, mix));

      LoadRun run = new LoadRunner(mix, 4, new AtomicLong(), Duration.ofMinutes(1)).run(postgres::client, Duration.ofMinutes(5), 50, 5);
      assertThat(run.errors()).as("the first: %s", run.of(Operation.LOOKUP).firstError()).isZero();
      assertThat(postgres.insertedRows()).isEqualTo(run.of(Operation.INSERT).succeeded());
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("loaded 1,000 posts into " + SCHEMA + ".posts");
  }

  @Test
  void aLoadedTableIsReusedAndTheInsertTableStartsEmpty() throws Exception {
    ByteArrayOutputStream firstLog = new ByteArrayOutputStream();
    try (LoadTarget first = target(REUSED, firstLog)) {
      first.open();
      try (LoadClient client = first.client()) {
        client.insert(1, "p_1");
      }
      assertThat(first.insertedRows()).isEqualTo(1);
    }
    assertThat(firstLog.toString(StandardCharsets.UTF_8)).contains("loaded 1,000 posts");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (LoadTarget again = target(REUSED, log)) {
      again.open();
      assertThat(again.insertedRows()).isZero();
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("loaded");
  }

  private static List<List<String>> answers(LoadTarget target, OperationMix mix) throws Exception {
    List<List<String>> out = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(8);
    try (LoadClient client = target.client()) {
      for (int i = 0; i < 10; i++) {
        String id = mix.postId(random);
        out.add(List.of(id, client.lookup(id)));
        out.add(client.range(mix.window(random)));
      }
    }
    return out;
  }
}
