package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL through {@code jdbc:asyncdb:} over projects whose resources live in SQLite. */
class SqlOverStoresTest {
  @TempDir
  Path tmp;

  private void sqlite(String... statements) throws Exception {
    Files.createDirectories(tmp.resolve("data"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("data/app.sqlite")); Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  private List<String> query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + tmp); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        out.add(row.toString());
      }
      return out;
    }
  }

  @Test
  void aProjectWithAHandWrittenOriginalEnvelopeTableIsQueryable() throws Exception {
    String seed = "[{\"id\":\"u_1\",\"name\":\"Ada\",\"age\":36}]";
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/users.json"), seed);
    Files.writeString(tmp.resolve("db.config.json"), "{\"stores\": {\"default\": \"local\", \"local\": {\"driver\": \"sqlite\", \"file\": \"./data/app.sqlite\"}}}");
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    sqlite("CREATE TABLE \"_db_resources\"(\"name\" TEXT PRIMARY KEY, \"kind\" TEXT NOT NULL, \"source_hash\" TEXT, \"value\" TEXT NOT NULL) STRICT",
        "INSERT INTO \"_db_resources\" VALUES ('users', 'collection', '" + hash + "', "
            + "'[{\"id\":\"u_1\",\"name\":\"Ada\",\"age\":36},{\"id\":\"u_2\",\"name\":\"Grace\",\"age\":85}]')");
    assertThat(query("SELECT name, age FROM users WHERE age > 40")).containsExactly("Grace|85");
  }

  @Test
  void aMappedTableJoinsAJsonCollection() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/teams.json"), "[{\"id\":\"t_1\",\"title\":\"Compilers\"}]");
    Files.writeString(tmp.resolve("db.config.json"), """
        {"stores": {"app": {"driver": "sqlite", "file": "./data/app.sqlite",
          "tables": {"members": {"table": "app_members", "columns": {"id": "member_id"}, "primaryKey": "id"}}}}}
        """);
    sqlite("CREATE TABLE app_members (member_id INTEGER PRIMARY KEY, name TEXT NOT NULL, team TEXT)",
        "INSERT INTO app_members VALUES (1, 'Grace', 't_1'), (2, 'Edsger', NULL)");
    assertThat(query("SELECT m.name, t.title FROM members m JOIN teams t ON m.team = t.id")).containsExactly("Grace|Compilers");
    assertThat(query("SELECT count(*) FROM members")).containsExactly("2");
  }
}
