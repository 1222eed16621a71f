package dev.asyncdb.jdbc;

import static dev.asyncdb.jdbc.ColumnarDifferentialTest.assertSame;
import static dev.asyncdb.jdbc.ColumnarDifferentialTest.ours;
import static dev.asyncdb.jdbc.ColumnarDifferentialTest.plan;
import static dev.asyncdb.jdbc.ColumnarDifferentialTest.read;
import static dev.asyncdb.jdbc.ColumnarDifferentialTest.run;
import static dev.asyncdb.jdbc.ColumnarDifferentialTest.sorted;
import static dev.asyncdb.jdbc.ColumnarDifferentialTest.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.jdbc.ColumnarDifferentialTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregates over inner equi-joins of collections run by the columnar join must answer as SQLite
 * does over the same rows, and exactly as the ordinary plan of hash joins does — same values to the
 * last bit (sums of doubles included), same column types — which the same statements show when a
 * transaction's own no-op write makes them fall back to it. The data has NULL and dangling join
 * keys, duplicate keys on both sides, a two-column key and an empty collection; the TPC-H tables
 * (small, generated) give the shapes of the benchmark's Q3 and Q5, and users and posts that of W5.
 */
class ColumnarJoinDifferentialTest {
  @TempDir
  Path project;

  /** Table name to its SQLite column declarations and rows (null = NULL or missing field). */
  private final Map<String, Table> tables = new LinkedHashMap<>();

  private record Table(String[] columns, String[] sqlTypes, List<Object[]> rows) {}

  @BeforeEach
  void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Random random = new Random(7);
    String[] countries = {"DE", "FR", "US", "JP", null};
    List<Object[]> users = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Emails are longer than 7 bytes (joined by their bytes, not packed in a long); one is not ASCII.
      users.add(new Object[] {"u" + i, countries[random.nextInt(countries.length)], random.nextInt(8) == 0 ? null : random.nextBoolean(),
          random.nextInt(10) == 0 ? null : (long) random.nextInt(5), random.nextInt(10) == 0 ? null : random.nextInt(1000) / 10.0 + 0.05,
          random.nextInt(30) == 0 ? null : email(i)});
    }
    collection("users", new String[] {"id", "country", "active", "grp", "score", "email"},
        new String[] {"string", "string", "boolean", "integer", "number", "string"},
        new String[] {"TEXT PRIMARY KEY", "TEXT", "INTEGER", "INTEGER", "REAL", "TEXT"}, users, "id");
    String[] statuses = {"draft", "published", "archived"};
    List<Object[]> posts = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // NULL and dangling user ids; grp and sub make a two-column key into tags, with duplicates.
      String userId = random.nextInt(15) == 0 ? null : "u" + random.nextInt(330);
      posts.add(new Object[] {"p" + i, userId, statuses[random.nextInt(3)], random.nextInt(12) == 0 ? null : (long) random.nextInt(1000),
          random.nextInt(12) == 0 ? null : random.nextInt(100000) / 100.0 + 0.01, random.nextInt(10) == 0 ? null : (long) random.nextInt(6),
          (long) random.nextInt(3), LocalDate.of(2024, 1, 1).plusDays(random.nextInt(400)).toString(),
          random.nextInt(20) == 0 ? null : email(random.nextInt(330))});
    }
    collection("posts", new String[] {"id", "userId", "status", "views", "rating", "grp", "sub", "posted", "author"},
        new String[] {"string", "string", "string", "integer", "number", "integer", "integer", "date", "string"},
        new String[] {"TEXT PRIMARY KEY", "TEXT", "TEXT", "INTEGER", "REAL", "INTEGER", "INTEGER", "TEXT", "TEXT"}, posts, "id");
    List<Object[]> tags = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      tags.add(new Object[] {"t" + i, random.nextInt(10) == 0 ? null : (long) random.nextInt(6), (long) random.nextInt(3), "tag" + random.nextInt(7),
          random.nextInt(100) / 4.0, LocalDate.of(2024, 1, 1).plusDays(random.nextInt(400)).toString()});
    }
    collection("tags", new String[] {"id", "grp", "sub", "name", "weight", "posted"}, new String[] {"string", "integer", "integer", "string", "number", "date"},
        new String[] {"TEXT PRIMARY KEY", "INTEGER", "INTEGER", "TEXT", "REAL", "TEXT"}, tags, "id");
    collection("nobody", new String[] {"id", "grp"}, new String[] {"string", "integer"}, new String[] {"TEXT PRIMARY KEY", "INTEGER"}, List.of(), "id");
    tpch(random);
  }

  private static String email(int user) {
    return (user == 17 ? "zoë" : "user") + user + "@example.com";
  }

  /** A small TPC-H: integer keys, double prices, ISO dates, the benchmark's column names. */
  private void tpch(Random random) throws Exception {
    String[] regionNames = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};
    List<Object[]> region = new ArrayList<>();
    for (int r = 0; r < 5; r++) {
      region.add(new Object[] {(long) r, regionNames[r]});
    }
    collection("region", new String[] {"r_regionkey", "r_name"}, new String[] {"integer", "string"}, new String[] {"INTEGER PRIMARY KEY", "TEXT"},
        region, "r_regionkey");
    List<Object[]> nation = new ArrayList<>();
    for (int n = 0; n < 25; n++) {
      nation.add(new Object[] {(long) n, "NATION" + n, (long) (n % 5)});
    }
    collection("nation", new String[] {"n_nationkey", "n_name", "n_regionkey"}, new String[] {"integer", "string", "integer"},
        new String[] {"INTEGER PRIMARY KEY", "TEXT", "INTEGER"}, nation, "n_nationkey");
    List<Object[]> supplier = new ArrayList<>();
    for (int s = 1; s <= 60; s++) {
      supplier.add(new Object[] {(long) s, (long) random.nextInt(25)});
    }
    collection("supplier", new String[] {"s_suppkey", "s_nationkey"}, new String[] {"integer", "integer"},
        new String[] {"INTEGER PRIMARY KEY", "INTEGER"}, supplier, "s_suppkey");
    String[] segments = {"BUILDING", "AUTOMOBILE", "MACHINERY"};
    List<Object[]> customer = new ArrayList<>();
    for (int c = 1; c <= 400; c++) {
      customer.add(new Object[] {(long) c, segments[random.nextInt(3)], (long) random.nextInt(25)});
    }
    collection("customer", new String[] {"c_custkey", "c_mktsegment", "c_nationkey"}, new String[] {"integer", "string", "integer"},
        new String[] {"INTEGER PRIMARY KEY", "TEXT", "INTEGER"}, customer, "c_custkey");
    List<Object[]> orders = new ArrayList<>();
    List<Object[]> lineitem = new ArrayList<>();
    for (int o = 1; o <= 3000; o++) {
      long key = o * 4L - random.nextInt(3);
      LocalDate date = LocalDate.of(1993, 1, 1).plusDays(random.nextInt(1200));
      orders.add(new Object[] {key, 1L + random.nextInt(400), date.toString(), (long) random.nextInt(2)});
      for (int l = 1, lines = 1 + random.nextInt(6); l <= lines; l++) {
        lineitem.add(new Object[] {key, (long) l, 1L + random.nextInt(60), random.nextInt(9000000) / 100.0 + 900, random.nextInt(11) / 100.0,
            date.plusDays(1 + random.nextInt(120)).toString()});
      }
    }
    collection("orders", new String[] {"o_orderkey", "o_custkey", "o_orderdate", "o_shippriority"}, new String[] {"integer", "integer", "date", "integer"},
        new String[] {"INTEGER PRIMARY KEY", "INTEGER", "TEXT", "INTEGER"}, orders, "o_orderkey");
    collection("lineitem", new String[] {"l_orderkey", "l_linenumber", "l_suppkey", "l_extendedprice", "l_discount", "l_shipdate"},
        new String[] {"integer", "integer", "integer", "number", "number", "date"},
        new String[] {"INTEGER", "INTEGER", "INTEGER", "REAL", "REAL", "TEXT"}, lineitem, null);
  }

  private void collection(String name, String[] columns, String[] types, String[] sqlTypes, List<Object[]> rows, String key) throws Exception {
    StringBuilder schema = new StringBuilder("{\"kind\": \"collection\"");
    if (key != null) {
      schema.append(", \"idField\": \"").append(key).append('"');
    } else {
      schema.append(", \"identity\": {\"fields\": [\"l_orderkey\", \"l_linenumber\"]}");
    }
    schema.append(", \"fields\": {");
    for (int i = 0; i < columns.length; i++) {
      boolean required = columns[i].equals(key) || key == null;
      schema.append(i == 0 ? "" : ", ").append('"').append(columns[i]).append("\": {\"type\": \"").append(types[i]).append('"')
          .append(required ? ", \"required\": true" : ", \"nullable\": true").append('}');
    }
    Files.writeString(project.resolve("db/" + name + ".schema.json"), schema.append("}}").toString());
    StringBuilder json = new StringBuilder("[");
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      json.append(r == 0 ? "{" : ",\n{");
      boolean first = true;
      for (int i = 0; i < columns.length; i++) {
        // Some NULLs are missing fields instead: both read as NULL.
        if (row[i] == null && (r % 2 == 0)) {
          continue;
        }
        json.append(first ? "" : ",").append('"').append(columns[i]).append("\":")
            .append(row[i] instanceof String s ? "\"" + s + "\"" : String.valueOf(row[i]));
        first = false;
      }
      json.append('}');
    }
    Files.writeString(project.resolve("db/" + name + ".json"), json.append("]").toString());
    tables.put(name, new Table(columns, sqlTypes, rows));
  }

  private Connection sqliteDb() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
    for (Map.Entry<String, Table> e : tables.entrySet()) {
      Table t = e.getValue();
      StringBuilder ddl = new StringBuilder("CREATE TABLE " + e.getKey() + " (");
      for (int i = 0; i < t.columns().length; i++) {
        ddl.append(i == 0 ? "" : ", ").append(t.columns()[i]).append(' ').append(t.sqlTypes()[i]);
      }
      try (Statement s = c.createStatement()) {
        s.execute(ddl.append(')').toString());
      }
      String marks = String.join(", ", java.util.Collections.nCopies(t.columns().length, "?"));
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + e.getKey() + " VALUES (" + marks + ")")) {
        for (Object[] row : t.rows()) {
          for (int i = 0; i < row.length; i++) {
            ps.setObject(i + 1, row[i] instanceof Boolean b ? (b ? 1 : 0) : row[i]);
          }
          ps.executeUpdate();
        }
      }
    }
    return c;
  }

  private Connection oursDb() throws SQLException {
    return DriverManager.getConnection("jdbc:asyncdb:" + project);
  }

  static final String W5 = "SELECT u.country, COUNT(*) AS posts, SUM(p.views) AS views FROM posts p JOIN users u ON p.userId = u.id"
      + " WHERE u.active = {true} AND p.status = 'published' GROUP BY u.country ORDER BY u.country";

  static final String Q3 = "SELECT l_orderkey, SUM(l_extendedprice * (1 - l_discount)) AS revenue, o_orderdate, o_shippriority"
      + " FROM customer, orders, lineitem WHERE c_mktsegment = 'BUILDING' AND c_custkey = o_custkey AND l_orderkey = o_orderkey"
      + " AND o_orderdate < {d:1995-03-15} AND l_shipdate > {d:1995-03-15} GROUP BY l_orderkey, o_orderdate, o_shippriority"
      + " ORDER BY revenue DESC, o_orderdate, l_orderkey LIMIT 10";

  static final String Q5 = "SELECT n_name, SUM(l_extendedprice * (1 - l_discount)) AS revenue"
      + " FROM customer, orders, lineitem, supplier, nation, region WHERE c_custkey = o_custkey AND l_orderkey = o_orderkey"
      + " AND l_suppkey = s_suppkey AND c_nationkey = s_nationkey AND s_nationkey = n_nationkey AND n_regionkey = r_regionkey"
      + " AND r_name = 'ASIA' AND o_orderdate >= {d:1994-01-01} AND o_orderdate < {d:1995-01-01} GROUP BY n_name ORDER BY revenue DESC";

  /** Joins the columnar operator runs. */
  static final List<String> SUPPORTED = List.of(
      W5, Q3, Q5,
      // Every group of Q5 and Q3 without the top-N, and with more regions: many tuples per group, sums of doubles.
      Q5.replace("r_name = 'ASIA'", "r_name <> 'EUROPE'"),
      "SELECT o_orderdate, COUNT(*), SUM(l_extendedprice), MIN(l_discount), MAX(l_extendedprice * l_discount) FROM orders JOIN lineitem"
          + " ON l_orderkey = o_orderkey GROUP BY o_orderdate",
      "SELECT COUNT(*), SUM(l_extendedprice * (1 - l_discount)), SUM(o_shippriority) FROM lineitem, orders, customer"
          + " WHERE l_orderkey = o_orderkey AND o_custkey = c_custkey AND c_nationkey = 3",
      // Groups one joined row decides (a key is a column of an equality unique in its collection, or
      // equal to one, the other keys are that collection's columns): by the collection's key, by the
      // other side of the equality, by a string key whose uniqueness only the rows show.
      "SELECT o_orderkey, o_orderdate, COUNT(*), SUM(l_extendedprice) FROM orders JOIN lineitem ON l_orderkey = o_orderkey"
          + " WHERE l_linenumber < 4 GROUP BY o_orderkey, o_orderdate",
      "SELECT l_orderkey, o_shippriority, COUNT(*), MAX(l_discount) FROM orders JOIN lineitem ON l_orderkey = o_orderkey GROUP BY l_orderkey, o_shippriority",
      "SELECT p.userId, u.country, COUNT(*), SUM(p.views) FROM posts p JOIN users u ON p.userId = u.id GROUP BY p.userId, u.country",
      "SELECT p.author, u.country, COUNT(*), SUM(p.rating) FROM posts p JOIN users u ON p.author = u.email GROUP BY p.author, u.country",
      // Sums of doubles per group of the row that decides it: added as the rows come when all inputs
      // but one have one row per group (Q3 above: an order's line items, its one customer); when two
      // have several (a user's posts each join several tags), in the row plan's order (tags first).
      "SELECT u.id, u.country, COUNT(*), SUM(p.rating), MIN(p.rating) FROM tags t JOIN posts p ON p.grp = t.grp JOIN users u ON p.userId = u.id"
          + " GROUP BY u.id, u.country",
      // Groups no single row decides: keys of one collection without its unique column; a key whose
      // equality column repeats; a key of each side.
      "SELECT u.grp, u.country, COUNT(*), SUM(p.views) FROM posts p JOIN users u ON p.userId = u.id GROUP BY u.grp, u.country",
      "SELECT t.grp, t.name, COUNT(*) FROM posts p JOIN tags t ON p.grp = t.grp GROUP BY t.grp, t.name",
      "SELECT p.status, u.id, COUNT(*) FROM posts p JOIN users u ON p.userId = u.id GROUP BY p.status, u.id",
      // NULL and dangling keys on the probe side; NULL group keys; a global aggregate.
      "SELECT u.country, u.active, COUNT(*), SUM(p.views), SUM(p.rating), MIN(p.rating), MAX(u.score), COUNT(p.views) FROM posts p"
          + " JOIN users u ON p.userId = u.id GROUP BY u.country, u.active",
      "SELECT COUNT(*), SUM(u.score), SUM(p.views) FROM users u JOIN posts p ON u.id = p.userId",
      "SELECT p.status, COUNT(*), MAX(p.posted), MIN(u.id) FROM users u JOIN posts p ON u.id = p.userId WHERE u.grp = 2 GROUP BY p.status",
      // Duplicate keys on both sides (many-to-many), NULL keys on both sides, a key on integers.
      "SELECT t.name, COUNT(*), SUM(p.views), SUM(t.weight), SUM(p.rating) FROM posts p JOIN tags t ON p.grp = t.grp GROUP BY t.name",
      "SELECT u.grp, COUNT(*), SUM(t.weight) FROM users u JOIN tags t ON u.grp = t.grp GROUP BY u.grp",
      // Keys of long strings: dictionary-coded on one side and packed on the other, packed on both.
      "SELECT u.country, COUNT(*), SUM(p.views) FROM posts p JOIN users u ON p.author = u.email GROUP BY u.country",
      "SELECT a.country, COUNT(*), MAX(b.id) FROM users a JOIN users b ON a.email = b.email WHERE b.grp < 3 GROUP BY a.country",
      // Some 50k joined rows from a probe side that is not the plan's first input: sums of doubles
      // after the rows are put in the hash joins' order by counting positions, not by comparing.
      "SELECT t.name, COUNT(*), SUM(l.l_discount), SUM(t.weight) FROM tags t JOIN lineitem l ON t.grp = l.l_linenumber GROUP BY t.name",
      // A two-column key, and a key of dates.
      "SELECT t.id, COUNT(*), SUM(p.rating) FROM posts p JOIN tags t ON p.grp = t.grp AND p.sub = t.sub GROUP BY t.id",
      "SELECT t.name, COUNT(*), MIN(p.id) FROM posts p JOIN tags t ON p.posted = t.posted GROUP BY t.name",
      // The largest input's scan checks its keys against those a filtered neighbour kept: integer
      // keys with NULLs and values no tag has, a two-column key (each column checked alone).
      "SELECT t.name, COUNT(*), SUM(p.rating), MIN(p.id) FROM posts p JOIN tags t ON p.grp = t.grp AND p.sub = t.sub"
          + " WHERE t.weight < 8 GROUP BY t.name",
      // Three collections, filters on each; an empty collection; filters no row passes.
      "SELECT u.country, t.name, COUNT(*), SUM(p.rating) FROM posts p JOIN users u ON p.userId = u.id JOIN tags t ON p.grp = t.grp"
          + " WHERE p.views > 500 AND u.active = {true} AND t.weight < 15 GROUP BY u.country, t.name",
      "SELECT n.grp, COUNT(*) FROM nobody n JOIN posts p ON n.grp = p.grp GROUP BY n.grp",
      "SELECT COUNT(*), SUM(p.rating) FROM nobody n JOIN posts p ON n.grp = p.grp",
      "SELECT u.country, COUNT(*) FROM posts p JOIN users u ON p.userId = u.id WHERE p.views > 100000 GROUP BY u.country",
      // Rows a key lookup selects.
      "SELECT p.status, COUNT(*), SUM(p.rating) FROM posts p JOIN users u ON p.userId = u.id WHERE u.id IN ('u5', 'u7', 'u400') GROUP BY p.status",
      // COUNT(DISTINCT …) as Calcite plans it: a columnar GROUP BY country, status under a COUNT.
      "SELECT u.country, COUNT(DISTINCT p.status) FROM posts p JOIN users u ON p.userId = u.id GROUP BY u.country",
      // A self-join.
      "SELECT a.grp, COUNT(*), SUM(b.score) FROM users a JOIN users b ON a.grp = b.grp AND a.country = b.country GROUP BY a.grp");

  /** Joins it leaves to Calcite: outer joins, conditions other than column equalities, arguments from two collections, computed keys. */
  static final List<String> UNSUPPORTED = List.of(
      "SELECT u.country, COUNT(*), SUM(p.views) FROM posts p LEFT JOIN users u ON p.userId = u.id GROUP BY u.country",
      "SELECT u.country, COUNT(*) FROM posts p JOIN users u ON p.userId = u.id AND p.views > u.grp * 100 GROUP BY u.country",
      "SELECT u.country, SUM(p.views * u.grp) FROM posts p JOIN users u ON p.userId = u.id GROUP BY u.country",
      "SELECT u.country, COUNT(*) FROM posts p JOIN users u ON p.grp + 1 = u.grp GROUP BY u.country");

  @Test
  void joinAggregatesAnswerAsSqliteDoes() throws Exception {
    List<String> queries = new ArrayList<>(SUPPORTED);
    queries.addAll(UNSUPPORTED);
    try (Connection ours = oursDb(); Connection sqlite = sqliteDb()) {
      for (String q : queries) {
        Result expected = run(sqlite, sqlite(q));
        assertSame(q, run(ours, ours(q)), expected);
        try (PreparedStatement ps = ours.prepareStatement(ours(q))) {
          assertSame(q + " (prepared with its literals)", read(ps.executeQuery()), expected);
        }
      }
    }
  }

  @Test
  void supportedJoinsRunColumnarAndAnswerExactlyAsTheOrdinaryPlan() throws Exception {
    try (Connection ours = oursDb(); Connection fallback = oursDb()) {
      fallback.setAutoCommit(false);
      // A write that changes nothing still stages the collection: this connection's reads take Calcite's hash joins.
      for (String table : List.of("posts", "lineitem")) {
        String key = table.equals("posts") ? "id = 'p1'" : "l_orderkey = 4 AND l_linenumber = 1";
        try (Statement s = fallback.createStatement()) {
          s.executeUpdate("UPDATE " + table + " SET " + (table.equals("posts") ? "views = views" : "l_discount = l_discount") + " WHERE " + key);
        }
      }
      for (String q : SUPPORTED) {
        String sql = ours(q);
        assertThat(plan(ours, sql)).as(sql).contains("ColumnarJoinAggregate").doesNotContain("HashJoin");
        Result columnar = run(ours, sql);
        Result ordinary = run(fallback, sql);
        assertThat(columnar.types()).as(sql).isEqualTo(ordinary.types());
        boolean ordered = Pattern.compile("(?i)order by").matcher(sql).find();
        assertThat(ordered ? columnar.rows() : sorted(columnar.rows())).as(sql)
            .isEqualTo(ordered ? ordinary.rows() : sorted(ordinary.rows()));
      }
      for (String q : UNSUPPORTED) {
        assertThat(plan(ours, ours(q))).as(q).doesNotContain("ColumnarJoinAggregate");
      }
    }
  }

  @Test
  void largeInputsAreFilteredAndProbedInHalvesOnTwoThreadsWithTheSameAnswers() throws Exception {
    // The build sets asyncdb.columnar.parallelRows to 1000, so posts (3,000) and lineitem split in two.
    assertThat(Integer.getInteger("asyncdb.columnar.parallelRows")).isEqualTo(1000);
    try (Connection ours = oursDb(); Connection sqlite = sqliteDb()) {
      for (int round = 0; round < 20; round++) {
        for (String q : List.of(W5, Q5, SUPPORTED.get(SUPPORTED.size() - 4))) {
          assertSame(q + " (round " + round + ")", run(ours, ours(q)), run(sqlite, sqlite(q)));
        }
      }
    }
    if (Runtime.getRuntime().availableProcessors() > 1) {
      assertThat(Thread.getAllStackTraces().keySet()).as("a half was offered to a query thread")
          .anyMatch(t -> t.getName().startsWith("asyncdb-query-"));
    }
  }

  /** Queries of three joins or more: their join order is chosen by a heuristic, not an exhaustive search. */
  static final List<String> MANY_JOINS = List.of(
      Q5,
      // In FROM order the first two collections share no condition (a cross product if joined first).
      "SELECT n_name, COUNT(*), SUM(l_extendedprice) FROM region, lineitem, nation, supplier WHERE l_suppkey = s_suppkey"
          + " AND s_nationkey = n_nationkey AND n_regionkey = r_regionkey AND r_name <> 'AFRICA' GROUP BY n_name ORDER BY n_name",
      // Outer joins among inner ones; rows rather than an aggregate.
      "SELECT c.c_mktsegment, COUNT(o.o_orderkey), COUNT(*) FROM customer c LEFT JOIN orders o ON o.o_custkey = c.c_custkey"
          + " LEFT JOIN nation n ON n.n_nationkey = c.c_nationkey JOIN region r ON r.r_regionkey = n.n_regionkey"
          + " GROUP BY c.c_mktsegment ORDER BY c.c_mktsegment",
      "SELECT o.o_orderkey, c.c_custkey, n.n_name, r.r_name FROM orders o JOIN customer c ON c.c_custkey = o.o_custkey"
          + " JOIN nation n ON n.n_nationkey = c.c_nationkey JOIN region r ON r.r_regionkey = n.n_regionkey"
          + " WHERE o.o_orderdate < {d:1993-03-01} ORDER BY o.o_orderkey LIMIT 25",
      // FULL and RIGHT outer joins (kept as boundaries of the multi-join), a collection joined twice.
      "SELECT r.r_name, n.n_name, COUNT(s.s_suppkey), COUNT(*) FROM region r FULL OUTER JOIN nation n ON n.n_regionkey = r.r_regionkey"
          + " AND r.r_name <> 'ASIA' RIGHT JOIN supplier s ON s.s_nationkey = n.n_nationkey LEFT JOIN customer c ON c.c_custkey = s.s_suppkey"
          + " GROUP BY r.r_name, n.n_name",
      "SELECT a.n_name, b.n_name, COUNT(*) FROM nation a JOIN region r ON r.r_regionkey = a.n_regionkey JOIN nation b"
          + " ON b.n_regionkey = r.r_regionkey JOIN supplier s ON s.s_nationkey = b.n_nationkey WHERE a.n_nationkey < 4 GROUP BY a.n_name, b.n_name",
      // A sub-query: planned as before (the heuristic waits for none).
      "SELECT n.n_name, COUNT(*) FROM customer c JOIN nation n ON n.n_nationkey = c.c_nationkey JOIN region r ON r.r_regionkey = n.n_regionkey"
          + " JOIN orders o ON o.o_custkey = c.c_custkey WHERE c.c_custkey IN (SELECT o_custkey FROM orders WHERE o_shippriority = 1)"
          + " GROUP BY n.n_name ORDER BY n.n_name");

  @Test
  void queriesOfManyJoinsAreOrderedByAHeuristicAndAnswerAsSqliteDoes() throws Exception {
    // Count the planner's attempts to commute joins (the exhaustive search) while each query is prepared.
    java.util.concurrent.atomic.AtomicInteger commutes = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.calcite.plan.RelOptListener listener = new org.apache.calcite.plan.RelOptListener() {
      @Override
      public void relEquivalenceFound(RelEquivalenceEvent event) {}

      @Override
      public void ruleAttempted(RuleAttemptedEvent event) {
        if (event.isBefore() && event.getRuleCall().getRule() instanceof org.apache.calcite.rel.rules.JoinCommuteRule) {
          commutes.incrementAndGet();
        }
      }

      @Override
      public void ruleProductionSucceeded(RuleProductionEvent event) {}

      @Override
      public void relDiscarded(RelDiscardedEvent event) {}

      @Override
      public void relChosen(RelChosenEvent event) {}
    };
    try (org.apache.calcite.runtime.Hook.Closeable hook = org.apache.calcite.runtime.Hook.PLANNER.addThread(
            (java.util.function.Consumer<org.apache.calcite.plan.RelOptPlanner>) planner -> planner.addListener(listener));
         Connection ours = oursDb(); Connection sqlite = sqliteDb()) {
      for (String q : MANY_JOINS) {
        commutes.set(0);
        assertSame(q, run(ours, ours(q)), run(sqlite, sqlite(q)));
        if (!q.contains("IN (SELECT")) {
          assertThat(commutes.get()).as("join commutes tried for " + q).isZero();
        }
      }
      // A query of two joins (a shape no other test prepares, so its plan is not cached yet).
      String twoJoins = "SELECT c_mktsegment AS two_joins, COUNT(*), SUM(l_discount) FROM customer, orders, lineitem"
          + " WHERE c_custkey = o_custkey AND l_orderkey = o_orderkey AND l_linenumber = 1 GROUP BY c_mktsegment ORDER BY c_mktsegment";
      commutes.set(0);
      assertSame(twoJoins, run(ours, ours(twoJoins)), run(sqlite, sqlite(twoJoins)));
      assertThat(commutes.get()).as("two joins are still ordered by Calcite's cost-based search").isPositive();
    }
  }

  @Test
  void explainShowsTheJoinedCollectionsTheirEqualitiesAndFilters() throws Exception {
    try (Connection ours = oursDb()) {
      assertThat(plan(ours, ours(W5))).contains("ColumnarJoinAggregate(tables=[[posts, users]]", "joins=[[posts.userId = users.id]]",
          "filters=[[posts: ", "users: ");
      String q5 = plan(ours, ours(Q5));
      for (String table : List.of("customer", "orders", "lineitem", "supplier", "nation", "region")) {
        assertThat(q5).contains(table);
      }
      assertThat(q5).contains("lineitem.l_suppkey = supplier.s_suppkey");
      // ORDER BY … LIMIT keeps the rows it may return while it reads the groups, no full sort.
      assertThat(plan(ours, ours(Q3))).contains("EnumerableLimitSort(", "fetch=[10]").doesNotContain("EnumerableSort(");
    }
  }

  @Test
  void preparedJoinsTakeParametersOnEveryExecution() throws Exception {
    String sql = "SELECT u.country, COUNT(*), SUM(p.rating) FROM posts p JOIN users u ON p.userId = u.id"
        + " WHERE p.status = ? AND u.grp >= ? GROUP BY u.country";
    try (Connection ours = oursDb(); Connection sqlite = sqliteDb();
         PreparedStatement mine = ours.prepareStatement(sql); PreparedStatement theirs = sqlite.prepareStatement(sql)) {
      for (Object[] b : new Object[][] {{"published", 2L}, {"draft", 0L}, {"nothing", 0L}, {"archived", 4L}}) {
        for (PreparedStatement ps : List.of(mine, theirs)) {
          ps.setString(1, (String) b[0]);
          ps.setLong(2, (Long) b[1]);
        }
        assertSame(sql + " " + java.util.Arrays.toString(b), read(mine.executeQuery()), read(theirs.executeQuery()));
      }
    }
  }

  /**
   * The second execution of a join over an unchanged version builds a key index of the large side's
   * join column, and later ones read only the rows of the keys the other side kept: every
   * execution, before and after, answers as SQLite does, with the line items' own filter and a
   * second key check (suppliers) applied to those rows, and a write gives a new version that is
   * scanned again until it too is read twice.
   */
  @Test
  void repeatedJoinsReadTheKeptKeysRowsThroughAKeyIndexWithTheSameAnswers() throws Exception {
    List<String> queries = List.of(
        "SELECT o_orderdate, COUNT(*), SUM(l_extendedprice), MIN(l_discount) FROM orders JOIN lineitem ON l_orderkey = o_orderkey"
            + " WHERE o_orderdate < {d:1993-03-01} AND l_discount < 0.06 GROUP BY o_orderdate",
        "SELECT s_nationkey, COUNT(*), SUM(l_extendedprice * (1 - l_discount)) FROM orders, lineitem, supplier"
            + " WHERE l_orderkey = o_orderkey AND l_suppkey = s_suppkey AND o_orderdate >= {d:1995-06-01}"
            + " AND o_orderdate < {d:1995-07-01} AND s_nationkey < 12 GROUP BY s_nationkey",
        Q3.replace("{d:1995-03-15}", "{d:1993-04-01}"));
    try (Connection ours = oursDb(); Connection writer = oursDb(); Connection sqlite = sqliteDb()) {
      dev.asyncdb.engine.runtime.Database db = ours.unwrap(dev.asyncdb.engine.AsyncDb.class).database();
      java.util.function.Supplier<dev.asyncdb.engine.table.LongKeyIndex> built = () -> {
        dev.asyncdb.engine.table.TableVersion v = db.rows("lineitem");
        return v.builtJoinIndex(v.table().column("l_orderkey"));
      };
      for (String change : java.util.Arrays.asList(null,
          "INSERT INTO lineitem (l_orderkey, l_linenumber, l_suppkey, l_extendedprice, l_discount, l_shipdate)"
              + " VALUES (4, 9, 3, 1000.5, 0.01, '1995-06-20')",
          // A new physical row for every updated record: the live rows are no longer in physical order.
          "DELETE FROM lineitem WHERE l_linenumber = 2", "UPDATE lineitem SET l_discount = 0.0 WHERE l_linenumber = 3")) {
        if (change != null) {
          try (Statement s = writer.createStatement(); Statement t = sqlite.createStatement()) {
            s.executeUpdate(change);
            t.executeUpdate(change);
          }
          assertThat(built.get()).as("a new version after " + change).isNull();
        }
        for (int run = 1; run <= 3; run++) {
          for (int q = 0; q < queries.size(); q++) {
            String sql = queries.get(q);
            assertSame(sql + " run " + run + " after " + change, run(ours, ours(sql)), run(sqlite, sqlite(sql)));
            // The first execution over a version only notes the request; each query here asks for it.
            boolean expected = run > 1 || q > 0;
            assertThat(built.get() != null).as("key index after query " + q + " of run " + run + " after " + change).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void committedWritesAreSeenByTheNextExecution() throws Exception {
    String sql = "SELECT u.country, COUNT(*), SUM(p.views) FROM posts p JOIN users u ON p.userId = u.id GROUP BY u.country";
    try (Connection ours = oursDb(); Connection writer = oursDb(); Connection sqlite = sqliteDb(); PreparedStatement ps = ours.prepareStatement(sql)) {
      assertSame(sql, read(ps.executeQuery()), run(sqlite, sql));
      for (String change : List.of("INSERT INTO users (id, country, grp) VALUES ('u999', 'NZ', 1)",
          "UPDATE posts SET userId = 'u999' WHERE views < 50", "DELETE FROM users WHERE country = 'FR'",
          "UPDATE users SET country = NULL WHERE grp = 3")) {
        try (Statement s = writer.createStatement(); Statement t = sqlite.createStatement()) {
          s.executeUpdate(change);
          t.executeUpdate(change);
        }
        assertSame(sql + " after " + change, read(ps.executeQuery()), run(sqlite, sql));
      }
    }
  }
}
