package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared indexes ({@code resources.<name>.indexes}) answer equality and range conditions without
 * a scan, return exactly what a scan returns (insertion order, current values, a transaction's
 * snapshot), and EXPLAIN says which access path each scan takes.
 */
class SecondaryIndexTest {
  @TempDir
  Path project;

  @BeforeEach
  void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    StringBuilder posts = new StringBuilder("[");
    String[] statuses = {"draft", "published", "archived"};
    for (int i = 1; i <= 300; i++) {
      posts.append(i == 1 ? "" : ",").append("{\"id\":\"p").append(i).append("\",\"title\":\"T").append(i)
          .append("\",\"status\":\"").append(statuses[i % 3]).append("\",\"views\":").append((i * 37) % 101).append('}');
    }
    Files.writeString(project.resolve("db/posts.json"), posts.append("]").toString());
    Files.writeString(project.resolve("db.config.json"), "{\"resources\":{\"posts\":{\"indexes\":[{\"fields\":[\"status\"]},\"views\"]}}}");
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:asyncdb:" + project);
  }

  private static List<String> ids(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String plan(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("explain plan for " + sql)) {
      StringBuilder sb = new StringBuilder();
      while (rs.next()) {
        sb.append(rs.getString(1));
      }
      return sb.toString();
    }
  }

  private static String preparedPlan(Connection c, String sql, Object... params) throws Exception {
    try (java.sql.PreparedStatement ps = c.prepareStatement("explain plan for " + sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      StringBuilder sb = new StringBuilder();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sb.append(rs.getString(1));
        }
      }
      return sb.toString();
    }
  }

  @Test
  void preparedExplainShowsTheSameAccessPaths() throws Exception {
    try (Connection c = connect()) {
      assertThat(preparedPlan(c, "select id from posts where id = 'p7'")).contains("access=[key lookup id]");
      assertThat(preparedPlan(c, "select id from posts where id = ?", "p7")).contains("access=[key lookup id]").containsOnlyOnce("access=");
      assertThat(preparedPlan(c, "select id from posts where status = ?", "draft")).contains("access=[index status =]");
      assertThat(preparedPlan(c, "select id from posts where views between ? and ?", 10, 20)).contains("access=[index views range]");
      assertThat(preparedPlan(c, "select id from posts where title = ?", "T7")).contains("access=[full scan]");
    }
  }

  /** What a scan in insertion order returns for a condition on the generated data. */
  private static List<String> expected(java.util.function.IntPredicate views, String status) {
    String[] statuses = {"draft", "published", "archived"};
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      if (views.test((i * 37) % 101) && (status == null || statuses[i % 3].equals(status))) {
        out.add("p" + i);
      }
    }
    return out;
  }

  @Test
  void equalityAndRangesUseTheIndexAndAnswerLikeAScan() throws Exception {
    try (Connection c = connect()) {
      assertThat(plan(c, "select id from posts where status = 'published'")).contains("access=[index status =]");
      assertThat(ids(c, "select id from posts where status = 'published'")).isEqualTo(expected(v -> true, "published"));
      assertThat(plan(c, "select id from posts where views between 10 and 20")).contains("access=[index views range]");
      assertThat(ids(c, "select id from posts where views between 10 and 20")).isEqualTo(expected(v -> v >= 10 && v <= 20, null));
      assertThat(ids(c, "select id from posts where views > 95")).isEqualTo(expected(v -> v > 95, null));
      assertThat(ids(c, "select id from posts where views < 3 and status = 'draft'")).isEqualTo(expected(v -> v < 3, "draft"));
      assertThat(ids(c, "select id from posts where views in (7, 8, 1000)")).isEqualTo(expected(v -> v == 7 || v == 8, null));
      assertThat(ids(c, "select id from posts where status = 'nope'")).isEmpty();
      assertThat(plan(c, "select id from posts where id = 'p7'")).contains("access=[key lookup id]").containsOnlyOnce("access=");
      assertThat(plan(c, "select id from posts where title = 'T7'")).contains("access=[full scan]");
      assertThat(plan(c, "select count(*) from posts")).contains("access=[full scan]");
    }
  }

  @Test
  void dateTimeAndDateIndexesOrderByTimeNotByText() throws Exception {
    // ISO text whose string order is not its time order: fractions, offsets, a date-only value, text that is no date.
    Files.writeString(project.resolve("db/events.json"), """
        [{"id":"e1","occurred":"2024-03-01T10:00:00Z","dated":"2024-03-01"},
         {"id":"e2","occurred":"2024-03-01T10:00:00.500Z","dated":"2024-02-29"},
         {"id":"e3","occurred":"2024-03-01T11:30:00+02:00","dated":"2024-03-02"},
         {"id":"e4","occurred":"2024-03-02","dated":"2023-12-31"},
         {"id":"e5","occurred":"2024-03-01T09:59:59.999Z","dated":"2024-03-01"},
         {"id":"e6","occurred":"soon","dated":"later"}]""");
    Files.writeString(project.resolve("db/events.schema.json"), "{\"kind\":\"collection\",\"fields\":{\"id\":{\"type\":\"string\"},"
        + "\"occurred\":{\"type\":\"datetime\"},\"dated\":{\"type\":\"date\"}}}");
    Files.writeString(project.resolve("db.config.json"), "{\"resources\":{\"events\":{\"indexes\":[\"occurred\",\"dated\"]}}}");
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project + ";create=false")) {
      String range = "select id from events where occurred >= timestamp '2024-03-01 09:30:00' and occurred < timestamp '2024-03-01 10:00:01'";
      assertThat(plan(c, range)).contains("access=[index occurred range]");
      assertThat(ids(c, range)).containsExactly("e1", "e2", "e3", "e5");
      String between = "select id from events where occurred between timestamp '2024-03-01 10:00:00.500' and timestamp '2024-03-02 00:00:00'";
      assertThat(plan(c, between)).contains("access=[index occurred range]");
      assertThat(ids(c, between)).containsExactly("e2", "e4");
      assertThat(ids(c, "select id from events where occurred = timestamp '2024-03-01 09:30:00'")).containsExactly("e3");
      try (PreparedStatement ps = c.prepareStatement("select id from events where occurred > ? and occurred <= ? order by id")) {
        ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse("2024-03-01T09:59:59.999Z")));
        ps.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.parse("2024-03-01T10:00:00.500Z")));
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        assertThat(out).containsExactly("e1", "e2");
      }
      // Bound parameters arrive as one AND: the scan takes the conjuncts it can and leaves the rest to Calcite.
      try (PreparedStatement ps = c.prepareStatement("select id from events where occurred >= ? and upper(id) <> ? and dated <= ? order by id")) {
        ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse("2024-03-01T09:30:00Z")));
        ps.setString(2, "E2");
        ps.setDate(3, java.sql.Date.valueOf("2024-03-01"));
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        assertThat(out).containsExactly("e1", "e4", "e5");
      }
      String days = "select id from events where dated between date '2024-02-29' and date '2024-03-01'";
      assertThat(plan(c, days)).contains("access=[index dated range]");
      assertThat(ids(c, days)).containsExactly("e1", "e2", "e5");
      assertThat(ids(c, "select id from events where dated < date '2024-03-01'")).containsExactly("e2", "e4");
      // The same answers without an index (a full scan reads each value as its instant).
      assertThat(ids(c, "select id from events where cast(occurred as timestamp) >= timestamp '2024-03-01 09:30:00'"
          + " and cast(occurred as timestamp) < timestamp '2024-03-01 10:00:01'")).containsExactly("e1", "e2", "e3", "e5");
    }
  }

  @Test
  void writesAreSeenThroughTheIndexAndASnapshotKeepsItsRows() throws Exception {
    try (Connection reader = connect(); Connection writer = connect()) {
      reader.setAutoCommit(false);
      List<String> before = ids(reader, "select id from posts where status = 'draft'");
      try (Statement s = writer.createStatement()) {
        s.executeUpdate("update posts set status = 'draft' where id = 'p1'");
        s.executeUpdate("delete from posts where id = 'p3'");
        s.executeUpdate("insert into posts (id, title, status, views) values ('p999', 'New', 'draft', 50)");
      }
      // The open transaction reads its snapshot, even though the shared index already holds the new rows.
      assertThat(ids(reader, "select id from posts where status = 'draft'")).isEqualTo(before);
      reader.commit();
      List<String> after = ids(reader, "select id from posts where status = 'draft'");
      assertThat(after).contains("p1", "p999").doesNotContain("p3");
      assertThat(after).hasSize(before.size() + 1);
      assertThat(ids(writer, "select id from posts where views >= 50 and views <= 50")).contains("p999");
      assertThat(ids(writer, "select id from posts where status = 'published' and id = 'p1'")).isEmpty();
    }
  }

  @Test
  void createIndexMakesTheNextQueryUseIt() throws Exception {
    try (Connection c = connect()) {
      assertThat(plan(c, "select id from posts where title = 'T7'")).contains("access=[full scan]");
      try (Statement s = c.createStatement()) {
        s.execute("create index posts_title on posts (title)");
      }
      assertThat(plan(c, "select id from posts where title = 'T7'")).contains("access=[index title =]");
      assertThat(ids(c, "select id from posts where title = 'T7'")).containsExactly("p7");
    }
  }
}
