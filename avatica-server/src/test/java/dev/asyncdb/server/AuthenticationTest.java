package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP BASIC against a users file: who gets in, and what those who do not are told. */
class AuthenticationTest {
  /** Quotes and a semicolon: the characters that break naive connect-string building. */
  static final String ODD_PASSWORD = "p;a'ss\"w=rd";

  @TempDir
  static Path tmp;
  static AsyncDbServer server;

  @BeforeAll
  static void start() throws Exception {
    Path usersFile = tmp.resolve("users.txt");
    Files.writeString(usersFile, Users.of("ada", "lovelace").with("grace", ODD_PASSWORD).toFileText());
    server = AsyncDbServer.start(ServerConfig.forProject(Projects.copy("data-first", tmp)).withPort(0).withUsers(Users.load(usersFile)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void rightCredentialsInTheUrlOrAsPropertiesGetIn() throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";user=ada;password=lovelace")) {
      assertThat(RemoteQueryTest.column(c, "select count(*) from users")).containsExactly("2");
    }
    Properties p = new Properties();
    p.setProperty("user", "grace");
    p.setProperty("password", ODD_PASSWORD);
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), p)) {
      assertThat(RemoteQueryTest.column(c, "select name from users where id = ?", "u_2")).containsExactly("Grace Hopper");
    }
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "ada", "lovelace")) {
      assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("Async DB");
    }
  }

  @Test
  void aWrongPasswordIsRefusedWith28000() {
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "ada", "babbage"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("refused the credentials (HTTP 401)")
        .hasMessageContaining("wrong user name or password for user \"ada\"")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
  }

  @Test
  void anUnknownUserIsRefusedLikeAWrongPassword() {
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "mallory", "lovelace"))
        .hasMessageContaining("wrong user name or password for user \"mallory\"")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
  }

  @Test
  void missingCredentialsAreRefusedWithWhatToAdd() {
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl()))
        .hasMessageContaining("requires a user name and password")
        .hasMessageContaining(";user=NAME;password=SECRET")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
  }

  @Test
  void rawHttpWithoutCredentialsGets401AndHealthStaysOpen() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/json"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"request\":\"openConnection\",\"connectionId\":\"x\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(401);
    assertThat(json.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWithIgnoringCase("basic realm="));
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
  }
}
