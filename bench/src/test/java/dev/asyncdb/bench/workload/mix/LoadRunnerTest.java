package dev.asyncdb.bench.workload.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.bench.data.AppDatasetGenerator;
import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.engine.AsyncDbEngine;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.ServerConfig;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The runner and the clients against real Async DB targets over a 1,000-post dataset. */
class LoadRunnerTest {
  private static final long POSTS = 1_000;

  @TempDir
  static Path work;
  private static Dataset app;
  private static Path inserts;
  private static TimeZone zone;

  @BeforeAll
  static void dataset() throws Exception {
    zone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC")); // as bench/run.sh runs the harness
    app = new AppDatasetGenerator().ensure(work, 0.001);
    inserts = LoadProject.insertsSchema(work.resolve("ddl"));
  }

  @AfterAll
  static void restoreZone() {
    TimeZone.setDefault(zone);
  }

  static LoadTarget target(String kind) {
    Path project = work.resolve("targets").resolve(kind);
    return switch (kind) {
      case "embedded" -> new EmbeddedTarget(project, app, inserts);
      case "avatica" -> new ServerTarget(project, app, inserts, ServerTarget.Protocol.AVATICA);
      case "rest" -> new ServerTarget(project, app, inserts, ServerTarget.Protocol.REST);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static LoadRunner runner(String shares, int clients, Duration grace) {
    return new LoadRunner(new OperationMix(OperationMix.Shares.parse(shares), POSTS), clients, new AtomicLong(), grace);
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "avatica", "rest"})
  void everyClientRunsItsOperationsAndEveryAcknowledgedInsertIsStored(String kind) throws Exception {
    try (LoadTarget target = target(kind)) {
      target.open();
      LoadRun run = runner("60,20,20", 4, Duration.ofMinutes(1)).run(target::client, Duration.ofMinutes(5), 50, 7);

      long total = 0;
      for (Operation op : Operation.values()) {
        OperationSamples s = run.of(op);
        assertThat(s.errors()).as("%s errors on %s, the first: %s", op, kind, s.firstError()).isZero();
        assertThat(s.succeeded()).as("%s on %s", op, kind).isPositive();
        total += s.succeeded();
      }
      assertThat(total).isEqualTo(4 * 50);
      assertThat(run.seconds()).isPositive();
      assertThat(target.insertedRows()).isEqualTo(run.of(Operation.INSERT).succeeded());
    }
  }

  @Test
  void everyAsyncDbTargetGivesTheSameAnswers() throws Exception {
    OperationMix mix = new OperationMix(OperationMix.Shares.DEFAULT, POSTS);
    List<List<String>> expected = null;
    for (String kind : List.of("embedded", "avatica", "rest")) {
      List<List<String>> answers = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(3);
      try (LoadTarget target = target(kind); LoadClient client = openAndConnect(target)) {
        for (int i = 0; i < 10; i++) {
          String id = mix.postId(random);
          answers.add(List.of(id, client.lookup(id)));
          answers.add(client.range(mix.window(random)));
        }
      }
      assertThat(answers.stream().filter(a -> a.size() > 2)).as("range queries that return rows").isNotEmpty();
      if (expected == null) {
        expected = answers;
      } else {
        assertThat(answers).as(kind).isEqualTo(expected);
      }
    }
  }

  private static LoadClient openAndConnect(LoadTarget target) throws Exception {
    target.open();
    return target.client();
  }

  @Test
  void aLookupOfAMissingPostIsAWrongAnswer() throws Exception {
    try (LoadTarget target = target("embedded"); LoadClient client = openAndConnect(target)) {
      assertThatThrownBy(() -> client.lookup("p_0")).isInstanceOf(WrongAnswer.class).hasMessage("no row for post p_0");
    }
  }

  @Test
  void failedOperationsAreCountedAndTheClientsGoOn() throws Exception {
    // A served project without the insert table: every REST insert is refused with 404.
    Path project = AsyncDbEngine.freshProject(work.resolve("no-inserts-rest"), app);
    try (AsyncDbServer server = AsyncDbServer.start(ServerConfig.forProject(project).withPort(0).withRestPort(0))) {
      LoadRun run = runner("50,0,50", 2, Duration.ofMinutes(1)).run(() -> new RestLoadClient(server.restUrl()), Duration.ofMinutes(5), 40, 9);

      assertThat(run.of(Operation.LOOKUP).errors()).isZero();
      assertThat(run.of(Operation.LOOKUP).succeeded()).isPositive();
      OperationSamples failed = run.of(Operation.INSERT);
      assertThat(failed.succeeded()).isZero();
      assertThat(failed.errors()).isEqualTo(2 * 40 - run.of(Operation.LOOKUP).succeeded());
      assertThat(failed.firstError()).isInstanceOf(WrongAnswer.class)
          .hasMessageContaining("POST /db/w11_inserts answered HTTP 404 where 201 was expected")
          .hasMessageContaining("DB_UNKNOWN_RESOURCE");
    }
  }

  @Test
  void aClientThatCannotPrepareItsStatementsFailsTheRun() throws Exception {
    Path project = AsyncDbEngine.freshProject(work.resolve("no-inserts-jdbc"), app);
    String url = "jdbc:asyncdb:" + project.toAbsolutePath();
    assertThatThrownBy(() -> runner("100,0,0", 2, Duration.ofMinutes(1))
        .run(() -> new JdbcLoadClient(DriverManager.getConnection(url)), Duration.ofMinutes(5), 10, 1))
        .isInstanceOf(SQLException.class).hasMessageContaining("w11_inserts");
  }

  @Test
  void aClientStillInAnOperationAfterTheGraceFailsTheRun() {
    CountDownLatch release = new CountDownLatch(1);
    LoadClient stuck = new LoadClient() {
      @Override
      public String lookup(String id) throws Exception {
        release.await();
        return "never";
      }

      @Override
      public List<String> range(Window window) {
        return List.of();
      }

      @Override
      public void insert(long n, String postId) {}

      @Override
      public void close() {
        release.countDown();
      }
    };
    try {
      assertThatThrownBy(() -> runner("100,0,0", 1, Duration.ofMillis(200)).run(() -> stuck, Duration.ofMillis(50), 10, 1))
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining("client 1 of 1 was still in an operation 200 ms after the 50 ms window ended; the target may be hung");
    } finally {
      release.countDown();
    }
  }
}
