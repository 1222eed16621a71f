package dev.asyncdb.jdbc;

import static dev.asyncdb.jdbc.SqlWriteTest.rows;
import static dev.asyncdb.jdbc.SqlWriteTest.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DDL: tables as schema files, columns, indexes in db.config.json, saved views; every error and the round trip through reopening. */
class SqlDdlTest {
  @TempDir
  Path project;

  static final String PRODUCTS = """
      CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        name VARCHAR(100) NOT NULL,
        category TEXT CHECK (category IN ('books', 'games')),
        price DECIMAL(10, 2) DEFAULT 0 CHECK (price >= 0),
        in_stock BOOLEAN DEFAULT TRUE,
        created_at TIMESTAMP,
        sku VARCHAR UNIQUE
      )""";

  @BeforeEach
  void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/users.json"), "[{\"id\": \"u1\", \"name\": \"Ada\"}]");
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:asyncdb:" + project);
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      assertThat(s.execute(sql)).isFalse();
      assertThat(s.getUpdateCount()).isZero();
    }
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, "db", "%", null)) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
      }
    }
    return out;
  }

  private static void fails(String sqlState, String messagePart, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo(sqlState))
        .hasMessageContaining(messagePart);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> json(String file) throws Exception {
    return (Map<String, Object>) Json.parse(Files.readString(project.resolve(file)));
  }

  @Test
  void createTableWritesASchemaFirstCollectionWhoseRulesSqlWritesObey() throws Exception {
    try (Connection c = connect(); Connection other = connect()) {
      exec(c, PRODUCTS);
      assertThat(json("db/products.schema.json")).containsEntry("kind", "collection").containsEntry("createdBy", "sql")
          .containsEntry("fields", Map.of(
              "id", Map.of("type", "integer", "required", true),
              "name", Map.of("type", "string", "required", true, "maxLength", 100L),
              "category", Map.of("type", "enum", "values", List.of("books", "games")),
              "price", Map.of("type", "number", "default", 0L, "min", 0L),
              "in_stock", Map.of("type", "boolean", "default", true),
              "created_at", Map.of("type", "datetime"),
              "sku", Map.of("type", "string", "unique", true)));
      assertThat(tables(c)).contains("products:TABLE", "users:TABLE");
      try (Statement s = c.createStatement()) {
        s.executeUpdate("insert into products (name, category, sku) values ('Dune', 'books', 'B-1')", Statement.RETURN_GENERATED_KEYS);
        try (ResultSet keys = s.getGeneratedKeys()) {
          assertThat(keys.next()).isTrue();
          assertThat(keys.getLong(1)).isEqualTo(1L);
        }
      }
      assertThat(rows(other, "select id, name, price, in_stock from products")).containsExactly(List.of(1L, "Dune", 0.0, true));
      fails("23514", "must be one of \"books\", \"games\"", () -> update(c, "insert into products (name, category) values ('X', 'toys')"));
      fails("23514", "must be at least 0", () -> update(c, "insert into products (name, price) values ('X', -1)"));
      fails("23505", "must be unique", () -> update(c, "insert into products (name, sku) values ('X', 'B-1')"));
      fails("23502", "\"name\" of products (record 2) is required", () -> update(c, "insert into products (category) values ('games')"));
      fails("42S01", "Table products already exists", () -> exec(c, PRODUCTS));
      exec(c, PRODUCTS.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
    }
    try (AsyncDb db = AsyncDb.open(project)) {
      assertThat(db.collection("products").get(1)).containsEntry("name", "Dune").containsEntry("in_stock", true);
      assertThat(db.schema("products").fieldsFromSchema()).isTrue();
    }
    try (Connection c = connect()) {
      assertThat(rows(c, "select name from products")).containsExactly(List.of("Dune"));
    }
  }

  @Test
  void alterTableAddsDropsAndRenamesColumnsOfStoredRecordsToo() throws Exception {
    try (Connection c = connect()) {
      exec(c, "create table notes (id varchar primary key, body text not null, pinned boolean)");
      update(c, "insert into notes (id, body, pinned) values ('n1', 'hello', true), ('n2', 'world', false)");
      exec(c, "alter table notes add column priority integer not null default 3");
      assertThat(rows(c, "select id, priority from notes")).containsExactly(List.of("n1", 3L), List.of("n2", 3L));
      exec(c, "alter table notes rename column body to text");
      exec(c, "alter table notes drop column pinned");
      assertThat(rows(c, "select * from notes where id = 'n1'")).containsExactly(List.of("n1", "hello", 3L, "{\"id\":\"n1\",\"text\":\"hello\",\"priority\":3}"));
      exec(c, "alter table notes add column if not exists priority integer");
      exec(c, "alter table notes drop column if exists nothing");
      fails("42S21", "already has a column priority", () -> exec(c, "alter table notes add column priority integer"));
      fails("42S22", "has no column nothing", () -> exec(c, "alter table notes drop column nothing"));
      fails("0A000", "is the key of notes", () -> exec(c, "alter table notes drop column id"));
      fails("23502", "NOT NULL but notes has 2 row(s)", () -> exec(c, "alter table notes add column owner varchar not null"));
      // A data-first table gets a schema file declaring its inferred fields plus the new one.
      exec(c, "alter table users add column email varchar");
      assertThat(json("db/users.schema.json")).extractingByKey("fields").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsKeys("id", "name", "email");
      update(c, "update users set email = 'ada@example.com'");
      assertThat(rows(c, "select name, email from users")).containsExactly(List.of("Ada", "ada@example.com"));
    }
  }

  @Test
  void indexesAreDeclaredInTheConfigAndUniqueOnesEnforced() throws Exception {
    try (Connection c = connect()) {
      exec(c, PRODUCTS);
      update(c, "insert into products (name, category) values ('Dune', 'books'), ('Doom', 'games')");
      exec(c, "create index products_by_category on products (category, name)");
      exec(c, "create unique index products_by_name on products (name)");
      assertThat(json("db.config.json")).isEqualTo(Map.of("resources", Map.of("products", Map.of("indexes", List.of(
          Map.of("name", "products_by_category", "fields", List.of("category", "name")),
          Map.of("name", "products_by_name", "fields", List.of("name"), "unique", true))))));
      fails("23505", "must be unique", () -> update(c, "insert into products (name) values ('Dune')"));
      fails("42S11", "Index products_by_name already exists", () -> exec(c, "create index products_by_name on products (sku)"));
      exec(c, "create index if not exists products_by_name on products (sku)");
      exec(c, "drop index products_by_name");
      update(c, "insert into products (name) values ('Dune')");
      fails("23505", "records 1 and 3 both hold \"Dune\"", () -> exec(c, "create unique index again on products (name)"));
      fails("42S12", "Index nothing does not exist", () -> exec(c, "drop index nothing"));
      exec(c, "drop index if exists nothing");
    }
  }

  @Test
  void viewsAreSavedQueries() throws Exception {
    try (Connection c = connect()) {
      exec(c, "create view user_names as select name from users order by name");
      assertThat(Files.readString(project.resolve("db/user_names.view.sql"))).isEqualTo("select name from users order by name\n");
      assertThat(rows(c, "select * from user_names")).containsExactly(List.of("Ada"));
      assertThat(tables(c)).contains("user_names:VIEW");
      fails("42S01", "View user_names already exists", () -> exec(c, "create view user_names as select id from users"));
      exec(c, "create or replace view user_names (n) as select id from users");
      assertThat(rows(c, "select n from user_names")).containsExactly(List.of("u1"));
      fails("42000", "The query of view broken is not valid", () -> exec(c, "create view broken as select nothing from users"));
      exec(c, "drop view user_names");
      fails("42S02", "View user_names does not exist", () -> exec(c, "drop view user_names"));
    }
    try (Connection c = connect()) {
      assertThat(tables(c)).doesNotContain("user_names:VIEW");
    }
  }

  @Test
  void dropTableRemovesWhatSqlCreatedAndNeedsForceForProjectFiles() throws Exception {
    try (Connection c = connect(); Connection other = connect()) {
      exec(c, "create table audit_log (id integer primary key, action varchar not null)");
      // Tables are named after their file like every resource (audit_log → auditLog); both spellings work.
      update(other, "insert into audit_log (action) values ('created')");
      assertThat(rows(c, "select action from auditLog")).containsExactly(List.of("created"));
      exec(c, "drop table audit_log");
      assertThat(project.resolve("db/audit_log.schema.json")).doesNotExist();
      assertThat(project.resolve(".db/state/auditLog.json")).doesNotExist();
      fails("42S02", "not found", () -> rows(other, "select * from audit_log"));
      fails("42S02", "Table audit_log does not exist", () -> exec(c, "drop table audit_log"));
      exec(c, "drop table if exists audit_log");
      fails("0A000", "Table users comes from db/users.json", () -> exec(c, "drop table users"));
      assertThat(project.resolve("db/users.json")).exists();
      exec(c, "drop table users force");
      assertThat(project.resolve("db/users.json")).doesNotExist();
      assertThat(tables(c)).doesNotContain("users:TABLE");
    }
  }

  @Test
  void ddlOnAPreparedStatementAndErrorsOfTheStatementItself() throws Exception {
    try (Connection c = connect()) {
      c.prepareStatement("create table tags (name varchar primary key)").execute();
      update(c, "insert into tags values ('a')");
      assertThat(rows(c, "select name from tags")).containsExactly(List.of("a"));
      fails("42601", "Syntax error in DDL", () -> exec(c, "create table t (id varchar primary key"));
      fails("0A000", "CHECK (length(name) > 2) cannot be kept", () -> exec(c, "create table t (name varchar check (length(name) > 2))"));
      fails("0A000", "has type GEOMETRY", () -> exec(c, "create table t (shape geometry)"));
      c.setReadOnly(true);
      fails("25006", "read-only", () -> exec(c, "drop table tags"));
    }
  }

  @Test
  void inMemoryDatabasesKeepTheirDataAcrossDdl() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:mem:ddl-test")) {
      exec(c, "create table items (id varchar primary key, qty integer)");
      update(c, "insert into items values ('a', 1)");
      exec(c, "create table other (id varchar primary key)");
      exec(c, "alter table items add column note varchar default 'n'");
      assertThat(rows(c, "select id, qty, note from items")).containsExactly(List.of("a", 1L, "n"));
    }
  }
}
