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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * W10: SQL pushdown. A PostgreSQL table of 1M rows (10k in smoke runs) mapped to a resource, queried
 * through {@code jdbc:asyncdb:} — opening the project, a filtered aggregate (which runs inside
 * PostgreSQL) and point lookups by key — against a pgjdbc connection and the same SQL sent to
 * PostgreSQL directly. PostgreSQL is the {@link PostgresPeer}; without it the workload is skipped
 * with one line, except under
 * {@code CI=true}, where that is a failure.
 */
public final class PostgresPushdownWorkload {
  static final String SCHEMA = "bench_pushdown";
  static final String AGGREGATE_ASYNCDB = "SELECT kind, COUNT(*) AS n, SUM(amount) AS total FROM events"
      + " WHERE amount > 500 AND account < 2000 GROUP BY kind ORDER BY kind";
  static final String AGGREGATE_POSTGRES = "SELECT kind, COUNT(*) AS n, SUM(amount) AS total FROM " + SCHEMA + ".events"
      + " WHERE amount > 500 AND account_id < 2000 GROUP BY kind ORDER BY kind";
  static final String LOOKUP_ASYNCDB = "SELECT id, account, kind, amount FROM events WHERE id = ?";
  static final String LOOKUP_POSTGRES = "SELECT id, account_id, kind, amount FROM " + SCHEMA + ".events WHERE id = ?";
  private static final int LOOKUPS_PER_RUN = 1_000;

  public WorkloadResult newResult() {
    return new WorkloadResult("W10", "SQL pushdown to PostgreSQL",
        "A PostgreSQL table `events` (1M rows; 10k in smoke runs) mapped to a resource with a renamed column, queried through"
            + " `jdbc:asyncdb:` and the same SQL sent straight to PostgreSQL through pgjdbc: `" + AGGREGATE_ASYNCDB + "` (runs inside"
            + " PostgreSQL: JdbcToEnumerableConverter), and " + LOOKUP_ASYNCDB.replace("?", "…") + " through one PreparedStatement,"
            + " ms per " + LOOKUPS_PER_RUN + " lookups of random keys; and the time to open the project (first `jdbc:asyncdb:` connection;"
            + " the rows stay in PostgreSQL until a use needs them in memory) against opening a pgjdbc connection. The aggregate and the lookups"
            + " are timed in alternation (PostgreSQL, Async DB, Async DB, PostgreSQL, …), so a change of the machine's load weighs on both. Needs " + PostgresPeer.ENV
            + " (scripts/postgres-test.sh).");
  }

  public void run(RunContext context, WorkloadResult into) throws Exception {
    int rows = context.policy().warmUp() ? 1_000_000 : 10_000;
    String aggregate = "filtered aggregate, " + String.format(Locale.ROOT, "%,d", rows) + " rows";
    String lookup = "point lookups by key (" + LOOKUPS_PER_RUN + ")";
    String open = "open the project / connect, " + String.format(Locale.ROOT, "%,d", rows) + " rows mapped";
    String url = PostgresPeer.url("W10");
    if (url == null) {
      context.log().println(PostgresPeer.skipped("W10", "the whole workload"));
      for (String label : List.of(open, aggregate, lookup)) {
        into.record(label, Unit.MILLISECONDS, "Async DB", Outcome.unavailable(PostgresPeer.NOT_RUN));
        into.record(label, Unit.MILLISECONDS, "PostgreSQL", Outcome.unavailable(PostgresPeer.NOT_RUN));
      }
      return;
    }
    try (Connection pg = DriverManager.getConnection(url)) {
      ensureTable(pg, rows, context);
      Path project = Files.createDirectories(context.scratch().resolve("w10"));
      FileTrees.emptyDirectory(project);
      Files.createDirectories(project.resolve("db"));
      Files.writeString(project.resolve("db.config.json"), "{\"stores\": {\"pg\": {\"driver\": \"postgres\", \"url\": \""
          + url.replace("\"", "\\\"") + "\", \"schema\": \"" + SCHEMA + "\", \"tables\": {\"events\": {\"table\": \"events\","
          + " \"columns\": {\"account\": \"account_id\"}, \"readOnly\": true}}}}}");
      long opening = System.nanoTime();
      try (Connection first = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
        context.log().printf(Locale.ROOT, "[W10] jdbc:asyncdb: opened the %,d-row mapped table in %.2f s (first open in this JVM)%n", rows,
            (System.nanoTime() - opening) / 1e9);
      }
      // The last connection closed releases the engine, so each of these opens the project again.
      measureOpen(context, into, open, "PostgreSQL", () -> DriverManager.getConnection(url), rows);
      measureOpen(context, into, open, "Async DB", () -> DriverManager.getConnection("jdbc:asyncdb:" + project), rows);
      try (Connection adb = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
        List<List<Object>> expected = query(pg, AGGREGATE_POSTGRES);
        measurePair(context, into, aggregate, () -> query(pg, AGGREGATE_POSTGRES), () -> query(adb, AGGREGATE_ASYNCDB), expected);
        long[] keys = new SplittableRandom(42).longs(LOOKUPS_PER_RUN, 1, rows + 1).toArray();
        try (PreparedStatement direct = pg.prepareStatement(LOOKUP_POSTGRES); PreparedStatement through = adb.prepareStatement(LOOKUP_ASYNCDB)) {
          List<List<Object>> expectedRows = lookups(direct, keys);
          measurePair(context, into, lookup, () -> lookups(direct, keys), () -> lookups(through, keys), expectedRows);
        }
      }
    }
  }

  /** Creates and fills the table unless it already holds {@code rows} rows (a rerun reuses it). */
  private static void ensureTable(Connection pg, int rows, RunContext context) throws Exception {
    try (Statement s = pg.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + SCHEMA + "' AND table_name = 'events'")) {
        rs.next();
        if (rs.getLong(1) > 0) {
          try (ResultSet n = s.executeQuery("SELECT count(*) FROM " + SCHEMA + ".events")) {
            n.next();
            if (n.getLong(1) == rows) {
              return;
            }
          }
        }
      }
      long start = System.nanoTime();
      s.execute("DROP TABLE IF EXISTS " + SCHEMA + ".events");
      s.execute("CREATE TABLE " + SCHEMA + ".events (id BIGINT PRIMARY KEY, account_id BIGINT NOT NULL, kind TEXT NOT NULL,"
          + " amount DOUBLE PRECISION NOT NULL, note TEXT)");
      // Deterministic pseudo-random columns from the id, so every run (and rerun) has the same rows.
      s.execute("INSERT INTO " + SCHEMA + ".events SELECT i, (i * 7919) % 10000, (ARRAY['click','view','buy','share'])[1 + (i * 31) % 4],"
          + " ((i * 104729) % 100000) / 100.0, CASE WHEN i % 10 = 0 THEN 'n' || i END FROM generate_series(1::bigint, " + rows + ") AS i");
      s.execute("ANALYZE " + SCHEMA + ".events");
      context.log().printf(Locale.ROOT, "[W10] filled %s.events with %,d rows in %.1f s%n", SCHEMA, rows, (System.nanoTime() - start) / 1e9);
    }
  }

  private interface Opener {
    Connection open() throws Exception;
  }

  /**
   * Times opening a connection (for Async DB: opening the project behind it), after one checked
   * open; each open is checked by counting the table's rows through it, outside the timing.
   */
  private static void measureOpen(RunContext context, WorkloadResult into, String label, String engine, Opener opener, int rows) {
    Outcome outcome;
    try {
      String difference = null;
      List<Double> samples = new ArrayList<>();
      int runs = context.policy().warmUp() ? 5 : 2;
      for (int i = 0; i <= runs; i++) {
        long start = System.nanoTime();
        try (Connection c = opener.open()) {
          double ms = (System.nanoTime() - start) / 1e6;
          if (i > 0) {
            samples.add(ms);
          }
          String table = engine.equals("Async DB") ? "events" : SCHEMA + ".events";
          List<List<Object>> count = query(c, "SELECT count(*) FROM " + table);
          if (difference == null && ((Number) count.get(0).get(0)).longValue() != rows) {
            difference = "counts " + count.get(0).get(0) + " rows where the table has " + rows;
          }
        }
      }
      outcome = Outcome.of(Measurement.of(samples), difference == null ? Verdict.match() : Verdict.mismatch(difference));
    } catch (Exception e) {
      outcome = Outcome.failed(e);
    }
    into.record(label, Unit.MILLISECONDS, engine, outcome);
    Progress.log(context.log(), "W10", label, engine, outcome, Unit.MILLISECONDS);
  }

  private interface Run {
    List<List<Object>> rows() throws Exception;
  }

  /**
   * Times a case on PostgreSQL and on Async DB (after one checked warm-up run each) in alternation —
   * PostgreSQL first in odd rounds, Async DB first in even ones — so that a change of the machine's
   * load during the measurement weighs on both alike, and records both with their checks against
   * PostgreSQL's own answer.
   */
  private static void measurePair(RunContext context, WorkloadResult into, String label, Run postgres, Run asyncDb, List<List<Object>> expected) {
    Run[] runs = {postgres, asyncDb};
    String[] engines = {"PostgreSQL", "Async DB"};
    String[] differences = new String[2];
    Exception[] failures = new Exception[2];
    List<List<Double>> samples = List.of(new ArrayList<>(), new ArrayList<>());
    for (int e = 0; e < 2; e++) {
      try {
        differences[e] = difference(runs[e].rows(), expected);
      } catch (Exception ex) {
        failures[e] = ex;
      }
    }
    int rounds = context.policy().warmUp() ? 15 : 3;
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < 2; k++) {
        int e = i % 2 == 0 ? k : 1 - k;
        if (failures[e] != null) {
          continue;
        }
        try {
          long start = System.nanoTime();
          runs[e].rows();
          samples.get(e).add((System.nanoTime() - start) / 1e6);
        } catch (Exception ex) {
          failures[e] = ex;
        }
      }
    }
    for (int e = 0; e < 2; e++) {
      Outcome outcome = failures[e] != null ? Outcome.failed(failures[e])
          : Outcome.of(Measurement.of(samples.get(e)), differences[e] == null ? Verdict.match() : Verdict.mismatch(differences[e]));
      into.record(label, Unit.MILLISECONDS, engines[e], outcome);
      Progress.log(context.log(), "W10", label, engines[e], outcome, Unit.MILLISECONDS);
    }
  }

  private static String difference(List<List<Object>> actual, List<List<Object>> expected) {
    if (actual.size() != expected.size()) {
      return actual.size() + " rows where PostgreSQL returns " + expected.size();
    }
    for (int i = 0; i < actual.size(); i++) {
      for (int j = 0; j < expected.get(i).size(); j++) {
        Object a = actual.get(i).get(j);
        Object e = expected.get(i).get(j);
        boolean same = a instanceof Number x && e instanceof Number y ? Math.abs(x.doubleValue() - y.doubleValue()) <= 1e-6 * Math.max(1, Math.abs(y.doubleValue()))
            : Objects.equals(String.valueOf(a), String.valueOf(e));
        if (!same) {
          return "row " + (i + 1) + " column " + (j + 1) + ": " + a + " where PostgreSQL returns " + e;
        }
      }
    }
    return null;
  }

  private static List<List<Object>> query(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  private static List<List<Object>> lookups(PreparedStatement ps, long[] keys) throws Exception {
    List<List<Object>> out = new ArrayList<>();
    for (long key : keys) {
      ps.setLong(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        out.addAll(rows(rs));
      }
    }
    return out;
  }

  private static List<List<Object>> rows(ResultSet rs) throws Exception {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        row.add(rs.getObject(i));
      }
      out.add(row);
    }
    return out;
  }
}
