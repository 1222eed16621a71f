package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.data.FileTrees;
import dev.asyncdb.bench.verify.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * W9: SQL writes through JDBC into a table created by DDL — single-row INSERTs through one reused
 * PreparedStatement with autocommit, and a batch load (addBatch/executeBatch per 1,000 rows, one
 * commit) — on SQLite, H2 and Async DB, each on a file and in memory. After every run the rows
 * the engine acknowledged must all be there.
 */
public final class SqlWriteWorkload {
  static final String CREATE = "CREATE TABLE w9 (id VARCHAR(40) PRIMARY KEY, user_id VARCHAR(40) NOT NULL,"
      + " title VARCHAR(200) NOT NULL, views BIGINT, created_at TIMESTAMP)";
  static final String INSERT = "INSERT INTO w9 (id, user_id, title, views, created_at) VALUES (?, ?, ?, ?, ?)";
  private static final int BATCH = 1_000;
  private static final AtomicInteger MEMORY_NAMES = new AtomicInteger();

  /** One engine in one storage mode: how to connect, and under which column it is reported. */
  private record Target(String engine, boolean file, String url, Properties properties) {}

  /** A fresh, empty result for this workload. */
  public WorkloadResult newResult() {
    return new WorkloadResult("W9", "SQL writes through JDBC",
        "`" + CREATE + "` on a fresh database, then (a) single-row `INSERT`s through one reused PreparedStatement"
            + " with autocommit for the write window, and (b) a batch load: addBatch/executeBatch every 1,000 rows, one commit"
            + " (100k rows; 1k in smoke runs). File: SQLite WAL with synchronous=FULL, H2 file with WRITE_DELAY=0,"
            + " Async DB's project folder with default durability. Memory: SQLite `:memory:`, H2 `mem:`, Async DB `mem:`.");
  }

  static String label(boolean batch, boolean file, int rows) {
    return (batch ? String.format("%,d-row batch INSERT", rows) : "single-row INSERT, autocommit") + (file ? ", file" : ", memory");
  }

  /** Runs every case on every target and records into {@code into}. */
  public void run(RunContext context, WorkloadResult into) throws Exception {
    Path dir = Files.createDirectories(context.scratch().resolve("w9"));
    FileTrees.emptyDirectory(dir);
    int batchRows = context.policy().warmUp() ? 100_000 : 1_000;
    for (Target target : targets(dir)) {
      record(context, into, target, false, batchRows, () -> singleRows(target, context));
      record(context, into, target, true, batchRows, () -> batch(target, context, batchRows));
    }
  }

  private static List<Target> targets(Path dir) {
    Properties wal = new Properties();
    wal.setProperty("journal_mode", "WAL");
    wal.setProperty("synchronous", "FULL");
    int n = MEMORY_NAMES.incrementAndGet();
    return List.of(
        new Target("SQLite", true, "jdbc:sqlite:" + dir.resolve("w9.db").toAbsolutePath(), wal),
        new Target("H2", true, "jdbc:h2:file:" + dir.resolve("w9-h2").toAbsolutePath() + ";WRITE_DELAY=0", new Properties()),
        new Target("Async DB", true, "jdbc:asyncdb:" + dir.resolve("w9-asyncdb").toAbsolutePath() + ";create=true", new Properties()),
        new Target("SQLite", false, "jdbc:sqlite::memory:", new Properties()),
        new Target("H2", false, "jdbc:h2:mem:w9-" + n, new Properties()),
        new Target("Async DB", false, "jdbc:asyncdb:mem:w9-" + n, new Properties()));
  }

  /** A case's measured runs; each run returns its rate and whether every acknowledged row is visible. */
  private interface Case {
    Measurement measure() throws Exception;
  }

  private void record(RunContext context, WorkloadResult into, Target target, boolean batch, int rows, Case run) {
    String label = label(batch, target.file(), rows);
    Outcome outcome;
    try {
      outcome = Deadline.call(context.policy().engineTimeout(), target.engine() + " W9", () -> {
        try {
          return Outcome.of(run.measure(), Verdict.match());
        } catch (RowsMissing e) {
          return Outcome.mismatch(e.measurement, e.getMessage());
        }
      });
    } catch (Exception e) {
      outcome = Outcome.failed(e);
    }
    into.record(label, Unit.ROWS_PER_SECOND, target.engine(), outcome);
    Progress.log(context.log(), "W9", label, target.engine(), outcome, Unit.ROWS_PER_SECOND);
  }

  private Measurement singleRows(Target target, RunContext context) throws Exception {
    try (Connection c = DriverManager.getConnection(target.url(), target.properties())) {
      recreate(c);
      long window = context.policy().writeWindow().toNanos();
      long[] inserted = {0};
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        if (context.policy().warmUp()) {
          insertFor(ps, window / 2, inserted);
        }
        long start = System.nanoTime();
        Measurement m = new Sampler(context.policy()).sample(start, () -> insertFor(ps, window, inserted));
        check(c, inserted[0], m);
        return m;
      }
    }
  }

  private static double insertFor(PreparedStatement ps, long windowNanos, long[] inserted) throws Exception {
    long start = System.nanoTime();
    long deadline = start + windowNanos;
    long rows = 0;
    do {
      bind(ps, inserted[0]++);
      ps.executeUpdate();
      rows++;
    } while (System.nanoTime() < deadline);
    return rows / ((System.nanoTime() - start) / 1e9);
  }

  private Measurement batch(Target target, RunContext context, int rows) throws Exception {
    try (Connection c = DriverManager.getConnection(target.url(), target.properties())) {
      if (context.policy().warmUp()) {
        loadBatch(c, Math.min(rows, 10_000));
      }
      long start = System.nanoTime();
      Measurement[] last = new Measurement[1];
      last[0] = new Sampler(context.policy()).sample(start, () -> {
        double rate = loadBatch(c, rows);
        return rate;
      });
      check(c, rows, last[0]);
      return last[0];
    }
  }

  /** Loads {@code rows} rows into a fresh table in one transaction; returns rows per second. */
  private static double loadBatch(Connection c, int rows) throws Exception {
    recreate(c);
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      long start = System.nanoTime();
      for (int i = 0; i < rows; i++) {
        bind(ps, i);
        ps.addBatch();
        if ((i + 1) % BATCH == 0 || i == rows - 1) {
          ps.executeBatch();
        }
      }
      c.commit();
      return rows / ((System.nanoTime() - start) / 1e9);
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void bind(PreparedStatement ps, long n) throws Exception {
    ps.setString(1, "r" + n);
    ps.setString(2, "u_" + (n % 1000));
    ps.setString(3, "Row " + n);
    ps.setLong(4, n % 997);
    ps.setTimestamp(5, new Timestamp(1_700_000_000_000L + n * 1000));
  }

  private static void recreate(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS w9");
      s.execute(CREATE);
    }
  }

  private static void check(Connection c, long expected, Measurement m) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM w9")) {
      rs.next();
      long count = rs.getLong(1);
      if (count != expected) {
        throw new RowsMissing("acknowledged " + expected + " rows but " + count + " are visible", m);
      }
    }
  }

  /** A run whose acknowledged rows are not all visible afterwards. */
  private static final class RowsMissing extends Exception {
    final transient Measurement measurement;

    RowsMissing(String message, Measurement measurement) {
      super(message);
      this.measurement = measurement;
    }
  }
}
