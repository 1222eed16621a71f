package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.engine.Engine;
import dev.asyncdb.bench.verify.QueryResult;
import dev.asyncdb.bench.verify.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Point lookups of posts by id at random (fixed-seed) ids, counted in operations per second:
 * W1 reuses one {@code PreparedStatement}; W2 sends literal SQL through a fresh
 * {@code Statement} each time, as ad-hoc tools do.
 */
public final class PointLookupWorkload implements ReadWorkload {

  static final String SELECT =
      "SELECT id, userId, title, status, views, createdAt FROM posts WHERE id = ";
  private static final long SEED = 42;
  private static final int VERIFIED_IDS = 20;

  private final String id;
  private final boolean prepared;
  private final String label;

  private PointLookupWorkload(String id, boolean prepared, String label) {
    this.id = id;
    this.prepared = prepared;
    this.label = label;
  }

  /** W1: prepared point lookup. */
  public static PointLookupWorkload prepared() {
    return new PointLookupWorkload("W1", true, "posts by id, prepared");
  }

  /** W2: unprepared point lookup with literal SQL. */
  public static PointLookupWorkload literal() {
    return new PointLookupWorkload("W2", false, "posts by id, literal SQL");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public DatasetKind dataset() {
    return DatasetKind.APP;
  }

  @Override
  public List<String> caseLabels() {
    return List.of(label);
  }

  @Override
  public Unit unit() {
    return Unit.OPS_PER_SECOND;
  }

  @Override
  public WorkloadResult newResult() {
    return prepared
        ? new WorkloadResult(id, "Prepared point lookup by id",
            "`" + SELECT + "?` on one reused PreparedStatement, random ids from a fixed seed.")
        : new WorkloadResult(id, "Unprepared point lookup by id",
            "`" + SELECT + "'p_N'` through a fresh Statement per lookup, random ids from a"
                + " fixed seed.");
  }

  @Override
  public void run(Engine engine, boolean reference, RunContext context, WorkloadResult into) {
    Outcome outcome;
    try {
      long posts = context.dataset().table("posts").rows();
      Lookup lookup = prepared
          ? new PreparedLookup(engine.connection())
          : new LiteralLookup(engine.connection());
      try (lookup) {
        Verdict verdict = verify(lookup, posts, reference, context);
        long start = System.nanoTime();
        long window = context.policy().throughputWindow().toNanos();
        SplittableRandom ids = new SplittableRandom(SEED);
        if (context.policy().warmUp()) {
          opsPerSecond(lookup, ids, posts, window);
        }
        Measurement m = new Sampler(context.policy())
            .sample(start, () -> opsPerSecond(lookup, ids, posts, window));
        outcome = Outcome.of(m, verdict);
      }
    } catch (Exception e) {
      outcome = Outcome.failed(e);
    }
    into.record(label, Unit.OPS_PER_SECOND, engine.name(), outcome);
    Progress.log(context.log(), id, label, engine.name(), outcome, Unit.OPS_PER_SECOND);
  }

  private Verdict verify(Lookup lookup, long posts, boolean reference,
      RunContext context) throws SQLException {
    SplittableRandom ids = new SplittableRandom(SEED);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < VERIFIED_IDS; i++) {
      rows.addAll(lookup.capture(randomId(ids, posts)).rows());
    }
    rows.addAll(lookup.capture("p_missing").rows());
    return context.references().judge(id + ".posts-by-id", QueryResult.of(true, rows), reference);
  }

  private static double opsPerSecond(Lookup lookup, SplittableRandom ids, long posts,
      long windowNanos) throws SQLException {
    long start = System.nanoTime();
    long deadline = start + windowNanos;
    long ops = 0;
    long now;
    do {
      lookup.run(randomId(ids, posts));
      ops++;
      now = System.nanoTime();
    } while (now < deadline);
    return ops / ((now - start) / 1e9);
  }

  private static String randomId(SplittableRandom ids, long posts) {
    return "p_" + (1 + ids.nextLong(posts));
  }

  /** One way of looking a post up by id. */
  private interface Lookup extends AutoCloseable {
    /** Looks {@code postId} up and reads the row's values. */
    void run(String postId) throws SQLException;

    /** Looks {@code postId} up and returns the normalized rows. */
    QueryResult capture(String postId) throws SQLException;

    @Override
    void close() throws SQLException;
  }

  /** W1's lookup: one prepared statement, a new parameter each time. */
  private static final class PreparedLookup implements Lookup {
    private final PreparedStatement statement;

    PreparedLookup(Connection connection) throws SQLException {
      this.statement = connection.prepareStatement(SELECT + "?");
    }

    @Override
    public void run(String postId) throws SQLException {
      statement.setString(1, postId);
      try (ResultSet rs = statement.executeQuery()) {
        JdbcRuns.drain(rs);
      }
    }

    @Override
    public QueryResult capture(String postId) throws SQLException {
      statement.setString(1, postId);
      try (ResultSet rs = statement.executeQuery()) {
        return QueryResult.read(rs, true);
      }
    }

    @Override
    public void close() throws SQLException {
      statement.close();
    }
  }

  /** W2's lookup: literal SQL on a fresh statement each time. */
  private static final class LiteralLookup implements Lookup {
    private final Connection connection;

    LiteralLookup(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void run(String postId) throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(SELECT + "'" + postId + "'")) {
        JdbcRuns.drain(rs);
      }
    }

    @Override
    public QueryResult capture(String postId) throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(SELECT + "'" + postId + "'")) {
        return QueryResult.read(rs, true);
      }
    }

    @Override
    public void close() {}
  }
}
