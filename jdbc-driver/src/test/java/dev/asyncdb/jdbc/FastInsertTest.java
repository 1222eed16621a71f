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
        ps.setLong(2, 1);
        ps.addBatch();
      }
      assertThat(ps.executeBatch()).containsExactly(1, 1);
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
