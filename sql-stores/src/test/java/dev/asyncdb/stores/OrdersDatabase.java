package dev.asyncdb.stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application database of the cross-store tests, SQLite or PostgreSQL: a table {@code app_orders}
 * with constraints the engine's schema does not know ({@code CHECK (qty > 0)}; in PostgreSQL also a
 * deferred {@code UNIQUE (ref)}, checked at COMMIT), mapped to the collection {@code orders}.
 */
abstract class OrdersDatabase {
  /** The options under {@code stores.<alias>} mapping {@code app_orders} to {@code orders}. */
  abstract Map<String, Object> store();

  /** A connection to the database, outside the engine. */
  abstract Connection connect() throws SQLException;

  /** The name to use for a table of the test in SQL. */
  abstract String qualified(String table);

  /** What the database says when {@code CHECK (qty > 0)} fails. */
  abstract String checkViolation();

  static OrdersDatabase sqlite(Path project) throws Exception {
    Path file = project.resolve("data/app.sqlite");
    Files.createDirectories(file.getParent());
    OrdersDatabase db = new OrdersDatabase() {
      @Override
      Map<String, Object> store() {
        return mapping(Map.of("driver", "sqlite", "file", "./data/app.sqlite"));
      }

      @Override
      Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
      }

      @Override
      String qualified(String table) {
        return table;
      }

      @Override
      String checkViolation() {
        return "CHECK constraint failed";
      }
    };
    db.exec("CREATE TABLE app_orders (order_id TEXT PRIMARY KEY, item TEXT NOT NULL, qty INTEGER NOT NULL CHECK (qty > 0), ref TEXT)");
    return db;
  }

  static OrdersDatabase postgres() {
    String schema = PostgresServer.freshSchema("xs");
    PostgresServer.exec("CREATE TABLE " + schema + ".app_orders (order_id TEXT PRIMARY KEY, item TEXT NOT NULL, qty INTEGER NOT NULL CHECK (qty > 0), "
        + "ref TEXT, CONSTRAINT app_orders_ref UNIQUE (ref) DEFERRABLE INITIALLY DEFERRED)");
    return new OrdersDatabase() {
      @Override
      Map<String, Object> store() {
        return mapping(Map.of("driver", "postgres", "url", PostgresServer.url(), "schema", schema));
      }

      @Override
      Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresServer.url());
      }

      @Override
      String qualified(String table) {
        return schema + "." + table;
      }

      @Override
      String checkViolation() {
        return "violates check constraint";
      }
    };
  }

  private static Map<String, Object> mapping(Map<String, Object> connection) {
    Map<String, Object> store = new LinkedHashMap<>(connection);
    store.put("tables", Map.of("orders", Map.of("table", "app_orders", "columns", Map.of("id", "order_id"), "primaryKey", "id")));
    return store;
  }

  void exec(String... sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  /** The ids in {@code app_orders}, in key order. */
  List<String> orderIds() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT order_id FROM " + qualified("app_orders") + " ORDER BY order_id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Rows in the commit marker table; 0 when it was never created. */
  int markers() throws SQLException {
    try (Connection c = connect()) {
      try (ResultSet rs = c.getMetaData().getTables(null, null, "_async_db_commits", null)) {
        boolean found = false;
        while (rs.next()) {
          found |= qualified("_async_db_commits").equals(rs.getString("TABLE_SCHEM") == null ? "_async_db_commits"
              : rs.getString("TABLE_SCHEM") + "._async_db_commits");
        }
        if (!found) {
          return 0;
        }
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + qualified("_async_db_commits"))) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
