package dev.asyncdb.stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/** The store kinds the conformance suite runs against, each with the config that binds a project to it. */
enum StoreKind {
  JSON(false), MEMORY(false), SQLITE_ENVELOPE(false), POSTGRES_ENVELOPE(true), SQLITE_TABLE(false), POSTGRES_TABLE(true);

  final boolean needsPostgres;

  StoreKind(boolean needsPostgres) {
    this.needsPostgres = needsPostgres;
  }

  boolean persists() {
    return this != MEMORY;
  }

  /**
   * The config binding every resource of a project to this kind (a fresh file or schema each call).
   * Table kinds move the {@code users} seed of the project into a real table and drop its files.
   */
  Map<String, Object> config(Path project) throws Exception {
    return switch (this) {
      case JSON -> Map.of();
      case MEMORY -> Map.of("stores", Map.of("default", "memory"));
      case SQLITE_ENVELOPE -> Map.of("stores", Map.of("default", "local", "local", Map.of("driver", "sqlite", "file", "./data/app.sqlite")));
      case POSTGRES_ENVELOPE -> Map.of("stores", Map.of("default", "pg", "pg",
          Map.of("driver", "postgres", "url", PostgresServer.url(), "schema", PostgresServer.freshSchema("conf"))));
      case SQLITE_TABLE -> {
        Path file = project.resolve("data/app.sqlite");
        Files.createDirectories(file.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
          createUsers(c, "JSON");
        }
        yield tables(project, Map.of("driver", "sqlite", "file", "./data/app.sqlite"));
      }
      case POSTGRES_TABLE -> {
        String schema = PostgresServer.freshSchema("conf");
        try (Connection c = DriverManager.getConnection(PostgresServer.url())) {
          c.createStatement().execute("SET search_path TO " + schema);
          createUsers(c, "JSONB");
        }
        yield tables(project, Map.of("driver", "postgres", "url", PostgresServer.url(), "schema", schema));
      }
    };
  }

  /** The conformance project's users as a table with renamed columns: the app's own, not Async DB's. */
  private static void createUsers(Connection c, String jsonType) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE app_users (user_id TEXT PRIMARY KEY, full_name TEXT NOT NULL, age INTEGER, tags " + jsonType + ")");
      s.execute("INSERT INTO app_users (user_id, full_name, age) VALUES ('u_1', 'Ada', 36), ('u_2', 'Alan', 41)");
    }
  }

  private static Map<String, Object> tables(Path project, Map<String, Object> store) throws Exception {
    Files.delete(project.resolve("db/users.json"));
    Files.delete(project.resolve("db/users.schema.json"));
    Map<String, Object> withTables = new java.util.LinkedHashMap<>(store);
    withTables.put("tables", Map.of("users", Map.of("table", "app_users", "columns", Map.of("id", "user_id", "name", "full_name"),
        "primaryKey", "id", "migrate", false)));
    return Map.of("stores", Map.of("default", "db", "db", withTables));
  }
}
