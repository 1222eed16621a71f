package dev.asyncdb.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.server.Projects;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema is built once per engine instance, and again for the next one (a reload opens a new engine). */
class SchemaCacheTest {
  @TempDir
  Path tmp;

  @Test
  void oneSchemaPerEngineInstance() throws Exception {
    Path project = Projects.copy("basic", tmp);
    SchemaCache cache = new SchemaCache();
    ServedSchema first;
    try (AsyncDb db = AsyncDb.open(project)) {
      first = cache.forEngine(db);
      assertThat(cache.forEngine(db)).isSameAs(first);
      assertThat(first.sdl()).doesNotContain("type Tag ");
    }
    Files.writeString(project.resolve("db/tags.json"), "[{\"id\": \"t_1\"}]");
    try (AsyncDb reopened = AsyncDb.open(project)) {
      ServedSchema second = cache.forEngine(reopened);
      assertThat(second).isNotSameAs(first);
      assertThat(second.sdl()).contains("type Tag {");
      assertThat(cache.forEngine(reopened)).isSameAs(second);
    }
  }
}
