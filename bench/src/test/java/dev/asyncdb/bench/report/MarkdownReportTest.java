package dev.asyncdb.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.data.DatasetTable;
import dev.asyncdb.bench.data.AppDatasetGenerator;
import dev.asyncdb.bench.workload.Measurement;
import dev.asyncdb.bench.workload.Outcome;
import dev.asyncdb.bench.workload.Unit;
import dev.asyncdb.bench.workload.WorkloadResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  private static final Measurement TEN_MS = new Measurement(10, 9, 12, 5);

  @Test
  void rendersFactsDatasetsEnginesAndOneTablePerWorkload() {
    String md = MarkdownReport.render(model(lookups(), queries()));

    assertThat(md).contains("| Date | 2026-01-02 03:04 UTC |");
    assertThat(md).contains("| Machine | 2 cores, 4.0 GiB memory, Linux 6.1 amd64 |");
    assertThat(md).contains("| Scale | 1 (app: scale × 100k users and × 1M posts; TPC-H: scale"
        + " factor 0.1) |");
    assertThat(md).contains("| app | `posts.json` | 1,000,000 | 150.0 |");
    assertThat(md).contains("| SQLite (memory) | SQLite 3.46.1 | in memory | ISO text |");
    assertThat(md).contains("### W1 — Prepared point lookup by id");
    assertThat(md)
        .contains("| case | SQLite (memory) | DuckDB | Async DB | Async DB vs best peer |");
    assertThat(md).contains("### W6 — TPC-H");
  }

  @Test
  void throughputRatioDividesAsyncDbByTheBestPeer() {
    String md = MarkdownReport.render(model(lookups()));
    assertThat(md).contains("| posts by id (ops/s, higher is better) | 180,000 (170,000–190,000)"
        + " | 20,000 (19,000–21,000) | 90,000 (80,000–95,000) | 0.50× (SQLite (memory)) |");
  }

  @Test
  void asyncDbsOtherSetupsAreNotItsPeers() {
    WorkloadResult w = new WorkloadResult("W1", "Prepared point lookup by id", "Lookups.");
    w.record("posts by id", Unit.OPS_PER_SECOND, "SQLite (memory)", Outcome.ok(new Measurement(100_000, 90_000, 110_000, 5)));
    w.record("posts by id", Unit.OPS_PER_SECOND, "Async DB", Outcome.ok(new Measurement(50_000, 40_000, 60_000, 5)));
    w.record("posts by id", Unit.OPS_PER_SECOND, "Async DB (remote)", Outcome.ok(new Measurement(200_000, 190_000, 210_000, 5)));
    assertThat(MarkdownReport.render(model(w))).contains("| 0.50× (SQLite (memory)) |");
  }

  @Test
  void timeRatioDividesTheBestPeerByAsyncDb() {
    String md = MarkdownReport.render(model(queries()));
    assertThat(md).contains("| Q1 (ms, lower is better) | 10.0 (9.00–12.0) | 5.00 (1 run) |"
        + " 2.50 (2.00–3.00) | 2.0× (DuckDB) |");
  }

  @Test
  void failuresAndMismatchesAreShownInTheTable() {
    WorkloadResult w = new WorkloadResult("W6", "TPC-H", "Queries.");
    w.record("Q5", Unit.MILLISECONDS, "SQLite (memory)", Outcome.ok(TEN_MS));
    w.record("Q5", Unit.MILLISECONDS, "Calcite", Outcome.error("SQLException: no | such"));
    w.record("Q5", Unit.MILLISECONDS, "DuckDB",
        Outcome.mismatch(TEN_MS, "differs from SQLite: row 1 column 2: expected 1 but got 2"));
    w.record("Q5", Unit.MILLISECONDS, "Async DB",
        Outcome.unavailable("n/a — jdbc:asyncdb driver not built yet"));

    String md = MarkdownReport.render(model(w));

    assertThat(md).contains("**FAILED**: SQLException: no \\| such");
    assertThat(md).contains("10.0 (9.00–12.0) **MISMATCH**: differs from SQLite: row 1 column 2:"
        + " expected 1 but got 2");
    assertThat(md).contains("| n/a — jdbc:asyncdb driver not built yet | n/a |");
  }

  @Test
  void longErrorsAreShortenedInTheCellAndListedInFullBelow() {
    String error = "SQLException: " + "x".repeat(300);
    WorkloadResult w = new WorkloadResult("W3", "Filter", "Query.");
    w.record("top", Unit.MILLISECONDS, "H2", Outcome.error(error));

    String md = MarkdownReport.render(model(w));

    assertThat(md).contains("… (full text below)");
    assertThat(md).contains("- H2, top: " + error);
  }

  @Test
  void aWorkloadCanCompareAnotherAsyncDbSetupAndAddNotes() {
    WorkloadResult w = new WorkloadResult("W11", "Load", "Clients.");
    w.compareInReport("Async DB (remote)");
    w.record("lookup p50", Unit.MILLISECONDS, "Async DB", Outcome.ok(new Measurement(0.01, 0.01, 0.01, 5)));
    w.record("lookup p50", Unit.MILLISECONDS, "Async DB (remote)", Outcome.ok(new Measurement(0.6, 0.5, 0.7, 5)));
    w.record("lookup p50", Unit.MILLISECONDS, "PostgreSQL", Outcome.ok(new Measurement(0.3, 0.2, 0.4, 5)));
    w.record("lookup errors", Unit.COUNT, "Async DB (remote)", Outcome.ok(new Measurement(0, 0, 2, 5)));
    w.record("lookups", Unit.OPS_PER_SECOND, "Async DB (remote)", Outcome.ok(new Measurement(0, 0, 0, 5)));
    w.record("lookups", Unit.OPS_PER_SECOND, "PostgreSQL", Outcome.ok(new Measurement(100, 90, 110, 5)));
    w.note("Target: **met**.");

    String md = MarkdownReport.render(model(w));

    assertThat(md).contains("| case | Async DB | Async DB (remote) | PostgreSQL | Async DB (remote) vs best peer |");
    // The embedded setup is no peer of the remote one: PostgreSQL is the best peer.
    assertThat(md).contains("| 0.600 (0.500–0.700) | 0.300 (0.200–0.400) | 0.50× (PostgreSQL) |");
    assertThat(md).contains("| lookup errors (count, lower is better) | — | 0 (0–2) | — | — |");
    assertThat(md).contains("| lookups (ops/s, higher is better) | — | 0.000 (0.000–0.000) | 100 (90.0–110) | n/a (a figure is 0) |");
    assertThat(md).contains("\n\nTarget: **met**.\n");
  }

  private static WorkloadResult lookups() {
    WorkloadResult w = new WorkloadResult("W1", "Prepared point lookup by id", "Lookups.");
    w.record("posts by id", Unit.OPS_PER_SECOND, "SQLite (memory)",
        Outcome.ok(new Measurement(180_000, 170_000, 190_000, 5)));
    w.record("posts by id", Unit.OPS_PER_SECOND, "DuckDB",
        Outcome.ok(new Measurement(20_000, 19_000, 21_000, 5)));
    w.record("posts by id", Unit.OPS_PER_SECOND, "Async DB",
        Outcome.ok(new Measurement(90_000, 80_000, 95_000, 5)));
    return w;
  }

  private static WorkloadResult queries() {
    WorkloadResult w = new WorkloadResult("W6", "TPC-H Q1, Q3, Q5, Q6", "TPC-H.");
    w.record("Q1", Unit.MILLISECONDS, "SQLite (memory)", Outcome.ok(TEN_MS));
    w.record("Q1", Unit.MILLISECONDS, "DuckDB", Outcome.ok(new Measurement(5, 5, 5, 1)));
    w.record("Q1", Unit.MILLISECONDS, "Async DB", Outcome.ok(new Measurement(2.5, 2, 3, 5)));
    return w;
  }

  private static ReportModel model(WorkloadResult... workloads) {
    Dataset app = new Dataset("app", Path.of("work", "app-1"), 1, List.of(
        new DatasetTable(AppDatasetGenerator.POSTS, Path.of("work", "app-1", "db", "posts.json"),
            1_000_000, 150L * 1024 * 1024)));
    return new ReportModel(Instant.parse("2026-01-02T03:04:05Z"),
        new MachineInfo(2, 4L * 1024 * 1024, "Linux 6.1 amd64", "OpenJDK 17", "-Xmx6g"),
        "full run", 1, Duration.ofMinutes(12), List.of(app),
        List.of(new EngineInfo("SQLite (memory)", "SQLite 3.46.1", "in memory", "ISO text")),
        List.of(workloads), "Async DB");
  }
}
