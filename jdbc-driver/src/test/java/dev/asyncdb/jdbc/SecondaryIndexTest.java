package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
      assertThat(plan(c, "select id from posts where id = 'p7'")).contains("access=[key lookup id]");
      assertThat(plan(c, "select id from posts where title = 'T7'")).contains("access=[full scan]");
      assertThat(plan(c, "select count(*) from posts")).contains("access=[full scan]");
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
