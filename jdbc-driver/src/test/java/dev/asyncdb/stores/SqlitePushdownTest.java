package dev.asyncdb.stores;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** {@link PushdownContract} against a real SQLite file. */
class SqlitePushdownTest extends PushdownContract {
  private String url() {
    return "jdbc:sqlite:" + mapped.resolve("data/app.sqlite");
  }

  @Override
  String storeJson() throws Exception {
    Files.createDirectories(mapped.resolve("data"));
    return "{\"driver\": \"sqlite\", \"file\": \"./data/app.sqlite\"}";
  }

  @Override
  void database(String... sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  @Override
  String databaseScalar(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  String table(String name) {
    return name;
  }
}
