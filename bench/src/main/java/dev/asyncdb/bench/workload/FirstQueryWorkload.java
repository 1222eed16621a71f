package dev.asyncdb.bench.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.engine.AsyncDbEngine;
import dev.asyncdb.bench.verify.Verdict;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * W12: the first query after {@code getConnection}, as an application sees it. Each sample is a
 * fresh JVM ({@link FirstQueryProbe}) whose class path is the driver alone (the shaded jar when
 * {@code bench/run.sh} names it): {@code DriverManager.getConnection("jdbc:asyncdb:<project>")},
 * then {@code SELECT COUNT(*) FROM posts WHERE status = 'published'}, timed from before
 * {@code getConnection} to that result, then a prepared point lookup. Two cases: the first open
 * of a project (no runtime state in {@code .db/} yet) and a reopen of a project an earlier process
 * opened and closed. Both answers are checked against the JSON file itself.
 */
public final class FirstQueryWorkload {

  /** The target of issue 3: at most this many seconds from getConnection to the first result (scale 1). */
  static final double TARGET_SECONDS = 2.0;
  static final String FIRST_TOTAL = "first open: getConnection to first result";
  static final String FIRST_CONNECT = "first open: of which getConnection";
  static final String FIRST_CPU = "first open: process CPU time to first result";
  static final String REOPEN_TOTAL = "reopen: getConnection to first result";
  static final String REOPEN_CONNECT = "reopen: of which getConnection";
  static final String REOPEN_CPU = "reopen: process CPU time to first result";
  static final String REOPEN_LOOKUP = "reopen: then a prepared point lookup";
  static final String CDS_TOTAL = "reopen, class-data sharing: getConnection to first result";
  static final String CDS_CPU = "reopen, class-data sharing: process CPU time to first result";
  static final String COUNT_SQL = "SELECT COUNT(*) FROM posts WHERE status = 'published'";
  static final String LOOKUP_SQL = "SELECT title FROM posts WHERE id = ?";
  private static final String ENGINE = "Async DB";

  private final String driverClassPath;
  private final String driverSource;
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * @param driverClassPath the class path the child JVMs load the driver from
   * @param driverSource what that class path is, for the report ("the shaded jar …")
   */
  public FirstQueryWorkload(String driverClassPath, String driverSource) {
    this.driverClassPath = driverClassPath;
    this.driverSource = driverSource;
  }

  /** A fresh, empty result for this workload. */
  public WorkloadResult newResult() {
    return new WorkloadResult("W12", "First query after getConnection",
        "Each sample a fresh JVM on " + driverSource + " (same -Xmx as the harness):"
            + " `DriverManager.getConnection(\"jdbc:asyncdb:<project>\")`, then `" + COUNT_SQL
            + "`, timed from before getConnection to that result (JVM start-up excluded), then `"
            + LOOKUP_SQL + "` prepared. *First open*: a new project whose db/ links the dataset's"
            + " files, nothing in .db/ yet; *reopen*: the project of the last first-open sample,"
            + " with the runtime state that process left in .db/; *reopen, class-data sharing*: the same"
            + " with a JDK class-data sharing archive of the classes a first child loaded"
            + " (`-XX:ArchiveClassesAtExit`, then `-XX:SharedArchiveFile`; see the user guide). The process's CPU time (all threads,"
            + " JIT, GC and JVM start-up included) up to the first result shows the work done where a shared"
            + " machine inflates the wall time. Answers are checked against"
            + " posts.json itself.");
  }

  /** Runs W12 over the app dataset. */
  public void run(Dataset app, RunContext context, WorkloadResult into) throws IOException {
    Path logs = Files.createDirectories(context.scratch().resolve("logs"));
    Expected expected = Expected.scan(app.dbDir().resolve("posts.json"));
    Path root = context.scratch().resolve("w12");
    Samples first = new Samples();
    Path project = null;
    long budget = context.policy().caseBudget().toNanos() * 2;
    long start = System.nanoTime();
    for (int run = 1; run <= context.policy().probeRuns() && first.failure == null
        && (run == 1 || System.nanoTime() - start < budget); run++) {
      project = AsyncDbEngine.freshProject(root.resolve("project-" + run), app);
      first.add(probe(project, expected, logs.resolve("w12-first-" + run + ".log"), context));
    }
    Samples reopen = new Samples();
    if (first.failure != null) {
      reopen.failure = first.failure;
    }
    start = System.nanoTime();
    for (int run = 1; run <= context.policy().probeRuns() && reopen.failure == null
        && (run == 1 || System.nanoTime() - start < budget); run++) {
      reopen.add(probe(project, expected, logs.resolve("w12-reopen-" + run + ".log"), context));
    }
    record(into, context, FIRST_TOTAL, Unit.SECONDS, first, first.total);
    record(into, context, FIRST_CONNECT, Unit.SECONDS, first, first.connect);
    record(into, context, FIRST_CPU, Unit.SECONDS, first, first.cpu);
    record(into, context, REOPEN_TOTAL, Unit.SECONDS, reopen, reopen.total);
    record(into, context, REOPEN_CONNECT, Unit.SECONDS, reopen, reopen.connect);
    record(into, context, REOPEN_CPU, Unit.SECONDS, reopen, reopen.cpu);
    record(into, context, REOPEN_LOOKUP, Unit.MILLISECONDS, reopen, reopen.lookup);
    Samples shared = classDataSharing(project, expected, logs, context, reopen.failure);
    record(into, context, CDS_TOTAL, Unit.SECONDS, shared, shared.total);
    record(into, context, CDS_CPU, Unit.SECONDS, shared, shared.cpu);
    into.note(targetNote(into, app.scale()));
  }

  /**
   * Reopens with the JDK's class-data sharing (the option the user guide describes): one child
   * records the classes it loads into an archive at exit ({@code -XX:ArchiveClassesAtExit}), the
   * measured ones map it ({@code -XX:SharedArchiveFile}). The JDK archives classes from jars only.
   */
  private Samples classDataSharing(Path project, Expected expected, Path logs, RunContext context, Outcome earlier) {
    Samples shared = new Samples();
    if (earlier != null) {
      shared.failure = earlier;
      return shared;
    }
    String classPath = childClassPath();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!Files.isRegularFile(Path.of(entry))) {
        shared.failure = Outcome.unavailable("class-data sharing archives classes from jars only, and " + entry
            + " is no jar (bench/run.sh runs on jars)");
        return shared;
      }
    }
    Path archive = context.scratch().resolve("w12").resolve("classes.jsa");
    try {
      Files.deleteIfExists(archive);
    } catch (IOException e) {
      shared.failure = Outcome.failed(e);
      return shared;
    }
    Sample training = probe(project, expected, logs.resolve("w12-cds-archive.log"), context,
        List.of("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath()));
    if (training.failure() != null || !Files.isRegularFile(archive)) {
      shared.failure = training.failure() != null ? training.failure()
          : Outcome.error("the JVM wrote no class-data sharing archive to " + archive + "; see " + logs.resolve("w12-cds-archive.log"));
      return shared;
    }
    long budget = context.policy().caseBudget().toNanos() * 2;
    long start = System.nanoTime();
    for (int run = 1; run <= context.policy().probeRuns() && shared.failure == null
        && (run == 1 || System.nanoTime() - start < budget); run++) {
      shared.add(probe(project, expected, logs.resolve("w12-cds-" + run + ".log"), context,
          List.of("-XX:SharedArchiveFile=" + archive.toAbsolutePath())));
    }
    return shared;
  }

  /** The outcomes of one case's child JVMs. */
  private static final class Samples {
    final List<Double> total = new ArrayList<>();
    final List<Double> connect = new ArrayList<>();
    final List<Double> cpu = new ArrayList<>();
    final List<Double> lookup = new ArrayList<>();
    Verdict verdict = Verdict.match();
    Outcome failure;

    void add(Sample sample) {
      if (sample.failure() != null) {
        failure = sample.failure();
        return;
      }
      total.add(sample.total());
      connect.add(sample.connect());
      cpu.add(sample.cpu());
      lookup.add(sample.lookupMillis());
      if (sample.verdict().kind() != Verdict.Kind.MATCH) {
        verdict = sample.verdict();
      }
    }
  }

  /** One child JVM's figures and the verdict on its answers, or why it has none. */
  record Sample(double connect, double total, double cpu, double lookupMillis, Verdict verdict, Outcome failure) {}

  private static void record(WorkloadResult into, RunContext context, String label, Unit unit,
      Samples samples, List<Double> figures) {
    Outcome outcome = samples.failure != null ? samples.failure
        : Outcome.of(Measurement.of(figures), samples.verdict);
    into.record(label, unit, ENGINE, outcome);
    Progress.log(context.log(), "W12", label, ENGINE, outcome, unit);
  }

  /** The sentence under the table: each case's median against the target. */
  static String targetNote(WorkloadResult result, double scale) {
    StringBuilder note = new StringBuilder("Target: at most ")
        .append(String.format(Locale.ROOT, "%.0f", TARGET_SECONDS))
        .append(" s from getConnection to the first result on the app dataset at scale 1");
    if (scale != 1) {
      note.append(" (this run is at scale ").append(Dataset.scaleLabel(scale))
          .append(", so it is not checked here)");
    }
    List<String> parts = new ArrayList<>();
    for (CaseResult row : result.cases()) {
      if (!row.label().equals(FIRST_TOTAL) && !row.label().equals(REOPEN_TOTAL) && !row.label().equals(CDS_TOTAL)) {
        continue;
      }
      Outcome outcome = row.outcomes().get(ENGINE);
      String which = row.label().substring(0, row.label().indexOf(':'));
      if (outcome != null && outcome.status() == Outcome.Status.UNAVAILABLE) {
        continue;
      }
      if (outcome == null || outcome.status() != Outcome.Status.OK) {
        parts.add(which + " **not checked** (no checked figure)");
      } else if (scale == 1) {
        double median = outcome.measurement().median();
        parts.add(String.format(Locale.ROOT, "%s %.2f s — **%s**", which, median,
            median <= TARGET_SECONDS ? "met" : "not met"));
      } else {
        parts.add(String.format(Locale.ROOT, "%s %.2f s", which, outcome.measurement().median()));
      }
    }
    return note.append(": ").append(String.join("; ", parts)).append('.').toString();
  }

  private Sample probe(Path project, Expected expected, Path log, RunContext context) {
    return probe(project, expected, log, context, List.of());
  }

  private Sample probe(Path project, Expected expected, Path log, RunContext context, List<String> jvmOptions) {
    try {
      JsonNode line = runChild(project, expected, log, context, jvmOptions);
      if (line.has("error")) {
        return new Sample(0, 0, 0, 0, null, Outcome.error(line.path("error").asText() + " (see " + log + ")"));
      }
      long count = line.path("count").asLong();
      String found = line.path("found").isNull() ? null : line.path("found").asText();
      Verdict verdict = count != expected.published()
          ? Verdict.mismatch(count + " published posts, expected " + expected.published())
          : !Objects.equals(found, expected.title())
              ? Verdict.mismatch("post " + expected.id() + " has title " + found + ", expected " + expected.title())
              : Verdict.match();
      return new Sample(line.path("connectSeconds").asDouble(), line.path("firstResultSeconds").asDouble(),
          line.path("cpuSeconds").asDouble(), line.path("lookupMillis").asDouble(), verdict, null);
    } catch (IOException | InterruptedException | RuntimeException e) {
      return new Sample(0, 0, 0, 0, null, Outcome.failed(e));
    }
  }

  private JsonNode runChild(Path project, Expected expected, Path log, RunContext context, List<String> jvmOptions)
      throws IOException, InterruptedException {
    List<String> command = ChildProbe.command(jvmOptions, childClassPath(), FirstQueryProbe.class,
        List.of(project.toAbsolutePath().toString(), COUNT_SQL, LOOKUP_SQL, expected.id()));
    return mapper.readTree(ChildProbe.run(command, log, context.policy().probeTimeout(), FirstQueryProbe.PREFIX, "W12 probe on " + project));
  }

  /** The probe's jar or classes folder, then the driver's class path. */
  private String childClassPath() {
    return probeLocation() + File.pathSeparator + driverClassPath;
  }

  /** The jar or classes folder holding the probe, so the child loads it beside the driver alone. */
  private static String probeLocation() {
    try {
      return Path.of(FirstQueryProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of " + FirstQueryProbe.class.getName(), e);
    }
  }

  /**
   * The answers read straight from posts.json: how many posts are published, and the id and title
   * of the post in the middle of the file.
   */
  record Expected(long published, String id, String title) {

    static Expected scan(Path posts) throws IOException {
      List<String[]> middle = new ArrayList<>();
      long published = 0;
      long records = 0;
      try (JsonParser parser = new JsonFactory().createParser(posts.toFile())) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw new IOException(posts + " is not a JSON array");
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          String id = null;
          String title = null;
          String status = null;
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
              case "id" -> id = parser.getText();
              case "title" -> title = parser.getText();
              case "status" -> status = parser.getText();
              default -> parser.skipChildren();
            }
          }
          if ("published".equals(status)) {
            published++;
          }
          // Every 1000th record is a candidate; the middle one is taken once the count is known.
          if (records % 1000 == 0) {
            middle.add(new String[] {id, title});
          }
          records++;
        }
      }
      if (middle.isEmpty()) {
        throw new IOException(posts + " holds no posts");
      }
      String[] pick = middle.get(middle.size() / 2);
      return new Expected(published, pick[0], pick[1]);
    }
  }
}
