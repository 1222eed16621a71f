package dev.asyncdb.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.bench.data.AppDatasetGenerator;
import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.verify.ReferenceResults;
import dev.asyncdb.bench.verify.ResultComparator;
import dev.asyncdb.bench.workload.mix.OperationMix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** W11 end to end over 1,000 posts: the three Async DB targets answer, a PostgreSQL that cannot be reached fails alone. */
class RemoteLoadWorkloadRunTest {

  @TempDir
  Path work;

  @Test
  void everyAsyncDbTargetRunsTheMixWithoutErrorsAndAnUnreachablePostgresFailsOnlyItsColumn() throws Exception {
    TimeZone zone = TimeZone.getDefault();
    String property = System.getProperty(PostgresPeer.PROPERTY);
    TimeZone.setDefault(TimeZone.getTimeZone("UTC")); // as bench/run.sh runs the harness
    System.setProperty(PostgresPeer.PROPERTY, "jdbc:postgresql://127.0.0.1:1/nothing?user=nobody&connectTimeout=2");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WorkloadResult result;
    try {
      Dataset app = new AppDatasetGenerator().ensure(work, 0.001);
      RunContext context = new RunContext(app, RunPolicy.smoke().withLoadWindow(Duration.ofMillis(300)),
          new ReferenceResults(new ResultComparator(ResultComparator.DEFAULT_TOLERANCE)), work.resolve("scratch"),
          new PrintStream(log, true, StandardCharsets.UTF_8), engine -> {});
      RemoteLoadWorkload w11 = new RemoteLoadWorkload(OperationMix.Shares.DEFAULT);
      result = w11.newResult();
      w11.run(app, context, result);
    } finally {
      TimeZone.setDefault(zone);
      if (property == null) {
        System.clearProperty(PostgresPeer.PROPERTY);
      } else {
        System.setProperty(PostgresPeer.PROPERTY, property);
      }
    }

    Map<String, CaseResult> rows = result.cases().stream().collect(Collectors.toMap(CaseResult::label, r -> r));
    for (String engine : List.of("Async DB", "Async DB (remote)", "Async DB (REST)")) {
      for (String label : List.of("point lookup p50", "range query p99", "inserts", "all operations, 16 clients",
          "heap after GC, after each run")) {
        assertThat(rows.get(label).outcomes().get(engine).status()).as("%s on %s: %s", label, engine,
            rows.get(label).outcomes().get(engine).message()).isEqualTo(Outcome.Status.OK);
      }
      for (String label : List.of("point lookup errors", "range query errors", "insert errors")) {
        Outcome errors = rows.get(label).outcomes().get(engine);
        assertThat(errors.status()).as("%s on %s: %s", label, engine, errors.message()).isEqualTo(Outcome.Status.OK);
        assertThat(errors.measurement().max()).isZero();
      }
    }
    Outcome postgres = rows.get("point lookup p50").outcomes().get("PostgreSQL");
    assertThat(postgres.status()).isEqualTo(Outcome.Status.ERROR);
    assertThat(postgres.message()).contains("127.0.0.1:1");
    assertThat(rows.get("heap after GC, before the runs").outcomes()).doesNotContainKey("PostgreSQL");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("[W11] PostgreSQL failed: ");
    assertThat(result.notes()).anyMatch(n -> n.endsWith("**not checked** (a figure is missing or failed)."));
    assertThat(result.notes()).anyMatch(n -> n.startsWith("Heap after a full GC") && n.contains("Async DB (REST)"));
  }
}
