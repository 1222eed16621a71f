package dev.asyncdb.cli.serve;

import static dev.asyncdb.cli.CliRun.run;
import static dev.asyncdb.cli.CliRun.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.cli.CliRun;
import dev.asyncdb.cli.CliRun.Result;
import dev.asyncdb.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and {@code passwd}: a running server reached with the printed URL, stopped cleanly; and the usage errors. */
class ServeCommandTest {
  private static final Pattern URL = Pattern.compile("connect with (jdbc:asyncdb:remote:http://127\\.0\\.0\\.1:\\d+)");

  @TempDir
  Path tmp;

  /** {@code async-db serve} on a thread of this JVM; interrupting the thread stops it as Ctrl-C would. */
  private static final class Serving implements AutoCloseable {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Thread thread;
    int code = -1;

    Serving(String... args) {
      thread = new Thread(() -> code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true), false),
          "serve-under-test");
      thread.start();
    }

    String jdbcUrl() throws InterruptedException {
      Instant limit = Instant.now().plus(Duration.ofMinutes(1));
      while (true) {
        Matcher m = URL.matcher(out.toString());
        if (m.find()) {
          return m.group(1);
        }
        assertThat(thread.isAlive()).as("serve is running; stderr: " + err).isTrue();
        assertThat(Instant.now()).as("waiting for the address line").isBefore(limit);
        Thread.sleep(20);
      }
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join(Duration.ofMinutes(1).toMillis());
    }
  }

  private static String count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void servesTheProjectAtThePrintedUrlUntilStopped() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    Serving serving = new Serving("--project", project.toString(), "serve", "--port", "0", "--rest-port", "0");
    String url = serving.jdbcUrl();
    assertThat(serving.out.toString()).startsWith("Serving data-first at http://127.0.0.1:");
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(count(c, "users")).isEqualTo("2");
    }
    serving.close();
    assertThat(serving.code).isZero();
    assertThat(serving.err.toString()).isEqualTo("async-db: server stopped\n");
    assertThatThrownBy(() -> DriverManager.getConnection(url)).isInstanceOf(SQLException.class).hasMessageContaining("Could not reach");
  }

  @Test
  void passwdWritesAUsersFileThatServeAuthenticatesAgainst() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    String users = tmp.resolve("users.txt").toString();
    Result added = runWithInput("s3cret\n", "passwd", users, "ada");
    assertThat(added.code()).as(added.err()).isZero();
    assertThat(added.out()).contains("Added ada in " + users);
    Result changed = runWithInput("n3w\n", "passwd", users, "ada");
    assertThat(changed.out()).contains("Changed the password of ada");
    String file = Files.readString(tmp.resolve("users.txt"));
    assertThat(file).contains("ada:pbkdf2-sha256:").doesNotContain("n3w");
    try (Serving serving = new Serving("--project", project.toString(), "serve", "--port", "0", "--rest-port", "0", "--auth-file", users)) {
      String url = serving.jdbcUrl();
      try (Connection c = DriverManager.getConnection(url + ";user=ada;password=n3w")) {
        assertThat(count(c, "posts")).isEqualTo("2");
      }
      assertThatThrownBy(() -> DriverManager.getConnection(url + ";user=ada;password=s3cret"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
    }
  }

  @Test
  void passwdGrantsReadOnlyAndRefusesUnknownGrants() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    String users = tmp.resolve("users.txt").toString();
    assertThat(runWithInput("w-pass\n", "passwd", users, "ada").code()).isZero();
    Result reader = runWithInput("r-pass\n", "passwd", users, "bob", "--grant", "read-only");
    assertThat(reader.code()).as(reader.err()).isZero();
    assertThat(reader.out()).contains("Added bob (read-only) in " + users);
    assertThat(Files.readString(tmp.resolve("users.txt"))).containsPattern("bob:pbkdf2-sha256:\\S+ read-only");
    Result bad = runWithInput("x\n", "passwd", users, "carl", "--grant", "admin");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("PASSWD_GRANT_INVALID", "read-only");
    try (Serving serving = new Serving("--project", project.toString(), "serve", "--port", "0", "--rest-port", "0", "--auth-file", users)) {
      try (Connection c = DriverManager.getConnection(serving.jdbcUrl() + ";user=bob;password=r-pass")) {
        assertThat(count(c, "posts")).isEqualTo("2");
        assertThatThrownBy(() -> c.createStatement().executeUpdate("delete from posts"))
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
      }
    }
  }

  @Test
  void passwdRefusesAnEmptyPassword() {
    Result r = runWithInput("", "passwd", tmp.resolve("users.txt").toString(), "ada");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("PASSWD_EMPTY").contains("nothing was written");
    assertThat(tmp.resolve("users.txt")).doesNotExist();
  }

  @Test
  void aPublicAddressWithoutUsersIsRefusedWithTheWayOut() {
    Result r = run("--project", CliRun.example("data-first", tmp).toString(), "serve", "--host", "0.0.0.0", "--port", "0", "--rest-port", "0");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: SERVER_AUTH_REQUIRED: Refusing to listen on 0.0.0.0 without authentication")
        .contains("hint: Add users").doesNotContain("\tat ");
  }

  @Test
  void inconsistentOptionsAreUsageErrors() {
    String p = CliRun.example("data-first", tmp).toString();
    assertThat(run("--project", p, "serve", "--password", "x").err()).contains("SERVE_USER_MISSING");
    assertThat(run("--project", p, "serve", "--user", "ada", "--password", "x", "--auth-file", "u.txt").err()).contains("SERVE_AUTH_CONFLICT");
    Result badDuration = run("--project", p, "serve", "--idle-timeout", "soon");
    assertThat(badDuration.code()).isEqualTo(2);
    assertThat(badDuration.err()).contains("--idle-timeout: \"soon\" is not a duration");
    assertThat(run("--project", p, "serve", "--max-connections", "0").err()).contains("SERVE_LIMIT_INVALID");
    assertThat(run("--project", p, "serve", "--user", "ada", "--password", "").err()).contains("SERVE_PASSWORD_MISSING")
        .contains("ASYNC_DB_PASSWORD");
    Result missingKeystore = run("--project", p, "serve", "--tls-keystore", tmp.resolve("server.p12").toString(), "--tls-keystore-password", "x");
    assertThat(missingKeystore.code()).isEqualTo(1);
    assertThat(missingKeystore.err()).contains("SERVER_TLS_KEYSTORE_INVALID").contains("server.p12");
    Result missingFile = run("--project", p, "serve", "--auth-file", tmp.resolve("nope.txt").toString());
    assertThat(missingFile.code()).isEqualTo(1);
    assertThat(missingFile.err()).contains("SERVER_USERS_FILE_UNREADABLE").contains("nope.txt");
  }
}
