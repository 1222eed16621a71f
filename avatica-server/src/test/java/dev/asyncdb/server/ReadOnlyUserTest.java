package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-only users (a {@code read-only} grant in the users file): over remote JDBC they query but
 * cannot write, run DDL or make their connection writable; over REST they read, writes get 403, and
 * the SQL console runs their statements read-only. Users who may write are unaffected.
 */
class ReadOnlyUserTest {
  @TempDir
  Path tmp;

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aReadOnlyUserReadsEverywhereAndWritesNowhere() throws Exception {
    Path usersFile = tmp.resolve("users");
    Users users = Users.of("ada", "lovelace-1").with("bob", "builder-22").withReadOnly("bob", true);
    Files.writeString(usersFile, users.toFileText());
    assertThat(Files.readString(usersFile)).contains("bob:").contains(" read-only");
    Users loaded = Users.load(usersFile);
    assertThat(loaded.isReadOnly("bob")).isTrue();
    assertThat(loaded.isReadOnly("ada")).isFalse();

    ServerConfig config = ServerConfig.forProject(Projects.copy("data-first", tmp)).withPort(0).withRestPort(0).withUsers(loaded);
    try (AsyncDbServer server = AsyncDbServer.start(config)) {
      try (Connection bob = DriverManager.getConnection(server.jdbcUrl(), "bob", "builder-22")) {
        assertThat(RemoteQueryTest.column(bob, "select count(*) from users")).containsExactly("2");
        assertThatThrownBy(() -> bob.createStatement().executeUpdate("insert into users (name, email, role) values ('X', 'x@example.com', 'user')"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
        // Avatica sends connection settings with the next call; the server refuses to make it writable then.
        bob.setReadOnly(false);
        assertThatThrownBy(() -> bob.createStatement().executeUpdate("insert into users (name, email, role) values ('Y', 'y@example.com', 'user')"))
            .isInstanceOf(SQLException.class).hasMessageContaining("may only read");
      }
      try (Connection ada = DriverManager.getConnection(server.jdbcUrl(), "ada", "lovelace-1")) {
        assertThat(ada.createStatement().executeUpdate("insert into users (name, email, role) values ('Z', 'z@example.com', 'user')")).isEqualTo(1);
        assertThat(RemoteQueryTest.column(ada, "select count(*) from users")).containsExactly("3");
      }

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/db/users"))
          .header("Authorization", basic("bob", "builder-22")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).isEqualTo(200);
      HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/db/users"))
          .header("Authorization", basic("bob", "builder-22")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"W\",\"email\":\"w@example.com\",\"role\":\"user\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(write.statusCode()).isEqualTo(403);
      assertThat(write.body()).contains("AUTH_READ_ONLY", "bob", "may only read", "hint");
      HttpResponse<String> console = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/__db/sql"))
          .header("Authorization", basic("bob", "builder-22")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"delete from users\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(console.body()).contains("25006");
      HttpResponse<String> adaWrite = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/db/users"))
          .header("Authorization", basic("ada", "lovelace-1")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"V\",\"email\":\"v@example.com\",\"role\":\"user\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(adaWrite.statusCode()).isEqualTo(201);
      try (Connection ada = DriverManager.getConnection(server.jdbcUrl(), "ada", "lovelace-1")) {
        assertThat(RemoteQueryTest.column(ada, "select count(*) from users")).containsExactly("4");
      }
    }
  }

  @Test
  void anUnknownGrantInTheUsersFileIsAClearError() throws Exception {
    Path usersFile = tmp.resolve("users");
    Files.writeString(usersFile, Users.of("ada", "lovelace-1").toFileText().replace("\n", " admin\n").replaceFirst("^# Async DB users[^\n]* admin\n", "# x\n"));
    assertThatThrownBy(() -> Users.load(usersFile)).hasMessageContaining("unknown grant \"admin\"").hasMessageContaining(usersFile + ":2");
  }
}
