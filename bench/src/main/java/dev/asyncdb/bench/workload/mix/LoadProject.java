package dev.asyncdb.bench.workload.mix;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.data.FileTrees;
import dev.asyncdb.bench.engine.AsyncDbEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Async DB project of an Async DB target: a fresh project over the app dataset
 * ({@link AsyncDbEngine#freshProject}) whose {@code db.config.json} declares what the PostgreSQL
 * peer gets — an index on the range column — and {@code durability: off}, the match of the test
 * cluster's {@code fsync=off}: neither side waits for the disk on a commit. The insert table is in
 * the project before it opens: its schema file is the one {@code CREATE TABLE} writes, made once
 * in an empty project, because DDL on the served project would reopen it (and the server's live
 * reload would reopen it again) in the middle of a run.
 */
public final class LoadProject {
  static final String CONFIG = """
      {
        "stores": { "json": { "durability": "off" } },
        "resources": { "posts": { "indexes": ["createdAt"] } }
      }
      """;

  private LoadProject() {}

  /**
   * Writes the project at {@code project} (replacing what was there) with the insert table whose
   * schema file {@link #insertsSchema} made.
   */
  public static Path create(Path project, Dataset app, Path insertsSchema) throws IOException {
    AsyncDbEngine.freshProject(project, app);
    Files.writeString(project.resolve("db.config.json"), CONFIG, StandardCharsets.UTF_8);
    Files.copy(insertsSchema, project.resolve("db").resolve(insertsSchema.getFileName()));
    return project;
  }

  /** Runs {@link LoadSql#CREATE_INSERTS} in a new empty project under {@code scratch}; returns the schema file it wrote. */
  public static Path insertsSchema(Path scratch) throws IOException, SQLException {
    Path project = scratch.resolve("inserts-ddl");
    FileTrees.deleteRecursively(project);
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project.toAbsolutePath() + ";create=true")) {
      createInserts(c);
    }
    try (Stream<Path> files = Files.list(project.resolve("db"))) {
      List<Path> schemas = files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).toList();
      if (schemas.size() != 1) {
        throw new IOException("CREATE TABLE " + LoadSql.INSERTS + " in " + project + " should write one schema file under db/, found "
            + schemas + "; the bench harness needs updating to the driver's DDL");
      }
      return schemas.get(0);
    }
  }

  /** Creates {@link LoadSql#INSERTS} empty on {@code connection}. */
  public static void createInserts(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(LoadSql.DROP_INSERTS);
      s.execute(LoadSql.CREATE_INSERTS);
    }
  }

  /** The rows of {@link LoadSql#INSERTS} on {@code connection}. */
  public static long countInserts(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); var rs = s.executeQuery(LoadSql.COUNT_INSERTS)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
