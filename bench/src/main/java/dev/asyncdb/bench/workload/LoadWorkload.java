package dev.asyncdb.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.engine.Engines;
import dev.asyncdb.bench.verify.QueryResult;
import dev.asyncdb.bench.verify.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * W8: for each engine, starts {@link LoadProbe} in its own JVM (same class path and heap limit)
 * and records the seconds from open to the first result and the child's peak RSS; the first
 * result (the number of posts) is checked against SQLite's.
 */
public final class LoadWorkload {

  static final String SECONDS = "open to first result";
  static final String MEMORY = "peak RSS";
  private static final String REFERENCE_KEY = "W8.count";

  private final ObjectMapper mapper = new ObjectMapper();

  /** A fresh, empty result for this workload. */
  public WorkloadResult newResult() {
    return new WorkloadResult("W8", "Open/load from the JSON files to the first result",
        "Each engine in a fresh JVM (same class path, same -Xmx): open or load the app dataset"
            + " from its JSON files, then `SELECT COUNT(*) FROM posts` (Async DB: the engine"
            + " API's `collection(\"posts\").count()`). Time is measured inside the child from"
            + " open to that result (JVM start-up excluded, class loading included); memory is"
            + " the child's peak RSS (VmHWM) at that point.");
  }

  /** Runs W8 on every engine in {@code engineIds}; the first must be the reference. */
  public void run(List<String> engineIds, Dataset app, RunContext context, WorkloadResult into)
      throws IOException {
    Path logs = Files.createDirectories(context.scratch().resolve("logs"));
    for (String engineId : engineIds) {
      List<Double> seconds = new ArrayList<>();
      List<Double> megabytes = new ArrayList<>();
      Outcome failure = null;
      Verdict verdict = Verdict.match();
      String name = Engines.create(engineId, context.scratch()).name();
      long budget = context.policy().caseBudget().toNanos() * 2;
      long start = System.nanoTime();
      for (int run = 1; run <= context.policy().probeRuns()
          && (run == 1 || System.nanoTime() - start < budget); run++) {
        JsonNode line;
        try {
          line = probe(engineId, app, context, logs.resolve("w8-" + engineId + "-" + run + ".log"));
        } catch (Exception e) {
          failure = Outcome.failed(e);
          break;
        }
        if (line.has("error")) {
          failure = "UNAVAILABLE".equals(line.path("status").asText())
              ? Outcome.unavailable(line.path("error").asText())
              : Outcome.error(line.path("error").asText());
          break;
        }
        seconds.add(line.path("seconds").asDouble());
        megabytes.add(line.path("peakRssKb").asDouble() / 1024);
        verdict = check(engineId, line.path("count").asLong(), context);
      }
      record(into, context, name, SECONDS, Unit.SECONDS, failure, seconds, verdict);
      record(into, context, name, MEMORY, Unit.MEGABYTES, failure, megabytes, verdict);
    }
  }

  private static Verdict check(String engineId, long count, RunContext context) {
    return context.references().judge(REFERENCE_KEY,
        QueryResult.of(true, List.of(List.of(count))), engineId.equals(Engines.REFERENCE));
  }

  private static void record(WorkloadResult into, RunContext context, String engine,
      String label, Unit unit, Outcome failure, List<Double> samples, Verdict verdict) {
    Outcome outcome = failure != null ? failure : Outcome.of(Measurement.of(samples), verdict);
    into.record(label, unit, engine, outcome);
    Progress.log(context.log(), "W8", label, engine, outcome, unit);
  }

  private JsonNode probe(String engineId, Dataset app, RunContext context, Path log)
      throws IOException, InterruptedException {
    List<String> command = ChildProbe.command(List.of(), System.getProperty("java.class.path"), LoadProbe.class,
        List.of(engineId, app.projectDir().toAbsolutePath().toString(), context.scratch().resolve("w8").toAbsolutePath().toString()));
    return mapper.readTree(ChildProbe.run(command, log, context.policy().probeTimeout(), LoadProbe.PREFIX, "probe of " + engineId));
  }
}
