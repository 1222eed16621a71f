package dev.asyncdb.stores;

import java.nio.file.Path;
import java.util.Map;

/** The store kinds the conformance suite runs against, each with the config that binds a project to it. */
enum StoreKind {
  JSON(false), MEMORY(false), SQLITE_ENVELOPE(false), POSTGRES_ENVELOPE(true);

  final boolean needsPostgres;

  StoreKind(boolean needsPostgres) {
    this.needsPostgres = needsPostgres;
  }

  boolean persists() {
    return this != MEMORY;
  }

  /** The config binding every resource of a project to this kind (a fresh file or schema each call). */
  Map<String, Object> config(Path project) {
    return switch (this) {
      case JSON -> Map.of();
      case MEMORY -> Map.of("stores", Map.of("default", "memory"));
      case SQLITE_ENVELOPE -> Map.of("stores", Map.of("default", "local", "local", Map.of("driver", "sqlite", "file", "./data/app.sqlite")));
      case POSTGRES_ENVELOPE -> Map.of("stores", Map.of("default", "pg", "pg",
          Map.of("driver", "postgres", "url", PostgresServer.url(), "schema", PostgresServer.freshSchema("conf"))));
    };
  }
}
