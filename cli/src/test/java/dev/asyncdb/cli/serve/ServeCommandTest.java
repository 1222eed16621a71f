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

    /** What serve printed once it printed {@code text} (lines come one by one while it starts). */
    String outputWith(String text) throws InterruptedException {
      Instant limit = Instant.now().plus(Duration.ofMinutes(1));
      while (!out.toString().contains(text)) {
        assertThat(thread.isAlive()).as("serve is running; stderr: " + err).isTrue();
        assertThat(Instant.now()).as("waiting for \"" + text + "\" in: " + out).isBefore(limit);
        Thread.sleep(20);
      }
      return out.toString();
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

  /** A second project for the multi-project tests: one collection, orders. */
  private Path shop() {
    return CliRun.project(tmp.resolve("shop-folder"), "db/orders.json", "[{\"id\":\"o_1\",\"total\":10}]");
  }

  @Test
  void servesSeveralNamedProjectsWithGrantsFromPasswd() throws Exception {
    Path app = CliRun.example("data-first", tmp);
    Path shop = shop();
    String users = tmp.resolve("users.txt").toString();
    Result alice = runWithInput("a-pass\n", "passwd", users, "alice", "--project", "app");
    assertThat(alice.code()).as(alice.err()).isZero();
    assertThat(alice.out()).contains("Added alice (projects app) in " + users);
    Result bob = runWithInput("b-pass\n", "passwd", users, "bob", "--grant", "read-only", "--project", "app", "--project", "shop:write");
    assertThat(bob.code()).as(bob.err()).isZero();
    assertThat(bob.out()).contains("Added bob (read-only; projects app, shop:write)");
    assertThat(Files.readString(tmp.resolve("users.txt"))).containsPattern("(?m)^alice:\\S+ projects=app$")
        .containsPattern("(?m)^bob:\\S+ read-only projects=app,shop:write$");

    try (Serving serving = new Serving("serve", "--project", "app=" + app, "--project", "shop=" + shop, "--port", "0", "--rest-port", "0",
        "--auth-file", users, "--max-connections-per-user", "1")) {
      String url = serving.jdbcUrl();
      assertThat(serving.outputWith("REST routes at")).startsWith("Serving app, shop at http://127.0.0.1:").contains(url + ";project=NAME\n")
          .containsPattern("REST routes at http://127\\.0\\.0\\.1:\\d+/__db/projects/NAME/db/<resource>, viewer at http://127\\.0\\.0\\.1:\\d+/__db/projects/NAME/__db");
      try (Connection c = DriverManager.getConnection(url + ";project=app;user=alice;password=a-pass")) {
        assertThat(count(c, "users")).isEqualTo("2");
        assertThatThrownBy(() -> DriverManager.getConnection(url + ";project=app;user=alice;password=a-pass"))
            .as("--max-connections-per-user 1").satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08004"))
            .hasMessageContaining("User alice has 1 open connections");
      }
      assertThatThrownBy(() -> DriverManager.getConnection(url + ";project=shop;user=alice;password=a-pass"))
          .hasMessageContaining("User alice may not use project \"shop\"")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
      assertThatThrownBy(() -> DriverManager.getConnection(url + ";user=bob;password=b-pass"))
          .hasMessageContaining("names none. Projects bob may use: app, shop.");
      try (Connection c = DriverManager.getConnection(url + ";project=app;user=bob;password=b-pass")) {
        assertThatThrownBy(() -> c.createStatement().executeUpdate("delete from posts"))
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
      }
      try (Connection c = DriverManager.getConnection(url + ";project=shop;user=bob;password=b-pass")) {
        assertThat(c.createStatement().executeUpdate("delete from orders")).isEqualTo(1);
      }
    }
  }

  @Test
  void aBareProjectAfterServeIsNamedAfterItsFolder() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    try (Serving serving = new Serving("serve", "--project", project.toString(), "--port", "0", "--rest-port", "0")) {
      String url = serving.jdbcUrl();
      assertThat(serving.outputWith("REST routes at ")).startsWith("Serving data-first at ").contains("REST routes at ").contains("/db/<resource>, viewer at ");
      try (Connection c = DriverManager.getConnection(url + ";project=data-first")) {
        assertThat(count(c, "users")).isEqualTo("2");
      }
    }
  }

  @Test
  void projectListsThatCannotWorkAreUsageErrors() {
    Path app = CliRun.example("data-first", tmp);
    Path shop = shop();
    Result duplicate = run("serve", "--project", app.toString(), "--project", "data-first=" + shop);
    assertThat(duplicate.code()).isEqualTo(2);
    assertThat(duplicate.err()).contains("SERVE_PROJECT_DUPLICATE", "Two projects are named \"data-first\"", "--project NAME=DIR");
    Result badName = run("serve", "--project", "my shop=" + shop);
    assertThat(badName.code()).isEqualTo(2);
    assertThat(badName.err()).contains("SERVE_PROJECT_NAME_INVALID", "project name \"my shop\" is not valid");
    assertThat(run("serve", "--project", "shop=").err()).contains("SERVE_PROJECT_FOLDER_MISSING", "--project shop= names no folder");
    Result missing = run("serve", "--project", "app=" + app, "--project", "gone=" + tmp.resolve("gone"), "--port", "0", "--no-rest");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("DB_PROJECT_NOT_FOUND", "gone");
    assertThat(run("serve", "--project", app.toString(), "--max-connections-per-user", "-1").err()).contains("SERVE_LIMIT_INVALID")
        .contains("--max-connections-per-user 0 means no per-user limit");
    Result twice = run("--project", app.toString(), "--project", shop.toString(), "schema");
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.err()).contains("PROJECT_REPEATED", "--project was given 2 times", "only async-db serve hosts several");
  }

  @Test
  void passwdProjectGrantsAreValidatedAndCanBeWidenedAgain() throws Exception {
    String users = tmp.resolve("users.txt").toString();
    Result badMode = runWithInput("x\n", "passwd", users, "ada", "--project", "app:admin");
    assertThat(badMode.code()).isEqualTo(2);
    assertThat(badMode.err()).contains("PASSWD_PROJECT_INVALID", "--project app:admin: unknown mode \"admin\"");
    assertThat(runWithInput("x\n", "passwd", users, "ada", "--project", "./app").err()).contains("project name \"./app\" is not valid");
    assertThat(runWithInput("x\n", "passwd", users, "ada", "--project", "app", "--project", "app:write").err()).contains("--project app is given twice");
    assertThat(runWithInput("x\n", "passwd", users, "ada", "--project", "app", "--all-projects").err()).contains("PASSWD_PROJECTS_CONFLICT");
    assertThat(tmp.resolve("users.txt")).as("nothing written by a refused command").doesNotExist();

    assertThat(runWithInput("one\n", "passwd", users, "ada", "--project", "app").code()).isZero();
    Result password = runWithInput("two\n", "passwd", users, "ada");
    assertThat(password.out()).as("a new password keeps the grant").contains("Changed the password of ada (projects app)");
    Result readOnly = runWithInput("two\n", "passwd", users, "ada", "--grant", "read-only");
    assertThat(readOnly.out()).contains("ada (read-only; projects app)");
    Result widened = runWithInput("two\n", "passwd", users, "ada", "--all-projects");
    assertThat(widened.out()).contains("Changed the password of ada (read-only) in");
    assertThat(Files.readString(tmp.resolve("users.txt"))).containsPattern("(?m)^ada:\\S+ read-only$");
  }
}
