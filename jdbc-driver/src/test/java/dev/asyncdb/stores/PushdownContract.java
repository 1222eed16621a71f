package dev.asyncdb.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.runtime.DeferredRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL over mapped tables runs inside their database: what EXPLAIN shows, results equal to the same
 * rows held by the engine (a JSON project), joins with JSON collections, and transactions that read
 * their own uncommitted writes. Run against SQLite ({@link SqlitePushdownTest}) and PostgreSQL
 * ({@link PostgresPushdownTest}).
 */
abstract class PushdownContract {
  @TempDir
  Path tmp;

  /** The mapped project and, for comparison, the same rows as JSON files (the engine path). */
  Path mapped;
  Path engine;

  static final String[][] ORDERS = {
      {"1", "10", "open", "12.5", "rush"}, {"2", "10", "paid", "99.0", null}, {"3", "11", "paid", "5.25", null},
      {"4", "12", "open", "40.0", "gift"}, {"5", "11", "void", "0.0", null}, {"6", "12", "paid", "61.75", "late"}};
  static final String[][] CUSTOMERS = {{"10", "Ada", "eu"}, {"11", "Grace", "us"}, {"12", "Alan", "eu"}};

  /** Creates the tables and rows in the database; returns the store options (without tables). */
  abstract String storeJson() throws Exception;

  /** Runs statements on the database directly. */
  abstract void database(String... sql) throws Exception;

  /** The first column of the first row of a query sent to the database directly. */
  abstract String databaseScalar(String sql) throws Exception;

  /** Table names as SQL written straight to the database spells them. */
  abstract String table(String name);

  @BeforeEach
  void projects() throws Exception {
    mapped = tmp.resolve("mapped");
    engine = tmp.resolve("engine");
    Files.createDirectories(mapped.resolve("db"));
    Files.createDirectories(engine.resolve("db"));
    String regions = "[{\"id\":\"eu\",\"title\":\"Europe\"},{\"id\":\"us\",\"title\":\"Americas\"}]";
    Files.writeString(mapped.resolve("db/regions.json"), regions);
    Files.writeString(engine.resolve("db/regions.json"), regions);
    String store = storeJson();
    database("CREATE TABLE " + table("app_orders") + " (order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, status TEXT NOT NULL, "
        + "amount DOUBLE PRECISION, note TEXT)",
        "CREATE TABLE " + table("app_customers") + " (customer_id BIGINT PRIMARY KEY, full_name TEXT NOT NULL, region TEXT)");
    List<String> inserts = new ArrayList<>();
    StringBuilder ordersJson = new StringBuilder("[");
    for (String[] o : ORDERS) {
      inserts.add("INSERT INTO " + table("app_orders") + " VALUES (" + o[0] + ", " + o[1] + ", '" + o[2] + "', " + o[3] + ", "
          + (o[4] == null ? "NULL" : "'" + o[4] + "'") + ")");
      ordersJson.append(ordersJson.length() > 1 ? "," : "").append("{\"id\":").append(o[0]).append(",\"customer\":").append(o[1])
          .append(",\"status\":\"").append(o[2]).append("\",\"amount\":").append(o[3]).append(o[4] == null ? "" : ",\"note\":\"" + o[4] + "\"").append("}");
    }
    StringBuilder customersJson = new StringBuilder("[");
    for (String[] c : CUSTOMERS) {
      inserts.add("INSERT INTO " + table("app_customers") + " VALUES (" + c[0] + ", '" + c[1] + "', '" + c[2] + "')");
      customersJson.append(customersJson.length() > 1 ? "," : "").append("{\"id\":").append(c[0]).append(",\"name\":\"").append(c[1])
          .append("\",\"region\":\"").append(c[2]).append("\"}");
    }
    database(inserts.toArray(new String[0]));
    Files.writeString(engine.resolve("db/orders.json"), ordersJson + "]");
    Files.writeString(engine.resolve("db/orders.schema.json"), "{\"kind\":\"collection\",\"primaryKey\":\"id\",\"fields\":{"
        + "\"id\":{\"type\":\"integer\",\"required\":true},\"customer\":{\"type\":\"integer\",\"required\":true},"
        + "\"status\":{\"type\":\"string\",\"required\":true},\"amount\":{\"type\":\"number\"},\"note\":{\"type\":\"string\"}}}");
    Files.writeString(engine.resolve("db/customers.json"), customersJson + "]");
    Files.writeString(engine.resolve("db/customers.schema.json"), "{\"kind\":\"collection\",\"primaryKey\":\"id\",\"fields\":{"
        + "\"id\":{\"type\":\"integer\",\"required\":true},\"name\":{\"type\":\"string\",\"required\":true},\"region\":{\"type\":\"string\"}}}");
    Files.writeString(mapped.resolve("db.config.json"), "{\"stores\": {\"app\": " + store.substring(0, store.lastIndexOf('}'))
        + ", \"tables\": {"
        + "\"orders\": {\"table\": \"app_orders\", \"columns\": {\"id\": \"order_id\", \"customer\": \"customer_id\"}},"
        + "\"customers\": {\"table\": \"app_customers\", \"columns\": {\"id\": \"customer_id\", \"name\": \"full_name\"}}}}}}");
  }

  static final List<String> SAME_AS_ENGINE = List.of(
      "SELECT status, count(*), sum(amount), min(amount), max(amount) FROM orders WHERE amount > 1 GROUP BY status ORDER BY status",
      "SELECT o.id, c.name, o.amount FROM orders o JOIN customers c ON o.customer = c.id WHERE c.region = 'eu' ORDER BY o.id",
      "SELECT id, note FROM orders ORDER BY amount DESC, id LIMIT 3 OFFSET 1",
      "SELECT count(*) FROM orders WHERE note IS NULL",
      "SELECT c.name, r.title FROM customers c JOIN regions r ON c.region = r.id ORDER BY c.name",
      "SELECT r.title, sum(o.amount) FROM orders o JOIN customers c ON o.customer = c.id JOIN regions r ON r.id = c.region GROUP BY r.title ORDER BY 1",
      "SELECT name FROM customers WHERE name LIKE 'A%' ORDER BY name",
      "SELECT * FROM customers ORDER BY id",
      "SELECT _record FROM orders ORDER BY id",
      "SELECT id, upper(status) AS s FROM orders WHERE id IN (2, 4, 6) ORDER BY id",
      "SELECT id, JSON_VALUE(_record, '$.status') FROM orders WHERE JSON_VALUE(_record, '$.note') IS NOT NULL ORDER BY id",
      "SELECT JSON_VALUE(_record, '$.status') AS s, count(*) FROM orders GROUP BY JSON_VALUE(_record, '$.status') ORDER BY s",
      "SELECT id, JSON_QUERY(_record, '$' WITH WRAPPER) IS NOT NULL FROM customers ORDER BY id");

  @Test
  void queriesAnswerAsTheEngineDoes() throws Exception {
    try (Connection m = connect(mapped); Connection e = connect(engine)) {
      for (String sql : SAME_AS_ENGINE) {
        assertThat(rows(m, sql)).as(sql).isEqualTo(rows(e, sql)).isNotEmpty();
      }
    }
  }

  @Test
  void explainShowsWhatRunsInTheDatabase() throws Exception {
    try (Connection c = connect(mapped)) {
      String aggregate = explain(c, "SELECT status, count(*), sum(amount) FROM orders WHERE amount > 10 GROUP BY status ORDER BY status LIMIT 2");
      assertThat(aggregate).contains("JdbcToEnumerableConverter", "JdbcAggregate", "JdbcFilter", "JdbcSort", "JdbcTableScan")
          .doesNotContain("EnumerableAggregate", "EnumerableSort", "EnumerableTableScan");
      assertThat(aggregate).contains("sql=[SELECT ").contains("app_orders").contains("GROUP BY");
      String join = explain(c, "SELECT o.id, c.name FROM orders o JOIN customers c ON o.customer = c.id WHERE c.region = 'eu'");
      assertThat(join).contains("JdbcJoin").doesNotContain("EnumerableHashJoin", "EnumerableMergeJoin", "EnumerableNestedLoopJoin");
      String across = explain(c, "SELECT c.name, r.title FROM customers c JOIN regions r ON c.region = r.id");
      assertThat(across).as("a JSON collection joins in Java").contains("JdbcToEnumerableConverter").containsPattern("Enumerable\\w*Join");
    }
  }

  @Test
  void aTransactionReadsItsOwnUncommittedWrites() throws Exception {
    try (Connection c = connect(mapped); Connection other = connect(mapped)) {
      c.setAutoCommit(false);
      assertThat(update(c, "INSERT INTO orders (id, customer, status, amount) VALUES (7, 11, 'open', 100.0)")).isEqualTo(1);
      assertThat(update(c, "UPDATE orders SET status = 'paid' WHERE id = 1")).isEqualTo(1);
      assertThat(update(c, "DELETE FROM orders WHERE id = 2")).isEqualTo(1);
      String q = "SELECT status, count(*), sum(amount) FROM orders GROUP BY status ORDER BY status";
      assertThat(explain(c, q)).as("still pushed: the transaction's changes are replayed in the database").contains("JdbcAggregate");
      List<List<Object>> inTx = rows(c, q);
      assertThat(inTx).containsExactly(List.of("open", 2L, 140.0), List.of("paid", 3L, 79.5), List.of("void", 1L, 0.0));
      assertThat(rows(c, "SELECT c.name FROM orders o JOIN customers c ON o.customer = c.id WHERE o.id = 7")).containsExactly(List.of("Grace"));
      List<List<Object>> before = List.of(List.of("open", 2L, 52.5), List.of("paid", 3L, 166.0), List.of("void", 1L, 0.0));
      assertThat(rows(other, q)).as("other connections see only committed rows").isEqualTo(before);
      assertThat(databaseScalar("SELECT count(*) FROM " + table("app_orders"))).as("nothing reached the table yet").isEqualTo("6");
      c.rollback();
      assertThat(rows(c, q)).isEqualTo(before);
      update(c, "UPDATE orders SET note = 'checked' WHERE id = 3");
      c.commit();
    }
    assertThat(databaseScalar("SELECT note FROM " + table("app_orders") + " WHERE order_id = 3")).isEqualTo("checked");
    try (Connection c = connect(mapped)) {
      assertThat(rows(c, "SELECT note FROM orders WHERE id = 3")).containsExactly(List.of("checked"));
    }
  }

  @Test
  void jsonFunctionsOnMappedColumnsWork() throws Exception {
    // Neither SQLite nor PostgreSQL 15 has SQL/JSON's JSON_VALUE/JSON_QUERY: they run in Java over the fetched text.
    database("UPDATE " + table("app_orders") + " SET note = '{\"channel\":\"web\",\"tags\":[\"a\",\"b\"]}' WHERE order_id = 1",
        "UPDATE " + table("app_orders") + " SET note = '{\"channel\":\"shop\"}' WHERE order_id = 4");
    try (Connection c = connect(mapped)) {
      assertThat(rows(c, "SELECT id, JSON_VALUE(note, '$.channel') FROM orders WHERE JSON_VALUE(note, '$.channel') IS NOT NULL ORDER BY id"))
          .containsExactly(List.of(1L, "web"), List.of(4L, "shop"));
      assertThat(rows(c, "SELECT JSON_QUERY(note, '$.tags') FROM orders WHERE id = 1")).containsExactly(List.of("[\"a\",\"b\"]"));
      assertThat(rows(c, "SELECT count(*) FROM orders WHERE JSON_VALUE(note, '$.channel') = 'web' AND amount > 1"))
          .containsExactly(List.of(1L));
      String plan = explain(c, "SELECT id, JSON_VALUE(note, '$.channel') FROM orders WHERE amount > 40");
      assertThat(plan).as("a filter without JSON functions is still pushed").contains("JdbcFilter").contains("JSON_VALUE")
          .containsPattern("sql=\\[SELECT .* WHERE ");
      assertThat(rows(c, "SELECT id, JSON_VALUE(note, '$.channel') FROM orders WHERE amount > 40 ORDER BY id"))
          .containsExactly(Arrays.asList(2L, null), Arrays.asList(6L, null));
    }
  }

  @Test
  void preparedStatementsBindParametersIntoThePushedQuery() throws Exception {
    try (Connection c = connect(mapped); PreparedStatement ps = c.prepareStatement("SELECT count(*), sum(amount) FROM orders WHERE customer = ? AND amount > ?")) {
      ps.setLong(1, 12);
      ps.setDouble(2, 1.0);
      assertThat(rows(ps)).containsExactly(List.of(2L, 101.75));
      ps.setLong(1, 10);
      assertThat(rows(ps)).containsExactly(List.of(2L, 111.5));
    }
  }

  /** Whether the engine holds a mapped table's rows in memory (read, or replaced by a write). */
  static boolean inMemory(AsyncDb db, String resource) {
    DeferredRows rows = db.database().snapshot().deferred(resource);
    return rows == null || rows.loaded();
  }

  @Test
  void sqlReadsAndMetadataLeaveTheRowsInTheDatabase() throws Exception {
    try (Connection c = connect(mapped)) {
      for (String sql : SAME_AS_ENGINE) {
        assertThat(rows(c, sql)).as(sql).isNotEmpty();
      }
      assertThat(explain(c, "SELECT status, count(*) FROM orders GROUP BY status")).contains("JdbcAggregate");
      try (PreparedStatement ps = c.prepareStatement("SELECT id, status FROM orders WHERE id = ?")) {
        ps.setLong(1, 4);
        assertThat(rows(ps)).containsExactly(List.of(4L, "open"));
        ps.setLong(1, 99);
        assertThat(rows(ps)).isEmpty();
      }
      DatabaseMetaData md = c.getMetaData();
      assertThat(names(md.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_NAME")).contains("orders", "customers", "regions");
      assertThat(names(md.getColumns(null, null, "orders", "%"), "COLUMN_NAME")).startsWith("id", "customer", "status", "amount", "note");
      assertThat(rows(c, "SELECT name, row_count FROM meta.resources ORDER BY name"))
          .containsExactly(List.of("customers", 3L), List.of("orders", 6L), List.of("regions", 2L));

      AsyncDb db = c.unwrap(AsyncDb.class);
      assertThat(inMemory(db, "orders")).isFalse();
      assertThat(inMemory(db, "customers")).isFalse();
      // From the database's side: a row added behind the project's back after all those reads is in the first scan of the Java API.
      database("INSERT INTO " + table("app_orders") + " VALUES (8, 12, 'open', 1.0, NULL)");
      assertThat(db.collection("orders").all()).extracting(r -> r.get("id")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L);
      assertThat(inMemory(db, "orders")).isTrue();
      assertThat(inMemory(db, "customers")).isFalse();
    }
  }

  @Test
  void sqlWritesReadTheRowsOnceAndAgreeWithTheJavaApi() throws Exception {
    try (Connection c = connect(mapped)) {
      AsyncDb db = c.unwrap(AsyncDb.class);
      assertThat(update(c, "UPDATE customers SET region = 'us' WHERE id = 12")).isEqualTo(1);
      assertThat(inMemory(db, "customers")).isTrue();
      assertThat(inMemory(db, "orders")).as("a write reads only the rows of the tables it changes").isFalse();
      assertThat(update(c, "INSERT INTO orders (id, customer, status, amount) VALUES (7, 11, 'open', 100.0)")).isEqualTo(1);
      assertThat(inMemory(db, "orders")).isTrue();
      assertThat(db.collection("orders").get(7)).containsEntry("status", "open").containsEntry("amount", 100.0);
      db.collection("orders").create(java.util.Map.of("id", 8, "customer", 12, "status", "paid", "amount", 3.5));
      assertThat(update(c, "UPDATE orders SET status = 'void' WHERE id = 8")).isEqualTo(1);
      assertThat(db.collection("orders").get(8)).containsEntry("status", "void");
      assertThat(rows(c, "SELECT id, status FROM orders WHERE id >= 7 ORDER BY id")).containsExactly(List.of(7L, "open"), List.of(8L, "void"));
      assertThat(rows(c, "SELECT count(*) FROM orders o JOIN customers c ON o.customer = c.id WHERE c.region = 'us'")).containsExactly(List.of(6L));
      assertThat(db.collection("orders").count()).isEqualTo(8);
    }
    assertThat(databaseScalar("SELECT count(*) FROM " + table("app_orders"))).isEqualTo("8");
    assertThat(databaseScalar("SELECT status FROM " + table("app_orders") + " WHERE order_id = 8")).isEqualTo("void");
  }

  private static List<String> names(ResultSet rs, String column) throws Exception {
    try (rs) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(column));
      }
      return out;
    }
  }

  static Connection connect(Path project) throws Exception {
    return DriverManager.getConnection("jdbc:asyncdb:" + project);
  }

  static String explain(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
      return out.toString();
    }
  }

  static int update(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  static List<List<Object>> rows(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  static List<List<Object>> rows(PreparedStatement ps) throws Exception {
    try (ResultSet rs = ps.executeQuery()) {
      return rows(rs);
    }
  }

  private static List<List<Object>> rows(ResultSet rs) throws Exception {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getObject(i));
      }
      out.add(row);
    }
    return out;
  }
}
