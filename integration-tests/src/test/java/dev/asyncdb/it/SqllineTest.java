package dev.asyncdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * jar: connect, list tables and columns, run a join and an aggregate.
 */
class SqllineTest {
  @TempDir
  Path tmp;

  @Test
  void sqllineUsesTheShadedDriverJarAlone() throws Exception {
    Path project = tmp.resolve("relations");
    copy(Path.of(System.getProperty("asyncdb.examples")).resolve("relations"), project);
    String script = String.join("\n",
        "!connect jdbc:asyncdb:" + project + " \"\" \"\"",
        "!tables",
        "!columns users",
        "select u.name, count(*) as n from posts p join users u on p.authorId = u.id group by u.name order by u.name;",
        "select status, count(*) as n from posts group by status order by status;",
        "!quit", "");
    Path input = tmp.resolve("script.txt");
    Files.writeString(input, script);
    String classPath = System.getProperty("asyncdb.sqllineJar") + java.io.File.pathSeparator + System.getProperty("asyncdb.driverJar");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, "sqlline.SqlLine", "--silent=true", "--outputformat=csv", "--showWarnings=false"));
    Process p = new ProcessBuilder(command).redirectInput(input.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("'db','posts','TABLE'").contains("'db','users','TABLE'");
    assertThat(out).contains("'users','email'").contains("'users','_record'");
    assertThat(out).contains("'Ada Lovelace','1'").contains("'Katherine Johnson','1'");
    assertThat(out).contains("'draft','1'").contains("'published','1'");
    assertThat(out).doesNotContain("Exception").doesNotContain("Error:");
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
