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

  @Override
  String table(String name) {
    return schema + "." + name;
  }
}
