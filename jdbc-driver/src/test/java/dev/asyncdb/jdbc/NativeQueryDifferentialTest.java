package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements the driver answers itself ({@link NativeQuery}) must give exactly what Calcite gives
 * for them — values, their JDBC views and every property of the result metadata — over generated
 * rows with NULLs (and missing fields) in every column type, and over an empty collection. Each
 * statement runs twice on one connection: natively, and with the native path switched off. Near
 * misses must be left to Calcite.
 */
class NativeQueryDifferentialTest {
  private static final int ROWS = 3000;
  private static final String[] GROUPS = {"a", "b", "c", "a ", null};

  @TempDir
  Path project;

  @BeforeEach
  void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    String schema = """
        {"kind": "collection", "fields": {
          "id": {"type": "string", "required": true},
          "grp": {"type": "string", "nullable": true},
          "label": {"type": "string", "nullable": true},
          "n": {"type": "integer", "nullable": true},
          "x": {"type": "number", "nullable": true},
          "qty": {"type": "integer", "required": true},
          "flag": {"type": "boolean", "nullable": true},
          "dt": {"type": "date", "nullable": true},
          "ts": {"type": "datetime", "nullable": true}
        }}
        """;
    Files.writeString(project.resolve("db/items.schema.json"), schema);
    Files.writeString(project.resolve("db/nothing.schema.json"), schema);
    Files.writeString(project.resolve("db/nothing.json"), "[]");
    Random random = new Random(7);
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < ROWS; i++) {
      json.append(i == 0 ? "" : ",\n").append("{\"id\":\"i").append(i).append('"');
      field(json, "grp", GROUPS[random.nextInt(GROUPS.length)]);
      field(json, "label", random.nextInt(20) == 0 ? null : "L" + random.nextInt(500));
      field(json, "n", random.nextInt(10) == 0 ? null : (long) (random.nextInt(251) - 50));
      field(json, "x", random.nextInt(10) == 0 ? null : random.nextInt(10000) / 100.0 - 20);
      field(json, "qty", (long) random.nextInt(50) + 1);
      field(json, "flag", random.nextInt(10) == 0 ? null : random.nextBoolean());
      field(json, "dt", random.nextInt(20) == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(366)).toString());
      field(json, "ts", random.nextInt(20) == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(366)) + "T10:1" + random.nextInt(10) + ":00Z");
      json.append('}');
    }
    Files.writeString(project.resolve("db/items.json"), json.append("]").toString());
  }

  @AfterEach
  void nativeOn() {
    System.clearProperty(NativeQuery.ENABLED_PROPERTY);
  }

  /** NULLs are written as null for some fields and left out of the record for others: both read as NULL. */
  private static void field(StringBuilder json, String name, Object value) {
    if (value == null && name.length() % 2 == 0) {
      return;
    }
    json.append(",\"").append(name).append("\":").append(value instanceof String s ? "\"" + s + "\"" : String.valueOf(value));
  }

  static final List<String> NATIVE = List.of(
      "SELECT COUNT(*) FROM items",
      "select count(*) from items where grp = 'a'",
      "SELECT COUNT(*) FROM db.items WHERE grp = 'a '",
      "SELECT COUNT(*), COUNT(n), COUNT(label), COUNT(flag), COUNT(dt), COUNT(ts), COUNT(x) FROM items",
      "SELECT SUM(n), SUM(x), SUM(qty), MIN(n), MAX(n), MIN(x), MAX(x), MIN(label), MAX(label), MIN(dt), MAX(dt), MIN(ts), MAX(ts),"
          + " MIN(flag), MAX(flag), MIN(id), MAX(qty) FROM items",
      "SELECT COUNT(*) AS c, SUM(n) AS total, MAX(\"label\") AS \"Top\" FROM ITEMS WHERE n > 10 AND n <= 150 AND x >= -5 AND x < 50.5",
      "SELECT COUNT(*), SUM(x) FROM items WHERE 100 > n AND -3 < n",
      "SELECT COUNT(*) FROM items WHERE n <> 7 AND grp <> 'b' AND label IS NOT NULL",
      "SELECT COUNT(*), MIN(x) FROM items WHERE n != 7 AND qty != 3",
      "SELECT COUNT(*), MIN(n) FROM items WHERE grp IS NULL",
      "SELECT COUNT(*), MAX(x) FROM items WHERE flag = TRUE",
      "SELECT COUNT(*) FROM items WHERE flag <> false AND flag IS NOT NULL",
      "SELECT COUNT(*), SUM(qty) FROM items WHERE grp IN ('a', 'c', 'zz') AND n IN (1, 2, 3, -7, 100)",
      "SELECT COUNT(*), SUM(n) FROM items WHERE x IN (1.5, 20, -3.25)",
      "SELECT COUNT(*) FROM items WHERE label > 'L2' AND label < 'L3'",
      "SELECT COUNT(*), SUM(n), MIN(label) FROM items WHERE n > 100000",
      "SELECT COUNT(*), COUNT(n), SUM(n), SUM(x), MIN(label), MAX(dt), MAX(ts), MAX(flag) FROM nothing",
      "SELECT COUNT(*) FROM nothing WHERE grp = 'a'",
      "SELECT COUNT(id) FROM items WHERE id = 'i17'",
      "SELECT COUNT(*) FROM items WHERE qty = 3 AND qty >= 3");

  /** Shapes the native path must leave to Calcite. */
  static final List<String> NEAR_MISSES = List.of(
      "SELECT grp, COUNT(*) FROM items GROUP BY grp",
      "SELECT COUNT(DISTINCT grp) FROM items",
      "SELECT AVG(n) FROM items",
      "SELECT COUNT(*) + 1 FROM items",
      "SELECT COUNT(*) FROM items WHERE grp = 'a' OR grp = 'b'",
      "SELECT COUNT(*) FROM items WHERE NOT (grp = 'a')",
      "SELECT COUNT(*) FROM items WHERE n = 2.5",
      "SELECT COUNT(*) FROM items WHERE n = '3'",
      "SELECT COUNT(*) FROM items WHERE grp = n",
      "SELECT COUNT(*) FROM items WHERE dt = DATE '2024-03-01'",
      "SELECT COUNT(*) FROM items WHERE n NOT IN (1, 2)",
      "SELECT COUNT(*) FROM items WHERE grp = NULL",
      "SELECT COUNT(*) FROM items i WHERE i.grp = 'a'",
      "SELECT COUNT(*) FROM items LIMIT 1",
      "SELECT COUNT(*) FROM items ORDER BY 1",
      "SELECT COUNT(*) AS c, COUNT(n) AS C FROM items",
      "SELECT COUNT(_record) FROM items",
      "SELECT SUM(label) FROM items",
      "SELECT COUNT(*) FROM (SELECT * FROM items)",
      "SELECT id FROM items WHERE n = 3");

  @Test
  void recognisedStatementsAnswerExactlyAsCalcite() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement()) {
      for (String sql : NATIVE) {
        List<String> nativeAnswer;
        try (ResultSet rs = s.executeQuery(sql)) {
          assertThat(isNative(rs)).as("native path taken for %s", sql).isTrue();
          nativeAnswer = describe(rs);
        }
        System.setProperty(NativeQuery.ENABLED_PROPERTY, "false");
        try (ResultSet rs = s.executeQuery(sql)) {
          assertThat(isNative(rs)).as("Calcite's path for %s", sql).isFalse();
          assertThat(nativeAnswer).as(sql).isEqualTo(describe(rs));
        } finally {
          System.clearProperty(NativeQuery.ENABLED_PROPERTY);
        }
        // execute(String) + getResultSet() takes the same path.
        assertThat(s.execute(sql)).isTrue();
        try (ResultSet rs = s.getResultSet()) {
          assertThat(isNative(rs)).isTrue();
          assertThat(describe(rs)).as(sql).isEqualTo(nativeAnswer);
        }
        assertThat(s.getUpdateCount()).isEqualTo(-1);
      }
    }
  }

  @Test
  void nearMissesAreLeftToCalcite() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement()) {
      for (String sql : NEAR_MISSES) {
        try (ResultSet rs = s.executeQuery(sql)) {
          assertThat(isNative(rs)).as("not native: %s", sql).isFalse();
        } catch (SQLException e) {
          // Some are errors in Calcite too (SUM of text); they are Calcite's errors either way.
          assertThat(sql).isIn("SELECT SUM(label) FROM items", "SELECT COUNT(*) FROM items WHERE grp = n", "SELECT COUNT(*) FROM items WHERE n = '3'");
        }
      }
    }
  }

  @Test
  void statementsWithWordsNoNativeStatementHasSkipItsParser() throws Exception {
    for (String sql : NATIVE) {
      assertThat(NativeQuery.mayBeNative(sql)).as(sql).isTrue();
    }
    for (String sql : List.of("SELECT grp, COUNT(*) FROM items GROUP BY grp", "SELECT COUNT(*) FROM items ORDER BY 1",
        "select count(*) from items limit 1", "SELECT COUNT(DISTINCT grp) FROM items", "SELECT COUNT(*) FROM items a JOIN items b ON a.id = b.id",
        "SELECT COUNT(*) FROM items UNION SELECT COUNT(*) FROM items", "  with t as (select 1) select count(*) from t",
        // No aggregate call: a point lookup (a new literal each time) or a plain projection.
        "SELECT id, n FROM items WHERE id = 'i17'", "SELECT counter, summary FROM items", "select * from items where max_n = 3")) {
      assertThat(NativeQuery.mayBeNative(sql)).as(sql).isFalse();
    }
    // Point lookups with a new literal each time never reach the native path's parser.
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
      long before = NativeQuery.PARSES.get();
      for (int i = 0; i < 20; i++) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, n FROM items WHERE id = 'i" + i + "'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("i" + i);
        }
      }
      assertThat(NativeQuery.PARSES.get() - before).as("native-path parses of 20 point lookups").isZero();
    }
    // A native shape whose string holds such a word is screened out, and Calcite answers it the same.
    String sql = "SELECT COUNT(*) FROM items WHERE grp <> 'order by'";
    assertThat(NativeQuery.mayBeNative(sql)).isFalse();
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      assertThat(isNative(rs)).isFalse();
      rs.next();
      try (ResultSet all = c.createStatement().executeQuery("SELECT COUNT(*) FROM items WHERE grp IS NOT NULL")) {
        all.next();
        assertThat(rs.getLong(1)).isEqualTo(all.getLong(1));
      }
    }
  }

  @Test
  void aStatementWhoseTextRulesTheNativePathOutIsParsedForItOnce() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement()) {
      String shaped = "SELECT SUM(n * 2) AS twice_parsed_once FROM items WHERE grp = 'a'";
      long before = NativeQuery.PARSES.get();
      List<String> first;
      try (ResultSet rs = s.executeQuery(shaped)) {
        assertThat(isNative(rs)).isFalse();
        first = describe(rs);
      }
      try (ResultSet rs = s.executeQuery(shaped)) {
        assertThat(describe(rs)).isEqualTo(first);
      }
      assertThat(NativeQuery.PARSES.get() - before).as("parsed for the native path once").isEqualTo(1);
      // A native statement depends on the schema: it is recognised (and parsed) on every execution.
      String simple = "SELECT COUNT(*) AS parsed_each_time FROM items WHERE grp = 'a'";
      before = NativeQuery.PARSES.get();
      for (int i = 0; i < 2; i++) {
        try (ResultSet rs = s.executeQuery(simple)) {
          assertThat(isNative(rs)).isTrue();
        }
      }
      assertThat(NativeQuery.PARSES.get() - before).isEqualTo(2);
    }
  }

  @Test
  void explainShowsTheNativePath() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT COUNT(*), MAX(n) FROM items WHERE grp = 'a'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).contains("native=[NativeAggregate(table=[items], aggregates=[COUNT(*), MAX(n)], conditions=1)]");
    }
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT grp, COUNT(*) FROM items GROUP BY grp")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).doesNotContain("native=");
    }
  }

  @Test
  void unknownColumnIsCalcitesErrorWithItsSuggestion() throws Exception {
    String sql = "SELECT COUNT(lable) FROM items WHERE grp = 'a'";
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement()) {
      SQLException nativeOn = catchSql(s, sql);
      System.setProperty(NativeQuery.ENABLED_PROPERTY, "false");
      SQLException nativeOff = catchSql(s, sql);
      assertThat(nativeOn.getMessage()).isEqualTo(nativeOff.getMessage()).contains("lable").contains("label");
      assertThat(nativeOn.getSQLState()).isEqualTo(nativeOff.getSQLState());
    }
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM itemz")).isInstanceOf(SQLException.class).hasMessageContaining("itemz");
    }
  }

  private static SQLException catchSql(Statement s, String sql) {
    try (ResultSet rs = s.executeQuery(sql)) {
      throw new AssertionError("expected an error from " + sql);
    } catch (SQLException e) {
      return e;
    }
  }

  @Test
  void aTransactionThatChangedTheCollectionReadsItsOwnWritesThroughCalcite() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO items (id, qty, grp) VALUES ('new1', 1, 'a'), ('new2', 2, 'a')");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items WHERE grp = 'a'")) {
        assertThat(isNative(rs)).isFalse();
        rs.next();
        long inTransaction = rs.getLong(1);
        c.rollback();
        try (ResultSet after = s.executeQuery("SELECT COUNT(*) FROM items WHERE grp = 'a'")) {
          assertThat(isNative(after)).isTrue();
          after.next();
          assertThat(after.getLong(1)).isEqualTo(inTransaction - 2);
        }
      }
    }
  }

  /**
   * Each writer transaction adds two rows whose n are +k and -k: a native read that saw one
   * committed version always finds an even count and a sum of 0 (over the new rows).
   */
  @Test
  void aNativeReadSeesOneCommittedVersionWhileOthersWrite() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try (Connection w = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = w.createStatement()) {
        w.setAutoCommit(false);
        for (int k = 1; !stop.get() && k < 400; k++) {
          s.executeUpdate("INSERT INTO items (id, qty, grp, n) VALUES ('w" + k + "a', 1, 'w', " + k + "), ('w" + k + "b', 1, 'w', " + -k + ")");
          w.commit();
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    writer.start();
    List<Long> counts = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement()) {
      while (writer.isAlive()) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(n), COUNT(n) FROM items WHERE grp = 'w'")) {
          assertThat(isNative(rs)).isTrue();
          rs.next();
          long count = rs.getLong(1);
          assertThat(count % 2).as("rows of whole transactions").isZero();
          assertThat(rs.getLong(3)).isEqualTo(count);
          if (count > 0) {
            assertThat(rs.getLong(2)).isZero();
          }
          counts.add(count);
        }
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    assertThat(failure.get()).isNull();
    assertThat(counts).isSorted();
  }

  static boolean isNative(ResultSet rs) throws SQLException {
    return rs.getMetaData().toString().startsWith("NativeMetaData");
  }

  /** Every metadata property and, per row, every column through getObject, getString, getLong and getDouble. */
  private static List<String> describe(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(String.join("|", md.getColumnLabel(i), md.getColumnName(i), String.valueOf(md.getColumnType(i)), md.getColumnTypeName(i),
          md.getColumnClassName(i), String.valueOf(md.isNullable(i)), String.valueOf(md.getPrecision(i)), String.valueOf(md.getScale(i)),
          String.valueOf(md.getColumnDisplaySize(i)), String.valueOf(md.isSigned(i)), md.getTableName(i), md.getSchemaName(i),
          md.getCatalogName(i), String.valueOf(md.isAutoIncrement(i)), String.valueOf(md.isCaseSensitive(i)), String.valueOf(md.isSearchable(i)),
          String.valueOf(md.isCurrency(i)), String.valueOf(md.isReadOnly(i)), String.valueOf(md.isWritable(i)),
          String.valueOf(md.isDefinitelyWritable(i))));
    }
    int rows = 0;
    while (rs.next()) {
      rows++;
      StringBuilder row = new StringBuilder("row:");
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object o = rs.getObject(i);
        row.append(o == null ? "null" : o.getClass().getName() + "=" + o).append(" / ").append(rs.getString(i)).append(" / ");
        int type = md.getColumnType(i);
        if (type == java.sql.Types.BIGINT || type == java.sql.Types.DOUBLE) {
          row.append(rs.getLong(i)).append(' ').append(rs.getDouble(i)).append(' ').append(rs.wasNull());
        }
        row.append(" ; ");
      }
      out.add(row.toString());
    }
    out.add("rows:" + rows);
    return out;
  }
}
