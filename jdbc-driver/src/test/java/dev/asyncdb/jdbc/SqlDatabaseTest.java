package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.jdbc.SqlDatabase.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The managed-SQL facade with the reference's own examples: catalog filters, an atomic order batch, introspection. */
class SqlDatabaseTest {
  @TempDir
  Path project;
  SqlDatabase db;

  record Product(String id, String name, String category, double price, long inStock, Instant createdAt) {}

  /** A class rather than a record: filled through its fields. */
  static final class User {
    String id;
    String email;
    String name;
  }

  static final String SCHEMA = """
      -- The app's tables; a ';' inside a string does not end a statement.
      CREATE TABLE users (id VARCHAR PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
      CREATE TABLE products (
        id VARCHAR PRIMARY KEY,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        price DOUBLE NOT NULL,
        in_stock INTEGER DEFAULT 1,
        created_at TIMESTAMP NOT NULL
      );
      CREATE TABLE orders (id VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL REFERENCES users);
      CREATE TABLE inventory (product_id VARCHAR PRIMARY KEY, stock INTEGER NOT NULL CHECK (stock >= 0));
      CREATE TABLE audit_log (id INTEGER PRIMARY KEY, action TEXT NOT NULL, user_id VARCHAR);
      /* seed data */
      INSERT INTO users (id, email, name) VALUES ('u1', 'ada@example.com', 'Ada');
      INSERT INTO products (id, name, category, price, in_stock, created_at) VALUES
        ('p1', 'Dune; the novel', 'books', 9.5, 1, TIMESTAMP '2024-01-01 00:00:00'),
        ('p2', 'Neuromancer', 'books', 12.0, 1, TIMESTAMP '2024-03-01 00:00:00'),
        ('p3', 'Snow Crash', 'books', 30.0, 1, TIMESTAMP '2024-02-01 00:00:00'),
        ('p4', 'Solaris', 'books', 11.0, 0, TIMESTAMP '2024-04-01 00:00:00'),
        ('g1', 'Doom', 'games', 10.0, 1, TIMESTAMP '2024-05-01 00:00:00');
      INSERT INTO inventory (product_id, stock) VALUES ('p1', 1);
      """;

  @BeforeEach
  void open() throws Exception {
    db = SqlDatabase.open("jdbc:asyncdb:" + project + ";create=true");
    db.exec(SCHEMA);
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @Test
  void catalogFiltersWithBetweenOrderByAndLimitMapToRecords() throws Exception {
    List<Product> products = db.query(Product.class, """
        SELECT * FROM products
        WHERE category = ? AND price BETWEEN ? AND ? AND in_stock = 1
        ORDER BY created_at DESC LIMIT 20""", "books", 5, 20);
    assertThat(products).extracting(Product::id).containsExactly("p2", "p1");
    assertThat(products.get(1)).isEqualTo(new Product("p1", "Dune; the novel", "books", 9.5, 1, Instant.parse("2024-01-01T00:00:00Z")));
  }

  @Test
  void queryReportsRowsChangesAndTheGeneratedKey() throws Exception {
    SqlDatabase.Result insert = db.query("INSERT INTO audit_log (action, user_id) VALUES (?, ?)", "login", "u1");
    assertThat(insert.results()).isEmpty();
    assertThat(insert.changes()).isEqualTo(1);
    assertThat(insert.lastInsertId()).isEqualTo(1L);
    assertThat(db.query("UPDATE products SET price = price * 2 WHERE category = ?", "books").changes()).isEqualTo(4);
    assertThat(db.query("SELECT id, price FROM products WHERE id = ?", "p1").results()).containsExactly(Map.of("id", "p1", "price", 19.0));
    assertThat(db.queryOne("SELECT * FROM users WHERE id = ?", "u1")).containsEntry("email", "ada@example.com");
    assertThat(db.queryOne("SELECT * FROM users WHERE id = ?", "nobody")).isNull();
    User user = db.queryOne(User.class, "SELECT * FROM users WHERE id = ?", "u1");
    assertThat(user.name).isEqualTo("Ada");
    assertThat(db.queryOne(Long.class, "SELECT count(*) FROM products")).isEqualTo(5L);
  }

  @Test
  void aBatchRunsInOneTransactionAndRollsBackAsAWhole() throws Exception {
    List<SqlDatabase.Result> results = db.batch(
        Sql.of("INSERT INTO orders (id, user_id) VALUES (?, ?)", "o1", "u1"),
        Sql.of("UPDATE inventory SET stock = stock - 1 WHERE product_id = ?", "p1"),
        Sql.of("INSERT INTO audit_log (action, user_id) VALUES (?, ?)", "order_created", "u1"));
    assertThat(results).extracting(SqlDatabase.Result::changes).containsExactly(1L, 1L, 1L);

    // Out of stock: the CHECK (stock >= 0) fails the second statement, and the first one is undone with it.
    assertThatThrownBy(() -> db.batch(
        Sql.of("INSERT INTO orders (id, user_id) VALUES (?, ?)", "o2", "u1"),
        Sql.of("UPDATE inventory SET stock = stock - 1 WHERE product_id = ?", "p1"),
        Sql.of("INSERT INTO audit_log (action, user_id) VALUES (?, ?)", "order_created", "u1")))
        .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"))
        .hasMessageContaining("Field \"stock\" of inventory (record p1) must be at least 0; received -1");
    assertThat(db.query(String.class, "SELECT id FROM orders")).containsExactly("o1");
    assertThat(db.queryOne(Long.class, "SELECT stock FROM inventory WHERE product_id = 'p1'")).isZero();
    assertThat(db.queryOne(Long.class, "SELECT count(*) FROM audit_log")).isEqualTo(1L);
  }

  @Test
  void introspectionQueriesOfTheReferenceWork() throws Exception {
    assertThat(db.query(String.class, "SELECT name FROM sqlite_master WHERE type='table'"))
        .contains("users", "products", "orders", "inventory", "auditLog");
    assertThat(db.query("PRAGMA table_info(?)", "users").results()).extracting(r -> r.get("name")).containsExactly("id", "email", "name", "_record");
  }

  @Test
  void execStopsAtTheFirstFailingStatement() throws Exception {
    assertThatThrownBy(() -> db.exec("INSERT INTO users (id, email, name) VALUES ('u2', 'g@example.com', 'Grace'); INSERT INTO nowhere VALUES (1)"))
        .isInstanceOf(SQLException.class).hasMessageContaining("nowhere");
    assertThat(db.query(String.class, "SELECT id FROM users ORDER BY id")).containsExactly("u1", "u2");
  }

  @Test
  void theDataSourceTakesTheDriverPropertiesAndRefusesOthers() throws Exception {
    AsyncDbDataSource ds = new AsyncDbDataSource("jdbc:asyncdb:" + project);
    ds.setReadOnly(true);
    assertThat(ds.getProperty("readOnly")).isEqualTo("true");
    try (Connection c = ds.getConnection()) {
      assertThat(c.isReadOnly()).isTrue();
    }
    assertThatThrownBy(() -> ds.setProperty("model", "x.json")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Known properties");
    try (SqlDatabase viaDataSource = SqlDatabase.of(ds)) {
      assertThat(viaDataSource.queryOne(Long.class, "SELECT count(*) FROM users")).isEqualTo(1L);
      assertThatThrownBy(() -> viaDataSource.query("DELETE FROM users")).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
    }
  }
}
