package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.OpenOptions;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test: every collection of every example is loaded into SQLite with the same rows,
 * and the same generated queries (full scans, counts, per-column group-bys, point and range
 * filters) must return the same results through jdbc:asyncdb:.
 */
class ExamplesDifferentialTest {
  @TempDir
  Path tmp;

  static Stream<String> examples() throws IOException {
    Path dir = examplesDir();
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  static Path examplesDir() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("examples"))) {
        return d.resolve("examples");
      }
    }
    throw new IllegalStateException("examples/ not found");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void sameResultsAsSqlite(String example) throws Exception {
    Path project = tmp.resolve(example);
    copy(examplesDir().resolve(example), project);
    List<String> queries = new ArrayList<>();
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(project).readOnly(true).build());
         Connection sqlite = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      for (String name : db.resourceNames()) {
        ResourceSchema schema = db.schema(name);
        if (!schema.isCollection()) {
          continue;
        }
        List<FieldDef> scalar = schema.fields().values().stream().filter(f -> f.type().isScalar() && f.type() != FieldType.BYTES
            && f.type() != FieldType.DATETIME && f.type() != FieldType.DATE).toList();
        load(sqlite, db, name, scalar);
        String cols = String.join(", ", scalar.stream().map(f -> "\"" + f.name() + "\"").toList());
        String key = "\"" + schema.keyFields().get(0) + "\"";
        queries.add("SELECT " + cols + " FROM \"" + name + "\" ORDER BY " + key);
        queries.add("SELECT COUNT(*) FROM \"" + name + "\"");
        for (FieldDef f : scalar) {
          String c = "\"" + f.name() + "\"";
          queries.add("SELECT " + c + ", COUNT(*) FROM \"" + name + "\" GROUP BY " + c + " ORDER BY " + c);
          Object first = db.collection(name).all().stream().map(r -> r.get(f.name())).filter(v -> v != null).findFirst().orElse(null);
          if (first instanceof String s) {
            queries.add("SELECT " + key + " FROM \"" + name + "\" WHERE " + c + " = '" + s.replace("'", "''") + "' ORDER BY " + key);
            queries.add("SELECT " + key + " FROM \"" + name + "\" WHERE " + c + " > '" + s.replace("'", "''") + "' ORDER BY " + key);
          } else if (first instanceof Number n) {
            queries.add("SELECT " + key + " FROM \"" + name + "\" WHERE " + c + " >= " + n + " ORDER BY " + key);
          }
        }
      }
      try (Connection ours = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
        for (String q : queries) {
          assertThat(run(ours, q)).as(example + ": " + q).isEqualTo(run(sqlite, q));
        }
      }
    }
  }

  private static void load(Connection sqlite, AsyncDb db, String name, List<FieldDef> fields) throws SQLException {
    StringBuilder ddl = new StringBuilder("CREATE TABLE \"" + name + "\" (");
    for (int i = 0; i < fields.size(); i++) {
      FieldDef f = fields.get(i);
      String type = switch (f.type()) {
        case INTEGER, BOOLEAN -> "INTEGER";
        case NUMBER -> f.integral() ? "INTEGER" : "REAL";
        default -> "TEXT";
      };
      ddl.append(i == 0 ? "" : ", ").append('"').append(f.name()).append("\" ").append(type);
    }
    try (Statement s = sqlite.createStatement()) {
      s.execute(ddl.append(')').toString());
    }
    String marks = String.join(", ", fields.stream().map(f -> "?").toList());
    try (PreparedStatement ps = sqlite.prepareStatement("INSERT INTO \"" + name + "\" VALUES (" + marks + ")")) {
      for (Map<String, Object> r : db.collection(name).all()) {
        for (int i = 0; i < fields.size(); i++) {
          ps.setObject(i + 1, r.get(fields.get(i).name()));
        }
        ps.executeUpdate();
      }
    }
  }

  private static List<List<Object>> run(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof Boolean b ? (b ? 1L : 0L) : v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
              ? (Object) num.longValue() : v instanceof Number num ? (Object) num.doubleValue() : v);
        }
        out.add(row);
      }
      return out;
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
