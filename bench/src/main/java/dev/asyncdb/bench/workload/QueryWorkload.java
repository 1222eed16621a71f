package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.engine.Engine;
import dev.asyncdb.bench.verify.QueryResult;
import dev.asyncdb.bench.verify.Verdict;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;

/**
 * A workload of timed queries (W3–W6): each query first runs once to capture and check its
 * result (which also warms up; a second warm-up follows when it was quick), then its measured
 * runs report milliseconds.
 */
public final class QueryWorkload implements ReadWorkload {

  private static final double SECOND_WARMUP_BELOW_MS = 1_000;

  private final String id;
  private final String title;
  private final String description;
  private final DatasetKind dataset;
  private final List<QueryCase> queries;

  public QueryWorkload(String id, String title, String description, DatasetKind dataset,
      List<QueryCase> queries) {
    this.id = id;
    this.title = title;
    this.description = description;
    this.dataset = dataset;
    this.queries = List.copyOf(queries);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public DatasetKind dataset() {
    return dataset;
  }

  @Override
  public List<String> caseLabels() {
    return queries.stream().map(QueryCase::label).toList();
  }

  @Override
  public Unit unit() {
    return Unit.MILLISECONDS;
  }

  @Override
  public WorkloadResult newResult() {
    return new WorkloadResult(id, title, description);
  }

  @Override
  public void run(Engine engine, boolean reference, RunContext context, WorkloadResult into) {
    int timeout = context.policy().queryTimeoutSeconds();
    Sampler sampler = new Sampler(context.policy());
    for (QueryCase query : queries) {
      Outcome outcome;
      try {
        Connection connection = engine.connection();
        String sql = query.sql().apply(engine.dialect());
        long start = System.nanoTime();
        QueryResult result = JdbcRuns.capture(connection, sql, query.ordered(), timeout);
        double checkedMillis = (System.nanoTime() - start) / 1e6;
        Verdict verdict = context.references().judge(query.key(), result, reference);
        Measurement measurement;
        if (!context.policy().warmUp()) {
          measurement = Measurement.of(List.of(checkedMillis));
        } else {
          boolean second = checkedMillis < SECOND_WARMUP_BELOW_MS;
          if (second) {
            JdbcRuns.timeMillis(connection, sql, timeout);
          }
          // Which runs the figures are matters for engines that compile as they run (the JVM's).
          context.log().printf(Locale.ROOT, "[%s] %-28s %-22s first (checked) run %.1f ms, %s%n", id, query.label(), engine.name(),
              checkedMillis, second ? "then one more warm-up run" : "no more warm-up (it took 1 s or more)");
          measurement =
              sampler.sample(start, () -> JdbcRuns.timeMillis(connection, sql, timeout));
        }
        outcome = Outcome.of(measurement, verdict);
      } catch (Exception e) {
        outcome = Outcome.failed(e);
      }
      into.record(query.label(), Unit.MILLISECONDS, engine.name(), outcome);
      Progress.log(context.log(), id, query.label(), engine.name(), outcome, Unit.MILLISECONDS);
    }
  }
}
