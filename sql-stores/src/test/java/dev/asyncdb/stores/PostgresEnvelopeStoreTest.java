package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.OpenOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The postgres envelope store: the original's table, namespaces, and errors that name the server. */
class PostgresEnvelopeStoreTest {
  @TempDir
  Path tmp;

  private AsyncDb open(Map<String, Object> store) throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    Files.writeString(tmp.resolve("db/users.json"), "[{\"id\":\"u_1\",\"name\":\"Ada\"}]");
    return AsyncDb.open(OpenOptions.builder(tmp).config(Map.of("stores", Map.of("default", "pg", "pg", store))).build());
  }

  private static Map<String, Object> pg(Object... options) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("driver", "postgres");
    for (int i = 0; i < options.length; i += 2) {
      m.put((String) options[i], options[i + 1]);
    }
    return m;
  }

  @Test
  void anUnreachableServerIsNamedWithoutItsPassword() {
    // Port 1 on the loopback interface: nothing listens there, the refusal is immediate.
    assertThatThrownBy(() -> open(pg("url", "jdbc:postgresql://127.0.0.1:1/app?user=app&password=s3cret"))).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_CONNECTION_FAILED");
      assertThat(e.getMessage()).contains("127.0.0.1:1/app").contains("password=***").doesNotContain("s3cret");
      assertThat(e.hint()).contains("Start the server").contains("stores.pg.url");
    });
  }

  @Test
  void aMissingUrlSaysHowToGiveOne() {
    assertThatThrownBy(() -> open(pg())).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_OPTION_MISSING");
      assertThat(e.getMessage()).contains("stores.pg.url");
      assertThat(e.hint()).contains("jdbc:postgresql://").contains("urlEnv");
    });
  }

  @Test
  void anUnsetUrlVariableIsNamed() {
    assertThatThrownBy(() -> open(pg("urlEnv", "ASYNCDB_TEST_SURELY_UNSET_VARIABLE"))).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_OPTION_MISSING");
      assertThat(e.getMessage()).contains("ASYNCDB_TEST_SURELY_UNSET_VARIABLE").contains("stores.pg.urlEnv");
    });
  }

  @Test
  void aUrlOfAnotherDatabaseIsRefused() {
    assertThatThrownBy(() -> open(pg("url", "jdbc:mysql://localhost/app"))).isInstanceOfSatisfying(DbException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_OPTION_INVALID");
      assertThat(e.getMessage()).contains("jdbc:mysql://localhost/app");
    });
  }

  /** Cases that need the test server. */
  @Nested
  @ExtendWith(PostgresServer.class)
  class WithServer {
    private List<List<String>> rows(String sql) throws Exception {
      try (Connection c = DriverManager.getConnection(PostgresServer.url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        List<List<String>> out = new ArrayList<>();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.add(rs.getString(i));
          }
          out.add(row);
        }
        return out;
      }
    }

    @Test
    void createsTheOriginalsTableAndKeepsNamespacesApart() throws Exception {
      String schema = PostgresServer.freshSchema("env");
      try (AsyncDb db = open(pg("url", PostgresServer.url(), "schema", schema, "namespace", "tenant_a"))) {
        db.collection("users").create(Map.of("id", "u_2", "name", "Grace"));
      }
      assertThat(rows("SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = '" + schema
          + "' AND table_name = '_async_db_resources' ORDER BY ordinal_position")).containsExactly(
          List.of("namespace", "text", "NO"), List.of("name", "text", "NO"), List.of("kind", "text", "NO"),
          List.of("source_hash", "text", "YES"), List.of("value", "jsonb", "NO"), List.of("updated_at", "timestamp with time zone", "NO"));
      assertThat(rows("SELECT namespace, name, kind, jsonb_array_length(value) FROM " + schema + "._async_db_resources"))
          .containsExactly(List.of("tenant_a", "users", "collection", "2"));
      try (AsyncDb db = open(pg("url", PostgresServer.url(), "schema", schema, "namespace", "tenant_b"))) {
        assertThat(db.collection("users").count()).isEqualTo(1);
      }
      try (AsyncDb db = open(pg("url", PostgresServer.url(), "schema", schema, "namespace", "tenant_a"))) {
        assertThat(db.collection("users").count()).isEqualTo(2);
      }
    }

    @Test
    void aRefusedLoginPointsAtTheCredentials() {
      String url = PostgresServer.url().replaceFirst("/[^/?]+(\\?|$)", "/no_such_database$1");
      assertThatThrownBy(() -> open(pg("url", url))).isInstanceOfSatisfying(DbException.class, e -> {
        assertThat(e.code()).isEqualTo("STORE_CONNECTION_FAILED");
        assertThat(e.getMessage()).contains("no_such_database");
        assertThat(e.hint()).contains("database name, user and password");
      });
    }
  }
}
