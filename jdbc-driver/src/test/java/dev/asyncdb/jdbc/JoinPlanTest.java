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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Equi-joins of collections run as hash joins (no sort of either side) and return every match;
 * under an aggregate, as the columnar join.
 */
class JoinPlanTest {
  @TempDir
  Path project;

  @BeforeEach
  void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    StringBuilder users = new StringBuilder("[");
    for (int i = 1; i <= 40; i++) {
      users.append(i == 1 ? "" : ",").append("{\"id\":\"u").append(i).append("\",\"country\":\"")
          .append(i % 4 == 0 ? "DE" : i % 4 == 1 ? "FR" : "US").append("\",\"active\":").append(i % 5 != 0).append('}');
    }
    StringBuilder posts = new StringBuilder("[");
    for (int i = 1; i <= 500; i++) {
      // Some posts name a user that does not exist: an inner join drops them.
      posts.append(i == 1 ? "" : ",").append("{\"id\":\"p").append(i).append("\",\"userId\":\"u").append(i % 45 + 1)
          .append("\",\"views\":").append(i * 7 % 100).append('}');
    }
    Files.writeString(project.resolve("db/users.json"), users.append("]").toString());
    Files.writeString(project.resolve("db/posts.json"), posts.append("]").toString());
  }

  @Test
  void anEquiJoinIsAHashJoinWithTheSameResult() throws Exception {
    String sql = "select u.country, count(*) as n, sum(p.views) as v from posts p join users u on p.userId = u.id"
        + " where u.active = true group by u.country order by u.country";
    Map<String, long[]> expected = new TreeMap<>();
    for (int i = 1; i <= 500; i++) {
      int user = i % 45 + 1;
      if (user <= 40 && user % 5 != 0) {
        long[] acc = expected.computeIfAbsent(user % 4 == 0 ? "DE" : user % 4 == 1 ? "FR" : "US", k -> new long[2]);
        acc[0]++;
        acc[1] += i * 7 % 100;
      }
    }
    List<String> want = new ArrayList<>();
    expected.forEach((country, acc) -> want.add(country + " " + acc[0] + " " + acc[1]));
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); Statement s = c.createStatement()) {
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = s.executeQuery("explain plan for " + sql)) {
        while (rs.next()) {
          plan.append(rs.getString(1));
        }
      }
      assertThat(plan.toString()).contains("ColumnarJoinAggregate").doesNotContain("MergeJoin");
      List<String> got = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          got.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3));
        }
      }
      assertThat(got).containsExactlyElementsOf(want);
      // Without an aggregate the rows come from Calcite's hash join.
      String rows = "select p.id, u.country from posts p join users u on p.userId = u.id where p.views > 95";
      StringBuilder rowsPlan = new StringBuilder();
      try (ResultSet rs = s.executeQuery("explain plan for " + rows)) {
        while (rs.next()) {
          rowsPlan.append(rs.getString(1));
        }
      }
      assertThat(rowsPlan.toString()).contains("EnumerableHashJoin").doesNotContain("MergeJoin");
      int matched = 0;
      try (ResultSet rs = s.executeQuery(rows)) {
        while (rs.next()) {
          matched++;
        }
      }
      int expectedRows = 0;
      for (int i = 1; i <= 500; i++) {
        expectedRows += i * 7 % 100 > 95 && i % 45 + 1 <= 40 ? 1 : 0;
      }
      assertThat(matched).isEqualTo(expectedRows);
    }
  }
}
