package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.store.wal.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections of one JVM share a project's engine: the native API is reachable through
 * {@code unwrap(AsyncDb.class)}, the last close releases the project's write lock, and the
 * {@code durability} property is applied (and conflicts are refused, not ignored).
 */
class EngineSharingTest {
  @TempDir
  Path project;

  private void writeProject() throws Exception {
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/notes.json"), "[{\"id\": \"n1\", \"text\": \"seed\"}]");
  }

  @Test
  void theNativeApiIsTheConnectionsEngineAndTheLastCloseReleasesTheProject() throws Exception {
    writeProject();
    try (Connection a = DriverManager.getConnection("jdbc:asyncdb:" + project); Connection b = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
      AsyncDb db = a.unwrap(AsyncDb.class);
      assertThat(a.isWrapperFor(AsyncDb.class)).isTrue();
      assertThat(b.unwrap(AsyncDb.class)).isSameAs(db);
      db.collection("notes").create(Map.of("id", "n2", "text", "native write"));
      try (var rs = b.createStatement().executeQuery("select text from notes where id = 'n2'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("native write");
      }
      assertThatThrownBy(() -> AsyncDb.open(project)).hasMessageContaining("open for writing by this process");
    }
    // Both connections closed: the engine checkpointed and let go of the project.
    try (AsyncDb db = AsyncDb.open(project)) {
      assertThat(db.collection("notes").get("n2")).containsEntry("text", "native write");
    }
  }

  @Test
  void theDurabilityPropertyIsAppliedAndAConflictingOneIsRefused() throws Exception {
    writeProject();
    try (Connection c = DriverManager.getConnection("jdbc:asyncdb:" + project + ";durability=normal")) {
      assertThat(c.unwrap(AsyncDb.class).durability()).isEqualTo(Durability.NORMAL);
      try (Connection same = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
        assertThat(same.unwrap(AsyncDb.class).durability()).isEqualTo(Durability.NORMAL);
      }
      assertThatThrownBy(() -> DriverManager.getConnection("jdbc:asyncdb:" + project + ";durability=off")).isInstanceOf(SQLException.class)
          .hasMessageContaining("already open in this JVM with durability normal; this connection asks for off")
          .hasMessageContaining("Hint:");
    }
  }

  @Test
  void anUnknownDurabilityIsAConnectionError() throws Exception {
    writeProject();
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:asyncdb:" + project + ";durability=sometimes"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("08001");
          assertThat(e.getMessage()).contains("sometimes", "full", "normal", "off");
        });
  }

  @Test
  void readOnlyConnectionsReadAProjectOwnedByAnotherWriterAndWritableOnesAreToldWhoOwnsIt() throws Exception {
    writeProject();
    try (AsyncDb owner = AsyncDb.open(project)) {
      owner.collection("notes").create(Map.of("id", "n2", "text", "logged by the owner"));
      owner.advertise("http://127.0.0.1:7999");
      try (Connection reader = DriverManager.getConnection("jdbc:asyncdb:" + project + ";readOnly=true");
           var rs = reader.createStatement().executeQuery("select text from notes where id = 'n2'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("logged by the owner");
      }
      assertThatThrownBy(() -> DriverManager.getConnection("jdbc:asyncdb:" + project)).isInstanceOfSatisfying(SQLException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).contains("open for writing by this process", "serving it at http://127.0.0.1:7999", "readOnly=true");
      });
    }
    // The owner is gone: a writable connection opens the project for writing again.
    try (Connection writer = DriverManager.getConnection("jdbc:asyncdb:" + project)) {
      assertThat(writer.unwrap(AsyncDb.class).collection("notes").count()).isEqualTo(2);
    }
  }
}
