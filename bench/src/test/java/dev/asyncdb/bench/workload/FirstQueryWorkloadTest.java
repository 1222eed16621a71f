package dev.asyncdb.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.bench.data.AppDatasetGenerator;
import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.verify.ReferenceResults;
import dev.asyncdb.bench.verify.ResultComparator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** W12 end to end over 1,000 posts in child JVMs, its failure paths and its target sentence. */
class FirstQueryWorkloadTest {

  @TempDir
  Path work;

  private RunContext context(Dataset app, ByteArrayOutputStream log) {
    return new RunContext(app, RunPolicy.smoke(),
        new ReferenceResults(new ResultComparator(ResultComparator.DEFAULT_TOLERANCE)), work.resolve("scratch"),
        new PrintStream(log, true, StandardCharsets.UTF_8), engine -> {});
  }

  @Test
  void firstOpenAndReopenAnswerCorrectlyInChildJvms() throws Exception {
    Dataset app = new AppDatasetGenerator().ensure(work, 0.001);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    FirstQueryWorkload w12 = new FirstQueryWorkload(System.getProperty("java.class.path"), "the test class path");
    WorkloadResult result = w12.newResult();

    w12.run(app, context(app, log), result);

    Map<String, CaseResult> rows = result.cases().stream().collect(Collectors.toMap(CaseResult::label, r -> r));
    for (String label : List.of(FirstQueryWorkload.FIRST_TOTAL, FirstQueryWorkload.FIRST_CONNECT,
        FirstQueryWorkload.FIRST_CPU, FirstQueryWorkload.REOPEN_TOTAL, FirstQueryWorkload.REOPEN_CONNECT,
        FirstQueryWorkload.REOPEN_CPU, FirstQueryWorkload.REOPEN_LOOKUP)) {
      Outcome outcome = rows.get(label).outcomes().get("Async DB");
      assertThat(outcome.status()).as("%s: %s", label, outcome.message()).isEqualTo(Outcome.Status.OK);
      assertThat(outcome.measurement().median()).isPositive();
    }
    Outcome total = rows.get(FirstQueryWorkload.REOPEN_TOTAL).outcomes().get("Async DB");
    Outcome connect = rows.get(FirstQueryWorkload.REOPEN_CONNECT).outcomes().get("Async DB");
    assertThat(connect.measurement().median()).isLessThan(total.measurement().median());
    // The test class path has folders, which class-data sharing cannot archive: said, not failed.
    for (String label : List.of(FirstQueryWorkload.CDS_TOTAL, FirstQueryWorkload.CDS_CPU)) {
      Outcome outcome = rows.get(label).outcomes().get("Async DB");
      assertThat(outcome.status()).as(label).isEqualTo(Outcome.Status.UNAVAILABLE);
      assertThat(outcome.message()).contains("archives classes from jars only").contains("is no jar");
    }
    // The reopen ran on the project the first open left behind, runtime state included.
    assertThat(work.resolve("scratch/w12/project-1/.db/state/.sources.json")).exists();
    assertThat(result.notes()).singleElement().asString()
        .contains("at scale 0.001, so it is not checked here").contains("first open ").contains("reopen ");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("[W12] reopen: getConnection to first result");
  }

  @Test
  void aChildWithoutTheDriverIsAnErrorNamingItsLog() throws Exception {
    Dataset app = new AppDatasetGenerator().ensure(work, 0.001);
    Path empty = Files.createDirectories(work.resolve("no-driver"));
    FirstQueryWorkload w12 = new FirstQueryWorkload(empty.toString(), "an empty folder");
    WorkloadResult result = w12.newResult();

    w12.run(app, context(app, new ByteArrayOutputStream()), result);

    for (CaseResult row : result.cases()) {
      Outcome outcome = row.outcomes().get("Async DB");
      assertThat(outcome.status()).as(row.label()).isEqualTo(Outcome.Status.ERROR);
      assertThat(outcome.message()).contains("No suitable driver").contains("w12-first-1.log");
    }
    assertThat(result.notes()).singleElement().asString().contains("first open **not checked**");
  }

  @Test
  void theExpectedAnswersComeFromTheFileAndAFileThatIsNoArrayIsRefused() throws IOException {
    Path posts = work.resolve("posts.json");
    Files.writeString(posts, """
        [{"id": "p1", "title": "one", "status": "published"},
         {"id": "p2", "status": "draft", "tags": ["x", {"y": 1}]},
         {"id": "p3", "title": "three", "status": "published"}]""");
    FirstQueryWorkload.Expected expected = FirstQueryWorkload.Expected.scan(posts);
    assertThat(expected.published()).isEqualTo(2);
    assertThat(expected.id()).isEqualTo("p1");
    assertThat(expected.title()).isEqualTo("one");

    Files.writeString(posts, "{\"id\": \"p1\"}");
    assertThatThrownBy(() -> FirstQueryWorkload.Expected.scan(posts)).isInstanceOf(IOException.class)
        .hasMessageContaining(posts.toString()).hasMessageContaining("not a JSON array");
    Files.writeString(posts, "[]");
    assertThatThrownBy(() -> FirstQueryWorkload.Expected.scan(posts)).hasMessageContaining("holds no posts");
  }

  @Test
  void theTargetIsJudgedOnlyAtScaleOne() {
    WorkloadResult result = new WorkloadResult("W12", "t", "d");
    result.record(FirstQueryWorkload.FIRST_TOTAL, Unit.SECONDS, "Async DB", Outcome.ok(Measurement.of(List.of(2.5, 2.4))));
    result.record(FirstQueryWorkload.REOPEN_TOTAL, Unit.SECONDS, "Async DB", Outcome.ok(Measurement.of(List.of(1.2))));
    result.record(FirstQueryWorkload.CDS_TOTAL, Unit.SECONDS, "Async DB", Outcome.unavailable("no jars"));

    assertThat(FirstQueryWorkload.targetNote(result, 1))
        .isEqualTo("Target: at most 2 s from getConnection to the first result on the app dataset at scale 1:"
            + " first open 2.45 s — **not met**; reopen 1.20 s — **met**.");
    WorkloadResult shared = new WorkloadResult("W12", "t", "d");
    shared.record(FirstQueryWorkload.CDS_TOTAL, Unit.SECONDS, "Async DB", Outcome.ok(Measurement.of(List.of(1.5))));
    assertThat(FirstQueryWorkload.targetNote(shared, 1)).endsWith(": reopen, class-data sharing 1.50 s — **met**.");
    assertThat(FirstQueryWorkload.targetNote(result, 0.01)).contains("not checked here").contains("reopen 1.20 s.")
        .doesNotContain("met**");
  }

  @Test
  void theProbeQuotesTextAsJson() {
    assertThat(FirstQueryProbe.quote("a \"b\" \\ c\n")).isEqualTo("\"a \\\"b\\\" \\\\ c\\u000a\"");
    assertThat(FirstQueryProbe.quote(null)).isEqualTo("null");
  }
}
