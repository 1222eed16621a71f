package dev.asyncdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sqlline, a real third-party JDBC client, in its own process with nothing but the shaded driver
 * jar: connect, list tables and columns, run a join and an aggregate; embedded, and against a
 * running {@code async-db serve} with a password.
 */
class SqllineTest {
  @TempDir
  Path tmp;

  @Test
  void sqllineUsesTheShadedDriverJarAlone() throws Exception {
    Path project = tmp.resolve("relations");
    copy(Path.of(System.getProperty("asyncdb.examples")).resolve("relations"), project);
    String out = sqlline("!connect jdbc:asyncdb:" + project + " \"\" \"\"");
    assertThat(out).contains("'db','posts','TABLE'").contains("'db','users','TABLE'");
    assertThat(out).contains("'users','email'").contains("'users','_record'");
    assertThat(out).contains("'Ada Lovelace','1'").contains("'Katherine Johnson','1'");
    assertThat(out).contains("'draft','1'").contains("'published','1'");
    assertThat(out).doesNotContain("Exception").doesNotContain("Error:");
  }

  @Test
  void theShadedDriverJarAloneOpensAProjectStoredInSqlite() throws Exception {
    // The sqlite store (and sqlite-jdbc) travel inside the shaded jar: no other jar on sqlline's class path.
    Path project = tmp.resolve("relations");
    copy(Path.of(System.getProperty("asyncdb.examples")).resolve("relations"), project);
    Files.writeString(project.resolve("db.config.json"),
        "{\"stores\": {\"default\": \"local\", \"local\": {\"driver\": \"sqlite\", \"file\": \"./data/app.sqlite\"}}}");
    String out = sqlline("!connect jdbc:asyncdb:" + project + " \"\" \"\"");
    assertThat(out).contains("'db','posts','TABLE'").contains("'db','users','TABLE'");
    assertThat(out).contains("'Ada Lovelace','1'").contains("'Katherine Johnson','1'");
    assertThat(out).contains("'draft','1'").contains("'published','1'");
    assertThat(out).doesNotContain("Exception").doesNotContain("Error:");
    byte[] header = Files.readAllBytes(project.resolve("data/app.sqlite"));
    assertThat(new String(header, 0, 15, StandardCharsets.US_ASCII)).as("the resources were stored in a SQLite file").isEqualTo("SQLite format 3");
  }

  @Test
  void sqllineQueriesARunningServerThroughTheShadedDriverJar() throws Exception {
    Path project = tmp.resolve("relations");
    copy(Path.of(System.getProperty("asyncdb.examples")).resolve("relations"), project);
    ProcessBuilder serve = new ProcessBuilder("bash", repositoryRoot().resolve("bin/async-db").toString(), "--project", project.toString(),
        "serve", "--port", "0", "--rest-port", "0", "--user", "ada").redirectError(tmp.resolve("serve.err").toFile());
    serve.environment().put("ASYNC_DB_PASSWORD", "lovelace");
    Process server = serve.start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = lines.readLine();
      assertThat(line).as("the address line; stderr: " + Files.readString(tmp.resolve("serve.err"))).isNotNull().contains("connect with ");
      String url = line.substring(line.indexOf("jdbc:asyncdb:remote:"));
      String out = sqlline("!connect " + url + " ada lovelace");
      assertThat(out).contains("'db','posts','TABLE'").contains("'db','users','TABLE'");
      assertThat(out).contains("'users','email'").contains("'users','_record'");
      assertThat(out).contains("'Ada Lovelace','1'").contains("'Katherine Johnson','1'");
      assertThat(out).contains("'draft','1'").contains("'published','1'");
      assertThat(out).doesNotContain("Exception").doesNotContain("Error:");
      String refused = sqlline("!connect " + url + " ada babbage");
      assertThat(refused).contains("wrong user name or password for user \"ada\"").contains("28000");
    } finally {
      server.destroy();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
    }
    assertThat(Files.readString(tmp.resolve("serve.err"))).contains("async-db: server stopped");
  }

  /** Runs sqlline with {@code connect}, then the same listing and queries, in its own JVM; returns what it printed. */
  private String sqlline(String connect) throws Exception {
    String script = String.join("\n",
        connect,
        "!tables",
        "!columns users",
        "select u.name, count(*) as n from posts p join users u on p.authorId = u.id group by u.name order by u.name;",
        "select status, count(*) as n from posts group by status order by status;",
        "!quit", "");
    Path input = Files.createTempFile(tmp, "script", ".txt");
    Files.writeString(input, script);
    String classPath = System.getProperty("asyncdb.sqllineJar") + java.io.File.pathSeparator + System.getProperty("asyncdb.driverJar");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, "sqlline.SqlLine", "--silent=true", "--outputformat=csv", "--showWarnings=false"));
    Process p = new ProcessBuilder(command).redirectInput(input.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("bin/async-db")) && Files.isDirectory(dir.resolve("examples"))) {
        return dir;
      }
    }
    throw new IllegalStateException("bin/async-db not found above " + Path.of("").toAbsolutePath());
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
