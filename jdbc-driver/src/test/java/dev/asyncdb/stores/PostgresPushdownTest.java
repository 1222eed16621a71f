package dev.asyncdb.stores;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link PushdownContract} against a real PostgreSQL server ({@link PostgresServer}), in a schema of its own. */
@ExtendWith(PostgresServer.class)
class PostgresPushdownTest extends PushdownContract {
  private String schema;

  @Override
  String storeJson() {
    schema = PostgresServer.freshSchema("push");
    return "{\"driver\": \"postgres\", \"url\": \"" + PostgresServer.url() + "\", \"schema\": \"" + schema + "\"}";
  }

  @Override
  void database(String... sql) {
    PostgresServer.exec(sql);
  }

  @Override
  String databaseScalar(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(PostgresServer.url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @org.junit.jupiter.api.Test
  void catalogTypesReadThroughThePushedQuery() throws Exception {
    database("CREATE TABLE " + table("typed") + " (id INT PRIMARY KEY, bal NUMERIC(10,2), profile JSONB, born DATE, ok BOOLEAN)",
        "INSERT INTO " + table("typed") + " VALUES (1, 10.50, '{\"langs\": [\"en\"]}', '1815-12-10', true), (2, NULL, NULL, NULL, NULL)");
    java.nio.file.Files.writeString(mapped.resolve("db.config.json"), "{\"stores\": {\"app\": " + storeJsonAgain()
        + ", \"tables\": {\"typed\": {\"table\": \"typed\"}}}}}");
    try (java.sql.Connection c = connect(mapped)) {
      org.assertj.core.api.Assertions.assertThat(rows(c, "SELECT id, bal, ok, _record FROM typed ORDER BY id")).containsExactly(
          java.util.List.of(1L, 10.5, true, "{\"id\":1,\"bal\":10.5,\"profile\":{\"langs\":[\"en\"]},\"born\":\"1815-12-10\",\"ok\":true}"),
          java.util.Arrays.asList(2L, null, null, "{\"id\":2}"));
    }
  }

  /**
   * With the right to read the table's rows taken away after open, everything that only plans or
   * lists still works — what needs rows says so, and the metadata's row count is unknown.
   */
  @org.junit.jupiter.api.Test
  void planningAndMetadataNeedNoRightToReadTheRows() throws Exception {
    try (java.sql.Connection c = connect(mapped)) {
      database("REVOKE SELECT ON " + table("app_orders") + " FROM CURRENT_USER");
      try {
        org.assertj.core.api.Assertions.assertThat(explain(c, "SELECT status, count(*) FROM orders WHERE amount > 1 GROUP BY status"))
            .contains("JdbcAggregate");
        try (ResultSet columns = c.getMetaData().getColumns(null, null, "orders", "status")) {
          org.assertj.core.api.Assertions.assertThat(columns.next()).isTrue();
        }
        org.assertj.core.api.Assertions.assertThat(rows(c, "SELECT name, row_count FROM meta.resources WHERE name IN ('orders', 'customers') ORDER BY name"))
            .containsExactly(java.util.List.of("customers", 3L), java.util.Arrays.asList("orders", null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rows(c, "SELECT count(*) FROM orders")).hasStackTraceContaining("permission denied");
        dev.asyncdb.engine.AsyncDb db = c.unwrap(dev.asyncdb.engine.AsyncDb.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.collection("orders").all())
            .isInstanceOfSatisfying(dev.asyncdb.engine.DbException.class, e -> {
              org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("STORE_READ_FAILED");
              org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("Store \"app\"", "app_orders", "resource \"orders\"", "permission denied");
            });
      } finally {
        database("GRANT SELECT ON " + table("app_orders") + " TO CURRENT_USER");
      }
      org.assertj.core.api.Assertions.assertThat(c.unwrap(dev.asyncdb.engine.AsyncDb.class).collection("orders").all()).hasSize(6);
    }
  }

  private String storeJsonAgain() {
    return "{\"driver\": \"postgres\", \"url\": \"" + PostgresServer.url() + "\", \"schema\": \"" + schema + "\"";
  }

  @Override
  String table(String name) {
    return schema + "." + name;
  }
}
