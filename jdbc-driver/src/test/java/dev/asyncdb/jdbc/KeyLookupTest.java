package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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

/** The key-lookup fast path returns exactly what Calcite's own path returns, for every type and getter. */
class KeyLookupTest {
  @TempDir
  static Path project;

  @BeforeAll
  static void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/items.schema.json"), """
        {"kind": "collection", "fields": {
          "id": {"type": "string", "required": true},
          "n": {"type": "integer"}, "x": {"type": "number"}, "ok": {"type": "boolean"},
          "at": {"type": "datetime"}, "day": {"type": "date"}, "blob": {"type": "bytes"},
          "tags": {"type": "array"}, "label": {"type": "string"}
        }, "seed": [
          {"id": "a", "n": 42, "x": 1.5, "ok": true, "at": "2024-03-01T12:34:56.789Z", "day": "2024-02-29", "blob": "aGk=", "tags": ["t"], "label": "A"},
          {"id": "b"},
          {"id": "7", "n": -1, "x": 0, "ok": false, "at": "1969-12-31T23:59:59+01:00", "day": "1970-01-01", "label": "seven"}
        ]}
        """);
  }

  private static List<List<Object>> read(ResultSet rs) throws Exception {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        Object o = rs.getObject(i);
        row.add(o instanceof byte[] b ? new String(b) : o);
        row.add(rs.getString(i));
        int type = rs.getMetaData().getColumnType(i);
        if (type == Types.BIGINT || type == Types.DOUBLE) {
          row.add(rs.getLong(i));
          row.add(rs.getDouble(i));
          row.add(rs.wasNull());
        } else if (type == Types.TIMESTAMP) {
          row.add(rs.getTimestamp(i));
        } else if (type == Types.DATE) {
          row.add(rs.getDate(i));
        } else if (type == Types.BOOLEAN) {
          row.add(rs.getBoolean(i));
        }
      }
      out.add(row);
    }
    return out;
  }

  @Test
  void fastPathMatchesCalcitesPathForEveryColumnType() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project);
         PreparedStatement fast = c.prepareStatement("select * from items where id = ?");
         PreparedStatement slow = c.prepareStatement("select * from items where id = ? and 1 = 1")) {
      for (Object key : new Object[] {"a", "b", "7", 7, "missing"}) {
        fast.setObject(1, key);
        slow.setObject(1, String.valueOf(key));
        try (ResultSet f = fast.executeQuery(); ResultSet s = slow.executeQuery()) {
          assertThat(KeyLookupStatement.isFastPath(f)).isTrue();
          assertThat(KeyLookupStatement.isFastPath(s)).isFalse();
          assertThat(read(f)).as("key " + key).isEqualTo(read(s));
        }
      }
      fast.setNull(1, Types.VARCHAR);
      try (ResultSet f = fast.executeQuery()) {
        assertThat(f.next()).isFalse();
      }
    }
  }

  @Test
  void selectedColumnsLabelsAndCaseFollowTheQuery() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project);
         PreparedStatement ps = c.prepareStatement("SELECT LABEL, N FROM ITEMS WHERE ID = ?")) {
      ps.setString(1, "a");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(KeyLookupStatement.isFastPath(rs)).isTrue();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("label")).isEqualTo("A");
        assertThat(rs.getLong("N")).isEqualTo(42L);
        assertThat(rs.getMetaData().getColumnLabel(1)).as("labels are Calcite's, as typed").isEqualTo("LABEL");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void otherShapesTakeTheNormalPath() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
      for (String sql : List.of("select label from items where label = ?", "select count(*) from items where id = ?",
          "select i.label from items i where i.id = ?", "select label from items where id = ? order by label",
          "select distinct label from items where id = ?")) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, "a");
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(KeyLookupStatement.isFastPath(rs)).as(sql).isFalse();
          }
        }
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select label from items where id = 'a'")) {
        assertThat(KeyLookupStatement.isFastPath(rs)).as("ad-hoc statements reach it through the plan cache").isTrue();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("A");
      }
    }
  }

  @Test
  void theKeyBoundForTheFastPathReachesEveryOtherUseOfTheStatement() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project);
         PreparedStatement ps = c.prepareStatement("select label from items where id = ?")) {
      ps.setString(1, "a");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(KeyLookupStatement.isFastPath(rs)).isTrue();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("A");
      }
      // execute() is Calcite's path: it must see the key set before the fast path answered.
      ps.setString(1, "7");
      assertThat(ps.execute()).isTrue();
      try (ResultSet rs = ps.getResultSet()) {
        assertThat(KeyLookupStatement.isFastPath(rs)).isFalse();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("seven");
        assertThat(rs.next()).isFalse();
      }
      // Back on the fast path after Calcite's.
      ps.setString(1, "a");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("A");
      }
      ps.clearParameters();
      org.assertj.core.api.Assertions.assertThatThrownBy(ps::executeQuery).isInstanceOf(java.sql.SQLException.class);
    }
  }
}
