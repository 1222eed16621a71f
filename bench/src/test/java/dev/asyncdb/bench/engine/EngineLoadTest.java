package dev.asyncdb.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.bench.data.AppDatasetGenerator;
import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.verify.QueryResult;
import dev.asyncdb.bench.verify.ResultComparator;
import dev.asyncdb.bench.workload.Queries;
import dev.asyncdb.bench.workload.QueryCase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineLoadTest {

  @TempDir
  static Path work;

  private static Dataset app;

  @BeforeAll
  static void generate() throws Exception {
    app = new AppDatasetGenerator().ensure(work, 0.001);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite-memory", "h2-memory", "duckdb-memory", "calcite-file", "asyncdb-remote"})
  void everyPeerSeesTheSameRowsAsSqlite(String engineId) throws Exception {
    QueryResult expected;
    try (Engine sqlite = Engines.create(Engines.REFERENCE, work.resolve("scratch"))) {
      sqlite.open(app);
      expected = run(sqlite, Queries.W5_BY_COUNTRY);
    }
    try (Engine engine = Engines.create(engineId, work.resolve("scratch"))) {
      engine.open(app);
      assertThat(engine.count("posts")).isEqualTo(1_000);
      assertThat(engine.count("users")).isEqualTo(100);
      QueryResult actual = run(engine, Queries.W5_BY_COUNTRY);
      assertThat(actual.rows()).isNotEmpty();
      assertThat(new ResultComparator(1e-9).difference(expected, actual)).isEmpty();
    }
  }

  @Test
  void durableWritersInsertIntoTheLoadedFile() throws Exception {
    try (Engine engine = Engines.create("sqlite-wal-file", work.resolve("scratch"))) {
      engine.open(app);
      try (RowWriter writer = engine.openWriter("posts")) {
        writer.insert(Map.of("id", "p_new", "userId", "u_1", "title", "New",
            "status", "draft", "views", 0L, "createdAt", "2026-01-01T00:00:00Z"));
      }
      assertThat(engine.count("posts")).isEqualTo(1_001);
    }
  }

  @Test
  void inMemoryPeersTakeNoDurableWrites() throws Exception {
    try (Engine engine = Engines.create("sqlite-memory", work.resolve("scratch"))) {
      engine.open(app);
      assertThatThrownBy(() -> engine.openWriter("posts"))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void asyncDbCountsAndWritesThroughTheEngineApiWithoutTouchingTheDataset() throws Exception {
    try (Engine engine = Engines.create(Engines.ASYNC_DB, work.resolve("scratch"))) {
      engine.open(app);
      assertThat(engine.count("posts")).isEqualTo(1_000);
      try (RowWriter writer = engine.openWriter("posts")) {
        writer.insert(Map.of("id", "p_new", "userId", "u_1", "title", "New",
            "status", "draft", "views", 0L, "createdAt", "2026-01-01T00:00:00Z"));
      }
      assertThat(engine.count("posts")).isEqualTo(1_001);
    }
    assertThat(app.projectDir().resolve(".db")).doesNotExist();
  }

  @Test
  void asyncDbAnswersSqlThroughItsJdbcDriverLikeSqlite() throws Exception {
    QueryResult expected;
    try (Engine sqlite = Engines.create(Engines.REFERENCE, work.resolve("scratch"))) {
      sqlite.open(app);
      expected = run(sqlite, Queries.W3_TOP_POSTS);
    }
    try (Engine engine = Engines.create(Engines.ASYNC_DB, work.resolve("sql"))) {
      engine.open(app);
      QueryResult actual = run(engine, Queries.W3_TOP_POSTS);
      assertThat(actual.rows()).hasSize(20);
      assertThat(new ResultComparator(1e-9).difference(expected, actual)).isEmpty();
    }
  }

  private static QueryResult run(Engine engine, QueryCase query) throws Exception {
    try (Statement statement = engine.connection().createStatement();
        ResultSet rs = statement.executeQuery(query.sql().apply(engine.dialect()))) {
      return QueryResult.read(rs, query.ordered());
    }
  }
}
