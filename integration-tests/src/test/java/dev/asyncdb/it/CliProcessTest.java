package dev.asyncdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/async-db} as users run it: a separate process (the launcher builds the jar on first
 * use), output through pipes, exit codes; and the interactive SQL shell driven through a
 * pseudo-terminal made by {@code script}.
 */
class CliProcessTest {
  private static final Duration PROCESS_LIMIT = Duration.ofMinutes(10);

  @TempDir
  Path tmp;

  private record Run(int code, String out, String err) {}

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("bin/async-db")) && Files.isDirectory(dir.resolve("examples"))) {
        return dir;
      }
    }
    throw new IllegalStateException("bin/async-db not found above " + Path.of("").toAbsolutePath());
  }

  private Path example(String name) throws IOException {
    Path from = repositoryRoot().resolve("examples").resolve(name);
    Path to = tmp.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  private Run launch(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", repositoryRoot().resolve("bin/async-db").toString()));
    command.addAll(List.of(args));
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectError(err.toFile());
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(PROCESS_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("async-db finished").isTrue();
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  @Test
  void syncSqlAndDoctorAsARealProcess() throws Exception {
    Path app = example("data-first");
    Run sync = launch("--project", app.toString(), "sync");
    assertThat(sync.code()).as(sync.err()).isZero();
    assertThat(sync.out()).contains("Loaded 3 resource(s) from db").contains("Synced 3 resource(s)");
    assertThat(app.resolve(".db/schema.generated.json")).exists();

    Run sql = launch("--project", app.toString(), "sql", "-e", "select name, role from users order by name");
    assertThat(sql.code()).as(sql.err()).isZero();
    assertThat(sql.out()).isEqualTo(" name         | role\n--------------+-------\n Ada Lovelace | admin\n Grace Hopper | user\n(2 rows)\n\n");

    Run doctor = launch("--project", app.toString(), "doctor", "--json");
    assertThat(doctor.code()).as(doctor.err()).isZero();
    assertThat(doctor.out().replaceAll("\\s", "")).startsWith("{\"summary\":{\"error\":0,\"warn\":0,\"info\":0},\"findings\":[]}");

    Run failing = launch("--project", app.toString(), "sql", "-e", "select * from nope");
    assertThat(failing.code()).isEqualTo(1);
    assertThat(failing.err()).contains("Table 'nope' not found").doesNotContain("\tat ");

    Run usage = launch("frobnicate");
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).contains("Unmatched argument");
  }

  @Test
  void interactiveShellThroughAPseudoTerminal() throws Exception {
    Path script = onPath("script");
    assertThat(script).as("the script command (Debian package util-linux) provides the pseudo-terminal for this test").isNotNull();
    Path app = example("data-first");
    String launcher = repositoryRoot().resolve("bin/async-db").toString();
    String command = "bash " + quote(launcher) + " --project " + quote(app.toString()) + " sql";
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qfec", command, "/dev/null").directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", tmp.toString());
    pb.environment().put("TERM", "xterm");
    Process p = pb.start();
    StringBuffer screen = new StringBuffer();
    Thread reader = new Thread(() -> copy(p.getInputStream(), screen), "pty-reader");
    reader.setDaemon(true);
    reader.start();
    OutputStream keys = p.getOutputStream();

    awaitOutput(screen, "Type .help");
    type(keys, "select name, role\r");
    type(keys, "from users order by name;\r");
    awaitOutput(screen, "(2 rows");
    type(keys, ".tables\r");
    awaitOutput(screen, "settings");
    type(keys, ".quit\r");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("shell exits on .quit").isTrue();
    assertThat(p.exitValue()).as(screen.toString()).isZero();

    String text = screen.toString().replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
    assertThat(text).contains("SQL shell on").contains("Ada Lovelace | admin").contains("Grace Hopper | user").contains("posts");
    assertThat(Files.readString(tmp.resolve(".async_db_history"))).contains("from users order by name;");
  }

  private static void type(OutputStream keys, String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  private static void awaitOutput(StringBuffer screen, String expected) throws InterruptedException {
    Instant limit = Instant.now().plus(PROCESS_LIMIT);
    while (!screen.toString().contains(expected)) {
      assertThat(Instant.now()).as("waiting for \"" + expected + "\" in:\n" + screen).isBefore(limit);
      Thread.sleep(50);
    }
  }

  private static void copy(InputStream in, StringBuffer into) {
    byte[] buf = new byte[4096];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException closed) {
      // The process ended.
    }
  }

  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
