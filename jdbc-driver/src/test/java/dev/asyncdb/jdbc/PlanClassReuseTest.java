package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same SQL prepared on a new connection reuses the class Calcite generated for it
 * ({@code saffron.properties}: {@code calcite.bindable.cache.maxSize}) instead of compiling and
 * loading another — and a reused class still reads the project of the connection that runs it.
 */
class PlanClassReuseTest {
  private static final String RANGE = "SELECT id, title FROM posts WHERE views BETWEEN ? AND ? ORDER BY views, id LIMIT 3";

  @TempDir
  Path dir;

  private Path project(String name, String titlePrefix) throws Exception {
    Path project = dir.resolve(name);
    Files.createDirectories(project.resolve("db"));
    StringBuilder posts = new StringBuilder("[");
    for (int i = 1; i <= 50; i++) {
      posts.append(i == 1 ? "" : ",").append("{\"id\":\"p").append(i).append("\",\"title\":\"").append(titlePrefix).append(i)
          .append("\",\"views\":").append(i).append('}');
    }
    Files.writeString(project.resolve("db/posts.json"), posts.append("]").toString());
    return project;
  }

  private static List<String> range(Path project, int from, int to) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project); PreparedStatement ps = c.prepareStatement(RANGE)) {
      ps.setInt(1, from);
      ps.setInt(2, to);
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1) + "=" + rs.getString(2));
        }
      }
      return rows;
    }
  }

  @Test
  void preparingTheSameSqlOnNewConnectionsLoadsNoNewClasses() throws Exception {
    Path project = project("a", "A");
    // The first prepare generates and loads the plan's class; the first calls of the driver's
    // layers load classes of their own (reflection accessors after 15 calls of a method, lambdas).
    for (int i = 0; i < 20; i++) {
      range(project, 10, 20);
    }
    long before = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sizes.add(range(project, 10 + i, 20 + i).size());
    }
    long loaded = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - before;
    // (asserted only now: the assertion library loads classes of its own on first use)
    assertThat(sizes).containsOnly(3);
    // Without the cache each of the 20 prepares defines at least one new generated class.
    assertThat(loaded).as("classes loaded by 20 re-prepares of one query").isLessThan(10);
  }

  @Test
  void aReusedPlanClassReadsTheProjectOfItsOwnConnection() throws Exception {
    Path a = project("a", "A");
    Path b = project("b", "B");
    assertThat(range(a, 5, 7)).containsExactly("p5=A5", "p6=A6", "p7=A7");
    assertThat(range(b, 5, 7)).containsExactly("p5=B5", "p6=B6", "p7=B7");
    assertThat(range(a, 5, 7)).containsExactly("p5=A5", "p6=A6", "p7=A7");
  }
}
