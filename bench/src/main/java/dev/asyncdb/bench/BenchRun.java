package dev.asyncdb.bench;

import dev.asyncdb.bench.data.AppDatasetGenerator;
import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.data.DatasetGenerator;
import dev.asyncdb.bench.data.TpchDatasetGenerator;
import dev.asyncdb.bench.engine.Engine;
import dev.asyncdb.bench.engine.Engines;
import dev.asyncdb.bench.report.EngineInfo;
import dev.asyncdb.bench.report.MachineInfo;
import dev.asyncdb.bench.report.MarkdownReport;
import dev.asyncdb.bench.report.ReportFile;
import dev.asyncdb.bench.report.ReportModel;
import dev.asyncdb.bench.verify.ReferenceResults;
import dev.asyncdb.bench.verify.ResultComparator;
import dev.asyncdb.bench.workload.CaseResult;
import dev.asyncdb.bench.workload.Deadline;
import dev.asyncdb.bench.workload.DurableInsertWorkload;
import dev.asyncdb.bench.workload.FirstQueryWorkload;
import dev.asyncdb.bench.workload.LoadWorkload;
import dev.asyncdb.bench.workload.Outcome;
import dev.asyncdb.bench.workload.PointLookupWorkload;
import dev.asyncdb.bench.workload.PostgresPeer;
import dev.asyncdb.bench.workload.PostgresPushdownWorkload;
import dev.asyncdb.bench.workload.RemoteLoadWorkload;
import dev.asyncdb.bench.workload.Queries;
import dev.asyncdb.bench.workload.QueryWorkload;
import dev.asyncdb.bench.workload.ReadWorkload;
import dev.asyncdb.bench.workload.ReadWorkload.DatasetKind;
import dev.asyncdb.bench.workload.RunContext;
import dev.asyncdb.bench.workload.RunPolicy;
import dev.asyncdb.bench.workload.SqlWriteWorkload;
import dev.asyncdb.bench.workload.WorkloadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One benchmark run: generate (or reuse) the datasets, run the selected workloads engine by
 * engine with SQLite first as the reference, and write the report.
 */
public final class BenchRun {

  private final BenchOptions options;
  private final PrintStream log;
  private final RunPolicy policy;
  private final Map<String, EngineInfo> engineInfos = new LinkedHashMap<>();
  private final Map<String, WorkloadResult> results = new LinkedHashMap<>();

  public BenchRun(BenchOptions options, PrintStream log) {
    this.options = options;
    this.log = log;
    RunPolicy base = options.smoke() ? RunPolicy.smoke() : RunPolicy.full();
    this.policy = options.loadSeconds() == null ? base
        : base.withLoadWindow(Duration.ofMillis(Math.round(options.loadSeconds() * 1000)));
  }

  /** The read workloads W1–W6 in run order. */
  static List<ReadWorkload> readWorkloads() {
    return List.of(
        PointLookupWorkload.prepared(),
        PointLookupWorkload.literal(),
        new QueryWorkload("W3", "Filter, ORDER BY, LIMIT 20",
            "A filter on status and createdAt over posts, then the 20 most viewed.",
            DatasetKind.APP, List.of(Queries.W3_TOP_POSTS)),
        new QueryWorkload("W4", "Group-by aggregate over posts",
            "COUNT, SUM, AVG and MAX of views per status over every post.",
            DatasetKind.APP, List.of(Queries.W4_BY_STATUS)),
        new QueryWorkload("W5", "Users–posts join with filter and aggregate",
            "Published posts of active users joined to their users, counted and summed per"
                + " country.", DatasetKind.APP, List.of(Queries.W5_BY_COUNTRY)),
        new QueryWorkload("W6", "TPC-H Q1, Q3, Q5, Q6",
            "The TPC-H queries with the validation substitution parameters at scale factor"
                + " 0.1 × scale (parameter arithmetic written out, Q3 ties broken by order key;"
                + " see `Queries`).", DatasetKind.TPCH, Queries.TPCH));
  }

  /** Runs everything; returns the process exit code. */
  public int run() throws IOException {
    Instant started = Instant.now();
    Path work = Files.createDirectories(options.work());
    Path scratch = work.resolve("scratch");
    ReferenceResults references =
        new ReferenceResults(new ResultComparator(ResultComparator.DEFAULT_TOLERANCE));
    List<ReadWorkload> reads = readWorkloads().stream().filter(w -> options.selected(w.id()))
        .toList();
    reads.forEach(w -> results.put(w.id(), w.newResult()));
    boolean needApp = reads.stream().anyMatch(w -> w.dataset() == DatasetKind.APP)
        || options.selected("W7") || options.selected("W8") || options.selected("W11")
        || options.selected("W12");
    boolean needTpch = reads.stream().anyMatch(w -> w.dataset() == DatasetKind.TPCH);
    List<Dataset> datasets = new ArrayList<>();
    Dataset app = needApp ? dataset(new AppDatasetGenerator(), work, datasets) : null;
    Dataset tpch = needTpch ? dataset(new TpchDatasetGenerator(), work, datasets) : null;
    RunContext context = new RunContext(app, policy, references, scratch, log, this::describe);

    if (app != null) {
      runReads(reads, DatasetKind.APP, context.on(app), scratch);
    }
    if (tpch != null) {
      runReads(reads, DatasetKind.TPCH, context.on(tpch), scratch);
    }
    if (options.selected("W7")) {
      DurableInsertWorkload w7 = new DurableInsertWorkload();
      WorkloadResult result = w7.newResult();
      results.put("W7", result);
      w7.run(Engines.WRITE, app, context, result);
    }
    if (options.selected("W9")) {
      SqlWriteWorkload w9 = new SqlWriteWorkload();
      WorkloadResult result = w9.newResult();
      results.put("W9", result);
      try {
        w9.run(context, result);
      } catch (Exception e) {
        log.println("[W9] failed: " + Outcome.describe(e));
      }
    }
    if (options.selected("W11") && app != null) {
      RemoteLoadWorkload w11 = new RemoteLoadWorkload(options.loadMix());
      WorkloadResult result = w11.newResult();
      results.put("W11", result);
      try {
        w11.run(app, context, result);
      } catch (PostgresPeer.Required e) {
        throw e; // CI=true without PostgreSQL: the run must fail, not drop the peer
      } catch (Exception e) {
        log.println("[W11] failed: " + Outcome.describe(e));
      }
    }
    if (options.selected("W10")) {
      PostgresPushdownWorkload w10 = new PostgresPushdownWorkload();
      WorkloadResult result = w10.newResult();
      results.put("W10", result);
      try {
        w10.run(context, result);
      } catch (PostgresPeer.Required e) {
        throw e; // CI=true without PostgreSQL: the run must fail, not skip
      } catch (Exception e) {
        log.println("[W10] failed: " + Outcome.describe(e));
      }
    }
    if (options.selected("W8")) {
      LoadWorkload w8 = new LoadWorkload();
      WorkloadResult result = w8.newResult();
      results.put("W8", result);
      w8.run(Engines.LOAD, app, context, result);
    }
    if (options.selected("W12")) {
      FirstQueryWorkload w12 = firstQueryWorkload();
      WorkloadResult result = w12.newResult();
      results.put("W12", result);
      try {
        w12.run(app, context, result);
      } catch (Exception e) {
        log.println("[W12] failed: " + Outcome.describe(e));
      }
    }
    for (String id : participants()) {
      describe(Engines.create(id, scratch));
    }

    ReportModel model = new ReportModel(Instant.now(), MachineInfo.current(), modeText(),
        options.scale(), Duration.between(started, Instant.now()), datasets,
        new ArrayList<>(engineInfos.values()), new ArrayList<>(results.values()),
        Engines.create(Engines.ASYNC_DB, scratch).name());
    ReportFile.write(options.out(), MarkdownReport.render(model));
    log.println("Report written to " + options.out().toAbsolutePath().normalize());
    return summarize();
  }

  /**
   * W12 on the shaded driver jar that {@code bench/run.sh} names in {@value #DRIVER_JAR}; without
   * it (a run from an IDE) on the harness's own class path, which the report then says.
   */
  private FirstQueryWorkload firstQueryWorkload() {
    String jar = System.getProperty(DRIVER_JAR);
    if (jar != null && Files.isRegularFile(Path.of(jar))) {
      return new FirstQueryWorkload(jar, "the shaded driver jar `" + Path.of(jar).getFileName() + "` alone");
    }
    log.println("[W12] " + DRIVER_JAR + " does not name the shaded driver jar (bench/run.sh sets it);"
        + " the child JVMs use the harness's class path instead");
    return new FirstQueryWorkload(System.getProperty("java.class.path"),
        "the harness's class path (no shaded driver jar was given)");
  }

  /** The system property bench/run.sh sets to the shaded driver jar. */
  static final String DRIVER_JAR = "bench.driverJar";

  private Dataset dataset(DatasetGenerator generator, Path work, List<Dataset> datasets)
      throws IOException {
    long start = System.nanoTime();
    Dataset dataset = generator.ensure(work, options.scale());
    log.printf(Locale.ROOT, "dataset %s ready in %.1f s: %s%n", dataset.name(),
        (System.nanoTime() - start) / 1e9, dataset.projectDir());
    datasets.add(dataset);
    return dataset;
  }

  private void runReads(List<ReadWorkload> reads, DatasetKind kind, RunContext context,
      Path scratch) {
    List<ReadWorkload> selected = reads.stream().filter(w -> w.dataset() == kind).toList();
    if (selected.isEmpty()) {
      return;
    }
    Duration limit = policy.engineTimeout();
    for (String engineId : Engines.READ) {
      Engine engine = Engines.create(engineId, scratch.resolve("read"));
      boolean hung = false;
      try {
        long start = System.nanoTime();
        Deadline.call(limit, engine.name() + " open", () -> {
          engine.open(context.dataset());
          engine.settle();
          return null;
        });
        describe(engine);
        log.printf(Locale.ROOT, "[%s] %s opened in %.1f s%n", kind, engine.name(),
            (System.nanoTime() - start) / 1e9);
        for (ReadWorkload workload : selected) {
          WorkloadResult into = results.get(workload.id());
          try {
            Deadline.call(limit, engine.name() + " " + workload.id(), () -> {
              workload.run(engine, engineId.equals(Engines.REFERENCE), context, into);
              return null;
            });
          } catch (Deadline.Exceeded e) {
            hung = true;
            failAll(List.of(workload), engine.name(), Outcome.failed(e));
            break;
          }
        }
      } catch (Exception e) {
        hung = e instanceof Deadline.Exceeded;
        Outcome failed = Outcome.failed(e);
        log.println("[" + kind + "] " + engine.name() + " failed: " + failed.message());
        failAll(selected, engine.name(), failed);
      } finally {
        if (hung) {
          failAll(selected, engine.name(), Outcome.error("skipped: " + engine.name()
              + " hung earlier in this run"));
        } else {
          closeQuietly(engine, kind);
        }
      }
    }
  }

  private void failAll(List<ReadWorkload> workloads, String engine, Outcome outcome) {
    for (ReadWorkload workload : workloads) {
      for (String label : workload.caseLabels()) {
        results.get(workload.id()).record(label, workload.unit(), engine, outcome);
      }
    }
  }

  private void closeQuietly(Engine engine, DatasetKind kind) {
    try {
      engine.close();
    } catch (Exception e) {
      log.println("[" + kind + "] closing " + engine.name() + " failed: " + Outcome.describe(e));
    }
  }

  private Set<String> participants() {
    Set<String> ids = new LinkedHashSet<>();
    if (results.keySet().stream().anyMatch(id -> !id.equals("W7") && !id.equals("W8") && !id.equals("W9") && !id.equals("W10") && !id.equals("W11") && !id.equals("W12"))) {
      ids.addAll(Engines.READ);
    }
    if (results.containsKey("W7")) {
      ids.addAll(Engines.WRITE);
    }
    if (results.containsKey("W8")) {
      ids.addAll(Engines.LOAD);
    }
    return ids;
  }

  private void describe(Engine engine) {
    EngineInfo known = engineInfos.get(engine.name());
    if (known != null && !known.version().equals("—")) {
      return;
    }
    engineInfos.put(engine.name(), new EngineInfo(engine.name(), engine.version(),
        engine.setup(), engine.dialect().description()));
  }

  private String modeText() {
    if (!policy.warmUp()) {
      return String.format(Locale.ROOT, "smoke run: no warm-up, each query's checked run is its"
          + " only measurement; throughput runs of %d ms; W7 runs of %d ms; W8 one child JVM per"
          + " engine; one W11 run of %d ms per target (figures prove the harness works, they are"
          + " no benchmark)",
          policy.throughputWindow().toMillis(), policy.writeWindow().toMillis(),
          policy.loadWindow().toMillis());
    }
    return String.format(Locale.ROOT, "full run: per case one checked warm-up run (two when it"
        + " takes under a second), then up to %d measured runs while the case has run less than"
        + " %d s; throughput runs of %d ms; W7 runs of %d ms; W8 up to %d child JVMs per engine;"
        + " W11 one warm-up and %d measured runs of %d ms per target",
        policy.runs(), policy.caseBudget().toSeconds(), policy.throughputWindow().toMillis(),
        policy.writeWindow().toMillis(), policy.probeRuns(), policy.runs(),
        policy.loadWindow().toMillis());
  }

  /**
   * Prints every failure and returns the exit code: a smoke run fails when any engine's result
   * differs from SQLite's or when SQLite itself could not run a case (nothing could be checked);
   * another engine's error is shown in the report and here, but is no harness failure.
   */
  private int summarize() {
    String reference = Engines.create(Engines.REFERENCE, options.work()).name();
    List<String> fatal = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (WorkloadResult workload : results.values()) {
      for (CaseResult row : workload.cases()) {
        row.outcomes().forEach((engine, outcome) -> {
          String line = workload.id() + " " + row.label() + " on " + engine + ": "
              + outcome.status() + " " + outcome.message();
          if (outcome.status() == Outcome.Status.MISMATCH
              || (engine.equals(reference) && outcome.status() != Outcome.Status.OK)) {
            fatal.add(line);
          } else if (outcome.status() != Outcome.Status.OK) {
            shown.add(line);
          }
        });
      }
    }
    if (!shown.isEmpty()) {
      log.println(shown.size() + " case(s) an engine could not run (shown in the report):");
      shown.forEach(line -> log.println("  " + line));
    }
    if (fatal.isEmpty()) {
      log.println("Every result that was produced matches SQLite's.");
      return 0;
    }
    log.println(fatal.size() + " mismatch(es) with SQLite or reference failure(s):");
    fatal.forEach(line -> log.println("  " + line));
    return options.smoke() ? 1 : 0;
  }
}
