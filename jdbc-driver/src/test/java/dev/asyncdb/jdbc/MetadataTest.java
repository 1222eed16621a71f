package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What tools read: DatabaseMetaData, the meta schema, sqlite_master and PRAGMA table_info. */
class MetadataTest {
  @TempDir
  static Path project;

  @BeforeAll
  static void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/users.schema.json"), """
        {"kind": "collection", "fields": {
          "id": {"type": "string", "required": true, "description": "Stable user id."},
          "email": {"type": "string", "required": true},
          "age": {"type": "integer"}
        }, "seed": [{"id": "u_1", "email": "a@example.com", "age": 30}]}
        """);
    Files.writeString(project.resolve("db/posts.schema.json"), """
        {"kind": "collection", "fields": {
          "id": {"type": "string", "required": true},
          "authorId": {"type": "string", "required": true, "relation": {"to": "users"}},
          "createdAt": {"type": "datetime"}
        }, "seed": []}
        """);
    Files.writeString(project.resolve("db/broken.json"), "[{\"id\": }]");
    Files.writeString(project.resolve("db.config.json"), "{\"resources\":{\"users\":{\"indexes\":[{\"name\":\"users_email\",\"fields\":[\"email\"],\"unique\":true},\"age\"]}}}");
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:asyncdb:" + project);
  }

  private static List<List<Object>> all(ResultSet rs, String... columns) throws Exception {
    List<List<Object>> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (String c : columns) {
          row.add(rs.getObject(c));
        }
        out.add(row);
      }
    }
    return out;
  }

  @Test
  void databaseMetaDataAnswersTablesColumnsKeysAndRelations() throws Exception {
    try (Connection c = connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("Async DB");
      assertThat(all(md.getTables(null, "db", "%", new String[] {"TABLE"}), "TABLE_NAME")).containsExactlyInAnyOrder(List.of("posts"), List.of("users"));
      List<List<Object>> cols = all(md.getColumns(null, "db", "users", "%"), "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "NULLABLE", "REMARKS", "ORDINAL_POSITION");
      assertThat(cols).containsExactly(
          List.of("id", Types.VARCHAR, "VARCHAR", DatabaseMetaData.columnNoNulls, "Stable user id.", 1),
          java.util.Arrays.asList("email", Types.VARCHAR, "VARCHAR", DatabaseMetaData.columnNoNulls, null, 2),
          java.util.Arrays.asList("age", Types.BIGINT, "BIGINT", DatabaseMetaData.columnNullable, null, 3),
          List.of("_record", Types.VARCHAR, "VARCHAR", DatabaseMetaData.columnNoNulls, "The whole record as JSON.", 4));
      assertThat(all(md.getColumns(null, null, "posts", "createdAt"), "DATA_TYPE", "TYPE_NAME")).containsExactly(List.of(Types.TIMESTAMP, "TIMESTAMP(3)"));
      assertThat(all(md.getPrimaryKeys(null, "db", "users"), "COLUMN_NAME", "KEY_SEQ")).containsExactly(List.of("id", (short) 1));
      assertThat(all(md.getImportedKeys(null, "db", "posts"), "PKTABLE_NAME", "PKCOLUMN_NAME", "FKCOLUMN_NAME"))
          .containsExactly(List.of("users", "id", "authorId"));
      assertThat(all(md.getExportedKeys(null, "db", "users"), "FKTABLE_NAME")).containsExactly(List.of("posts"));
      assertThat(all(md.getIndexInfo(null, "db", "users", true, false), "INDEX_NAME", "COLUMN_NAME", "NON_UNIQUE"))
          .containsExactly(List.of("pk_users", "id", false), List.of("users_email", "email", false));
      assertThat(all(md.getIndexInfo(null, "db", "users", false, false), "INDEX_NAME", "COLUMN_NAME", "NON_UNIQUE"))
          .containsExactly(List.of("pk_users", "id", false), List.of("users_email", "email", false), List.of("idx_users_age", "age", true));
      assertThat(all(md.getSchemas(), "TABLE_SCHEM")).contains(List.of("db"), List.of("meta"));
      List<List<Object>> types = all(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
      assertThat(types).contains(List.of("VARCHAR", Types.VARCHAR), List.of("BIGINT", Types.BIGINT), List.of("BOOLEAN", Types.BOOLEAN));
    }
  }

  @Test
  void metaSchemaListsResourcesFieldsAndDiagnostics() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThat(all(s.executeQuery("select name, kind, row_count from meta.resources order by name"), "name", "kind", "row_count"))
          .containsExactly(List.of("posts", "collection", 0L), List.of("users", "collection", 1L));
      assertThat(all(s.executeQuery("select code, file, line from meta.diagnostics where severity = 'error'"), "code", "file", "line"))
          .containsExactly(List.of("SOURCE_LOAD_FAILED", "db/broken.json", 1L));
    }
  }

  @Test
  void notFoundErrorsSuggestNamesAndNameTheBrokenSource() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeQuery("select * from usrs"))
          .isInstanceOf(java.sql.SQLException.class)
          .hasMessageContaining("Table 'usrs' not found. Did you mean 'users'?")
          .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("42S02"));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeQuery("select * from broken"))
          .hasMessageContaining("Table 'broken' is unavailable because its source failed to load")
          .hasMessageContaining("db/broken.json:1:");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.prepareStatement("select emial from users"))
          .hasMessageContaining("Column 'emial' not found").hasMessageContaining("Did you mean 'email'?")
          .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("42S22"));
    }
  }

  @Test
  void sqliteMasterAndPragmaTableInfoWorkWithLiteralsAndBoundNames() throws Exception {
    try (Connection c = connect()) {
      try (Statement s = c.createStatement()) {
        assertThat(all(s.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"), "name"))
            .containsExactly(List.of("posts"), List.of("users"));
        assertThat(all(s.executeQuery("PRAGMA table_info(users)"), "name", "pk"))
            .containsExactly(List.of("id", 1L), List.of("email", 0L), List.of("age", 0L), List.of("_record", 0L));
      }
      try (PreparedStatement ps = c.prepareStatement("PRAGMA table_info(?)")) {
        ps.setString(1, "POSTS");
        assertThat(all(ps.executeQuery(), "cid", "name", "type", "notnull"))
            .containsExactly(List.of(0L, "id", "VARCHAR", 1L), List.of(1L, "authorId", "VARCHAR", 1L), List.of(2L, "createdAt", "TIMESTAMP(3)", 0L),
                List.of(3L, "_record", "VARCHAR", 1L));
      }
    }
  }
}
