package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.verify.Verdict;
import dev.asyncdb.bench.workload.mix.EmbeddedTarget;
import dev.asyncdb.bench.workload.mix.HeapProbe;
import dev.asyncdb.bench.workload.mix.LoadClient;
import dev.asyncdb.bench.workload.mix.LoadProject;
import dev.asyncdb.bench.workload.mix.LoadRun;
import dev.asyncdb.bench.workload.mix.LoadRunner;
import dev.asyncdb.bench.workload.mix.LoadSql;
import dev.asyncdb.bench.workload.mix.LoadTarget;
import dev.asyncdb.bench.workload.mix.Operation;
import dev.asyncdb.bench.workload.mix.OperationMix;
import dev.asyncdb.bench.workload.mix.OperationSamples;
import dev.asyncdb.bench.workload.mix.PostgresTarget;
import dev.asyncdb.bench.workload.mix.ServerTarget;
import dev.asyncdb.bench.workload.mix.Window;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W11: 16 concurrent clients, each with its own connection and statements, run a mix of point
 * lookups, small range queries and inserts ({@link OperationMix}) for a fixed window against
 * Async DB through the embedded driver, through {@code async-db serve} over Avatica and over REST,
 * and against PostgreSQL over pgjdbc serving the same posts — all on loopback, in the same run.
 * Per target and kind of operation it records ops/s, p50, p99 and errors, and the heap after a
 * full collection before and after the runs. Before timing, every target answers the same fixed
 * lookups and range queries, which must equal the first target's answers; afterwards the insert
 * table must hold exactly the inserts that were acknowledged.
 */
public final class RemoteLoadWorkload {
  static final int CLIENTS = 16;
  static final String REMOTE = "Async DB (remote)";
  static final String POSTGRES = "PostgreSQL";
  /** The target: a remote point-lookup p50 at most this many times PostgreSQL's. */
  static final double TARGET_FACTOR = 2.0;
  static final int PROBES = 10;
  /**
   * Warm-up runs per target before the measured ones, the same for every target. One was not
   * enough for the same warmth: the remote path (driver, Jetty, Avatica, server) is far more code
   * for the JIT than pgjdbc, and its p50 kept falling run after run through the measured runs
   * while the C2 compiler still took a sixth of the CPU (docs/benchmarks.md, W11 in session 6).
   */
  static final int WARM_UP_RUNS = 5;
  private static final long SEED = 11;

  private final OperationMix.Shares shares;

  /** W11 with the operation mix {@code shares}. */
  public RemoteLoadWorkload(OperationMix.Shares shares) {
    this.shares = shares;
  }

  public WorkloadResult newResult() {
    WorkloadResult result = new WorkloadResult("W11", "16 concurrent clients: lookups, range queries and inserts",
        "16 client threads in the harness JVM, each with its own connection and its statements prepared once, run for a fixed window"
            + " (per target " + WARM_UP_RUNS + " warm-up windows, then the measured ones)"
            + " a mix of " + shares.lookups() + "% point lookups (`" + LoadSql.LOOKUP + "`), "
            + shares.ranges() + "% range queries (`" + LoadSql.RANGE + "`, a window that holds about 25 posts) and "
            + shares.inserts() + "% inserts into a table of their own (`" + LoadSql.INSERT + "`). Targets, on 127.0.0.1:"
            + " Async DB through the embedded driver `jdbc:asyncdb:`; `async-db serve` in the same JVM through Avatica"
            + " (`jdbc:asyncdb:remote:`) and through REST (`GET /db/posts/<id>`, `POST /db/" + LoadSql.INSERTS + "`; the REST"
            + " routes have no range filter, so ranges go to `POST /__db/sql` as literal SQL); PostgreSQL through pgjdbc with the"
            + " same posts, primary key and an index on `createdAt` (" + PostgresPeer.ENV + ", scripts/postgres-test.sh). Async DB"
            + " declares the same index (date-time columns are scanned, see docs/sql.md) and runs with `durability: off`, as the"
            + " PostgreSQL test cluster runs with `fsync=off`. p50/p99 are of single operations that succeeded; errors count"
            + " failures and wrong answers; heap is the harness JVM's (server and clients; PostgreSQL's own memory is not in it)"
            + " after a full GC.");
    result.compareInReport(REMOTE);
    return result;
  }

  /** One target's answers to the fixed probe operations, compared across targets. */
  record Answers(List<String> titles, List<List<String>> ranges) {}

  public void run(Dataset app, RunContext context, WorkloadResult into) throws Exception {
    OperationMix mix = new OperationMix(shares, app.table("posts").rows());
    Path dir = context.scratch().resolve("w11");
    String postgres = PostgresPeer.url("W11");
    Path inserts = LoadProject.insertsSchema(dir);
    List<LoadTarget> targets = new ArrayList<>(List.of(
        new EmbeddedTarget(dir.resolve("embedded"), app, inserts),
        new ServerTarget(dir.resolve("avatica"), app, inserts, ServerTarget.Protocol.AVATICA),
        new ServerTarget(dir.resolve("rest"), app, inserts, ServerTarget.Protocol.REST)));
    if (postgres != null) {
      targets.add(new PostgresTarget(postgres, PostgresTarget.SCHEMA, app, context.log()));
    }
    context.log().printf(Locale.ROOT, "[W11] %d clients, %d ms per run, range windows of %d s%n", CLIENTS,
        context.policy().loadWindow().toMillis(), mix.windowLength().toSeconds());
    Answers reference = null;
    String referenceName = null;
    List<String> memory = new ArrayList<>();
    for (LoadTarget target : targets) {
      Answers answers = measure(target, mix, context, into, reference, referenceName, memory);
      if (reference == null && answers != null) {
        reference = answers;
        referenceName = target.name();
      }
    }
    if (postgres == null) {
      context.log().println(PostgresPeer.skipped("W11", "the PostgreSQL peer"));
      for (String label : figureLabels()) {
        into.record(label, unitOf(label), POSTGRES, Outcome.unavailable(PostgresPeer.NOT_RUN));
      }
      into.note("**PostgreSQL NOT RUN**: " + PostgresPeer.ENV + " was not set, so this run has no PostgreSQL figures and the"
          + " target (remote point-lookup p50 within 2× of PostgreSQL's) was not checked; " + PostgresPeer.HOW + ".");
    }
    into.note(targetNote(into));
    if (!memory.isEmpty()) {
      into.note("Heap after a full GC, before the runs → the most after one (the inserted rows stay in memory): "
          + String.join("; ", memory) + ".");
    }
  }

  /** Runs the mix on one target and records its figures; returns its probe answers, or null if it failed. */
  private Answers measure(LoadTarget target, OperationMix mix, RunContext context, WorkloadResult into, Answers reference,
      String referenceName, List<String> memory) {
    String name = target.name();
    RunPolicy policy = context.policy();
    Duration window = policy.loadWindow();
    LoadRunner runner = new LoadRunner(mix, CLIENTS, new AtomicLong(), Duration.ofSeconds(policy.queryTimeoutSeconds()));
    long[] acknowledged = {0};
    try {
      // A hung target costs the run the engine time limit, not all of it.
      Duration limit = window.multipliedBy(policy.runs() + WARM_UP_RUNS + 1).plus(policy.engineTimeout());
      return Deadline.call(limit, name + " W11", () -> {
        try (target) {
          long opening = System.nanoTime();
          target.open();
          context.log().printf(Locale.ROOT, "[W11] %s ready in %.1f s%n", name, (System.nanoTime() - opening) / 1e9);
          Answers answers = probe(target, mix);
          Map<Operation, String> problems = new EnumMap<>(Operation.class);
          for (Operation op : List.of(Operation.LOOKUP, Operation.RANGE)) {
            String difference = difference(op, answers, reference, referenceName);
            if (difference != null) {
              problems.put(op, difference);
            }
          }
          for (int w = 1; policy.warmUp() && w <= WARM_UP_RUNS; w++) {
            long compiling = compileMillis();
            LoadRun warm = runner.run(target::client, window, Long.MAX_VALUE, SEED - w);
            acknowledged[0] += warm.of(Operation.INSERT).succeeded();
            logRun(context, name, "warm-up " + w + "/" + WARM_UP_RUNS, warm, compileMillis() - compiling);
          }
          double heapBefore = HeapProbe.usedAfterGcMegabytes();
          List<LoadRun> runs = new ArrayList<>();
          List<Double> heapAfter = new ArrayList<>();
          for (int r = 1; r <= policy.runs(); r++) {
            long compiling = compileMillis();
            LoadRun run = runner.run(target::client, window, Long.MAX_VALUE, SEED + r);
            long compiled = compileMillis() - compiling;
            runs.add(run);
            acknowledged[0] += run.of(Operation.INSERT).succeeded();
            heapAfter.add(HeapProbe.usedAfterGcMegabytes());
            logRun(context, name, "run " + r + "/" + policy.runs(), run, compiled);
          }
          long inserted = target.insertedRows();
          if (inserted != acknowledged[0]) {
            problems.put(Operation.INSERT, "acknowledged " + acknowledged[0] + " inserts but " + LoadSql.INSERTS + " holds " + inserted + " rows");
          }
          record(into, context, name, runs, heapBefore, heapAfter, problems);
          double most = heapAfter.stream().mapToDouble(Double::doubleValue).max().orElse(heapBefore);
          long insertedInRuns = runs.stream().mapToLong(run -> run.of(Operation.INSERT).succeeded()).sum();
          memory.add(String.format(Locale.ROOT, "%s %.1f → %.1f MB (%+.1f MB, %,d rows inserted meanwhile)",
              name.equals(POSTGRES) ? "PostgreSQL's clients only" : name, heapBefore, most, most - heapBefore, insertedInRuns));
          return answers;
        }
      });
    } catch (Exception e) {
      Outcome failed = Outcome.failed(e);
      context.log().println("[W11] " + name + " failed: " + failed.message());
      for (String label : labels(name)) {
        into.record(label, unitOf(label), name, failed);
      }
      return null;
    }
  }

  /** The JIT's compile time so far (ms, all compiler threads), or 0 where the JVM does not tell. */
  private static long compileMillis() {
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  /**
   * One line per run with its time, the machine's load and the JIT's compile time during it (elapsed,
   * all compiler threads): the p50 of a run moves with what else the 2 cores do, and these are what
   * tie a slow window to its cause.
   */
  private void logRun(RunContext context, String name, String which, LoadRun run, long compiled) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[W11] %s %s, ended %s, load %.1f:", name, which,
        java.time.LocalTime.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    for (Operation op : Operation.values()) {
      if (shares.of(op) > 0 && run.of(op).succeeded() > 0) {
        line.append(String.format(Locale.ROOT, " %s p50 %.3f ms, %,.0f/s;", op.singular(), run.of(op).percentileMillis(0.50), run.rate(op)));
      }
    }
    context.log().println(line.append(" JIT ").append(compiled).append(" ms; errors ").append(run.errors()));
  }

  /** The fixed probe operations' answers, from one client. */
  private static Answers probe(LoadTarget target, OperationMix mix) throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> titles = new ArrayList<>();
    List<List<String>> ranges = new ArrayList<>();
    try (LoadClient client = target.client()) {
      for (int i = 0; i < PROBES; i++) {
        String id = mix.postId(random);
        titles.add(id + ": " + client.lookup(id));
        Window w = mix.window(random);
        // A mix without range queries skips them here too (at scale 1 one can take a second).
        ranges.add(mix.shares().ranges() > 0 ? client.range(w) : List.of());
      }
    }
    return new Answers(titles, ranges);
  }

  /** How {@code mine} differs from the reference target's answers for {@code op}, or null. */
  static String difference(Operation op, Answers mine, Answers reference, String referenceName) {
    if (reference == null) {
      return null;
    }
    for (int i = 0; i < PROBES; i++) {
      if (op == Operation.LOOKUP && !Objects.equals(mine.titles().get(i), reference.titles().get(i))) {
        return "lookup " + (i + 1) + " answered " + mine.titles().get(i) + " where " + referenceName + " answered " + reference.titles().get(i);
      }
      if (op == Operation.RANGE && !Objects.equals(mine.ranges().get(i), reference.ranges().get(i))) {
        return "range query " + (i + 1) + " answered " + mine.ranges().get(i) + " where " + referenceName + " answered "
            + reference.ranges().get(i);
      }
    }
    return null;
  }

  /** The rows of every target: per kind of operation, then all operations together. */
  private static List<String> figureLabels() {
    List<String> labels = new ArrayList<>();
    for (Operation op : Operation.values()) {
      labels.add(op.singular() + " p50");
      labels.add(op.singular() + " p99");
      labels.add(op.plural());
      labels.add(op.singular() + " errors");
    }
    labels.add("all operations, " + CLIENTS + " clients");
    return labels;
  }

  /** The rows of {@code target}: the heap rows are Async DB's only (PostgreSQL's memory is outside this JVM). */
  private static List<String> labels(String target) {
    List<String> labels = figureLabels();
    if (!target.equals(POSTGRES)) {
      labels.add(HEAP_BEFORE);
      labels.add(HEAP_AFTER);
    }
    return labels;
  }

  static final String HEAP_BEFORE = "heap after GC, before the runs";
  static final String HEAP_AFTER = "heap after GC, after each run";

  private static Unit unitOf(String label) {
    if (label.startsWith("heap")) {
      return Unit.MEGABYTES;
    }
    if (label.endsWith(" p50") || label.endsWith(" p99")) {
      return Unit.MILLISECONDS;
    }
    return label.endsWith(" errors") ? Unit.COUNT : Unit.OPS_PER_SECOND;
  }

  /** Records one target's figures; {@code problems} are the wrong answers found per kind of operation. */
  private void record(WorkloadResult into, RunContext context, String name, List<LoadRun> runs, double heapBefore,
      List<Double> heapAfter, Map<Operation, String> problems) {
    for (Operation op : Operation.values()) {
      if (shares.of(op) == 0) {
        Outcome absent = Outcome.unavailable("not in this run's mix (0% " + op.plural() + ")");
        for (String label : List.of(op.singular() + " p50", op.singular() + " p99", op.plural(), op.singular() + " errors")) {
          put(into, context, label, name, absent);
        }
        continue;
      }
      List<OperationSamples> samples = runs.stream().map(r -> r.of(op)).toList();
      long errors = samples.stream().mapToLong(OperationSamples::errors).sum();
      String problem = problems.get(op);
      Verdict verdict = problem == null ? Verdict.match() : Verdict.mismatch(problem);
      if (samples.stream().anyMatch(s -> s.succeeded() == 0)) {
        Outcome none = Outcome.error("no " + op.singular() + " succeeded in a run" + firstError(samples));
        put(into, context, op.singular() + " p50", name, none);
        put(into, context, op.singular() + " p99", name, none);
      } else {
        put(into, context, op.singular() + " p50", name, Outcome.of(Measurement.of(samples.stream().map(s -> s.percentileMillis(0.50)).toList()), verdict));
        put(into, context, op.singular() + " p99", name, Outcome.of(Measurement.of(samples.stream().map(s -> s.percentileMillis(0.99)).toList()), verdict));
      }
      put(into, context, op.plural(), name, Outcome.of(Measurement.of(runs.stream().map(r -> r.rate(op)).toList()), verdict));
      Measurement errorCounts = Measurement.of(samples.stream().map(s -> (double) s.errors()).toList());
      put(into, context, op.singular() + " errors", name, errors == 0 ? Outcome.ok(errorCounts)
          : Outcome.mismatch(errorCounts, errors + " " + op.plural() + " failed" + firstError(samples)));
    }
    put(into, context, "all operations, " + CLIENTS + " clients", name, Outcome.ok(Measurement.of(runs.stream().map(LoadRun::rate).toList())));
    // PostgreSQL's memory is its server's, outside this JVM: its clients' heap goes to the memory note only.
    if (!name.equals(POSTGRES)) {
      put(into, context, HEAP_BEFORE, name, Outcome.ok(Measurement.of(List.of(heapBefore))));
      put(into, context, HEAP_AFTER, name, Outcome.ok(Measurement.of(heapAfter)));
    }
  }

  private static String firstError(List<OperationSamples> samples) {
    return samples.stream().map(OperationSamples::firstError).filter(Objects::nonNull).findFirst()
        .map(e -> "; the first: " + Outcome.describe(e)).orElse("");
  }

  private static void put(WorkloadResult into, RunContext context, String label, String engine, Outcome outcome) {
    Unit unit = unitOf(label);
    into.record(label, unit, engine, outcome);
    Progress.log(context.log(), "W11", label, engine, outcome, unit);
  }

  /** The sentence on the target: the remote point-lookup p50 against PostgreSQL's. */
  static String targetNote(WorkloadResult result) {
    String label = Operation.LOOKUP.singular() + " p50";
    Outcome remote = null;
    Outcome postgres = null;
    for (CaseResult row : result.cases()) {
      if (row.label().equals(label)) {
        remote = row.outcomes().get(REMOTE);
        postgres = row.outcomes().get(POSTGRES);
      }
    }
    String target = "Target: " + REMOTE + " point-lookup p50 within " + (int) TARGET_FACTOR + "× of PostgreSQL's over pgjdbc in the same run";
    if (remote == null || postgres == null || remote.status() != Outcome.Status.OK || postgres.status() != Outcome.Status.OK) {
      return target + ": **not checked** (" + (postgres == null || postgres.status() == Outcome.Status.UNAVAILABLE
          ? "no PostgreSQL figure" : "a figure is missing or failed") + ").";
    }
    double factor = remote.measurement().median() / postgres.measurement().median();
    return String.format(Locale.ROOT, "%s: %.3f ms against %.3f ms, %.2f× — **%s**.", target,
        remote.measurement().median(), postgres.measurement().median(), factor, factor <= TARGET_FACTOR ? "met" : "not met");
  }
}
