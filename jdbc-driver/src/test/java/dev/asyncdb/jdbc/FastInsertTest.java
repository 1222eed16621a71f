package dev.asyncdb.jdbc;

import static dev.asyncdb.jdbc.SqlWriteTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prepared-INSERT fast path stores exactly what Calcite's path stores, and hands anything else to Calcite. */
class FastInsertTest {
  @TempDir
  Path project;

  private Connection connect() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project);
    try (Statement s = c.createStatement()) {
      s.execute("create table if not exists t (id varchar primary key, n bigint, x double, ok boolean, happened timestamp, raw varbinary,"
          + " meta json, birthday date)");
    }
    return c;
  }

  @Test
  void theFastPathAndCalcitesPathStoreTheSameRecords() throws Exception {
    try (Connection c = connect()) {
      String sql = "insert into t (id, n, x, ok, happened, raw, meta) values (?, ?, ?, ?, ?, ?, ?)";
      try (PreparedStatement fast = c.prepareStatement(sql)) {
        assertThat(Proxies.isFastInsert(fast)).isTrue();
        bind(fast, "fast");
        assertThat(fast.executeUpdate()).isEqualTo(1);
      }
      // A literal in the VALUES list keeps the statement on Calcite's path.
      try (PreparedStatement slow = c.prepareStatement(sql.replace("values (?,", "values ('slow',"))) {
        assertThat(Proxies.isFastInsert(slow)).isFalse();
        bindValues(slow, 1);
        assertThat(slow.executeUpdate()).isEqualTo(1);
      }
    }
    try (AsyncDb db = AsyncDb.open(project)) {
      Map<String, Object> fast = new java.util.LinkedHashMap<>(db.collection("t").get("fast"));
      Map<String, Object> slow = new java.util.LinkedHashMap<>(db.collection("t").get("slow"));
      fast.remove("id");
      slow.remove("id");
      assertThat(fast).isEqualTo(slow).containsEntry("happened", "2024-05-06T07:08:09.123Z").containsEntry("meta", Map.of("a", 1L))
          .doesNotContainKey("birthday");
    }
  }

  private static void bind(PreparedStatement ps, String id) throws Exception {
    ps.setString(1, id);
    bindValues(ps, 2);
  }

  /** Binds the non-key column values to parameters {@code first…first+5}. */
  private static void bindValues(PreparedStatement ps, int first) throws Exception {
    Object[] values = {42L, 2.5, true, Timestamp.from(java.time.Instant.parse("2024-05-06T07:08:09.123Z")), new byte[] {1, 2, 3}, "{\"a\": 1}"};
    for (int i = 0; i < values.length; i++) {
      ps.setObject(first + i, values[i]);
    }
  }

  @Test
  void parametersOfOtherTypesAndBatchesFallBackToCalcite() throws Exception {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into t (id, n, birthday) values (?, ?, ?)")) {
      // A DATE parameter is converted by Calcite, so this execution takes its path.
      ps.setString(1, "a");
      ps.setInt(2, 12);
      ps.setDate(3, java.sql.Date.valueOf("2024-01-01"));
      assertThat(ps.executeUpdate()).isEqualTo(1);
      ps.setString(1, "b");
      ps.setLong(2, 5);
      ps.setDate(3, java.sql.Date.valueOf("2024-01-02"));
      ps.addBatch();
      ps.setString(1, "c");
      ps.setLong(2, 6);
      ps.setNull(3, Types.DATE);
      ps.addBatch();
      assertThat(ps.executeBatch()).containsExactly(1, 1);
      assertThat(rows(c, "select id, n, cast(birthday as varchar) from t")).containsExactly(List.of("a", 12L, "2024-01-01"),
          List.of("b", 5L, "2024-01-02"), java.util.Arrays.asList("c", 6L, null));
    }
  }

  @Test
  void fastBatchesAreAtomicAndReportGeneratedKeys() throws Exception {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into t (id, n) values (?, ?)", new String[] {"id", "n"})) {
      for (String id : new String[] {"k1", "k2"}) {
        ps.setString(1, id);
        if (id.equals("k1")) {
          ps.setLong(2, 1);
        } else {
          ps.setNull(2, Types.BIGINT); // a setNull stays on the fast path: the field is left out
        }
        ps.addBatch();
      }
      assertThat(Proxies.isFastInsert(ps)).isTrue();
      assertThat(ps.executeBatch()).containsExactly(1, 1);
      assertThat(rows(c, "select id, n from t")).containsExactly(List.of("k1", 1L), java.util.Arrays.asList("k2", null));
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        assertThat(keys.getString(1)).isEqualTo("k1");
      }
      for (String id : new String[] {"k3", "k1"}) {
        ps.setString(1, id);
        ps.setLong(2, 1);
        ps.addBatch();
      }
      assertThatThrownBy(ps::executeBatch).isInstanceOf(BatchUpdateException.class).hasMessageContaining("row 2 of 2")
          .satisfies(e -> assertThat(((BatchUpdateException) e).getSQLState()).isEqualTo("23505"));
      assertThat(rows(c, "select id from t")).containsExactly(List.of("k1"), List.of("k2"));
    }
  }

  private Connection connectLoad() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project);
    try (Statement s = c.createStatement()) {
      s.execute("create table load (id varchar(40) primary key, title varchar(20) not null, views bigint, created_at timestamp)");
    }
    return c;
  }

  /** Binds row {@code n} of a load; row {@code bad} gets a title longer than the column allows. */
  private static void bindLoad(PreparedStatement ps, int n, int bad) throws Exception {
    ps.setString(1, "r" + n);
    ps.setString(2, n == bad ? "a title longer than twenty characters" : "Row " + n);
    ps.setLong(3, n % 997);
    ps.setTimestamp(4, new Timestamp(1_700_000_000_000L + n * 1000L));
  }

  private static final String LOAD = "insert into load (id, title, views, created_at) values (?, ?, ?, ?)";

  @Test
  void aViolationInRow73001OfA100kBatchLeavesNoRowBehind() throws Exception {
    try (Connection c = connectLoad(); PreparedStatement ps = c.prepareStatement(LOAD)) {
      for (int n = 0; n < 100_000; n++) {
        bindLoad(ps, n, 73_000);
        ps.addBatch();
      }
      assertThatThrownBy(ps::executeBatch).isInstanceOf(BatchUpdateException.class)
          .hasMessageContaining("row 73001 of 100000").hasMessageContaining("r73000").hasMessageContaining("at most 20");
      assertThat(rows(c, "select count(*) from load")).containsExactly(List.of(0L));

      // The same load in one transaction of 1,000-row batches: the failing batch is refused, rollback takes the rest.
      c.setAutoCommit(false);
      for (int n = 0; n < 100_000; n++) {
        bindLoad(ps, n, 73_000);
        ps.addBatch();
        if ((n + 1) % 1_000 == 0) {
          if (n == 73_999) {
            assertThatThrownBy(ps::executeBatch).isInstanceOf(BatchUpdateException.class).hasMessageContaining("row 1 of 1000");
            break;
          }
          ps.executeBatch();
        }
      }
      assertThat(rows(c, "select count(*) from load")).containsExactly(List.of(73_000L));
      c.rollback();
      assertThat(rows(c, "select count(*) from load")).containsExactly(List.of(0L));
    }
  }

  @Test
  void a100kBatchLoadIsAllThereAfterReopenAndInTheOriginalsStateFormat() throws Exception {
    try (Connection c = connectLoad(); PreparedStatement ps = c.prepareStatement(LOAD)) {
      c.setAutoCommit(false);
      for (int n = 0; n < 100_000; n++) {
        bindLoad(ps, n, -1);
        ps.addBatch();
        if ((n + 1) % 1_000 == 0) {
          ps.executeBatch();
        }
      }
      c.commit();
      assertThat(rows(c, "select count(*) from load")).containsExactly(List.of(100_000L));
    }
    try (AsyncDb db = AsyncDb.open(project)) {
      assertThat(db.collection("load").count()).isEqualTo(100_000);
      assertThat(db.collection("load").get("r99999")).containsEntry("title", "Row 99999").containsEntry("views", 99_999L % 997)
          .containsEntry("created_at", "2023-11-16T01:59:59Z");
    }
    assertThat(Files.readString(project.resolve(".db/state/load.json"))).startsWith("""
        [
          {
            "id": "r0",
            "title": "Row 0",
            "views": 0,
            "created_at": "2023-11-14T22:13:20Z"
          },
          {
            "id": "r1",
        """).endsWith("""
            "created_at": "2023-11-16T01:59:59Z"
          }
        ]
        """);
  }

  /** Which path a statement took. */
  static final class Proxies {
    static boolean isFastInsert(PreparedStatement ps) throws Exception {
      Object inner = java.lang.reflect.Proxy.getInvocationHandler(ps);
      java.lang.reflect.Field target = inner.getClass().getDeclaredField("target");
      target.setAccessible(true);
      Object wrapped = target.get(inner);
      return java.lang.reflect.Proxy.isProxyClass(wrapped.getClass())
          && java.lang.reflect.Proxy.getInvocationHandler(wrapped).toString().contains("FastInsertStatement");
    }
  }
}
