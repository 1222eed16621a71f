package dev.asyncdb.cli.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.CliRun;
import dev.asyncdb.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code types --watch}: regenerates after a source edit, survives a broken edit, stops when interrupted. */
class TypesWatchTest {
  @TempDir
  Path tmp;

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void regeneratesOnEveryChangeUntilStopped() throws Exception {
    Path project = CliRun.example("data-first", tmp);
    Path types = project.resolve(".db/types/index.ts");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread watch = new Thread(() -> code.set(Main.run(new String[] {"--project", project.toString(), "types", "--watch"},
        java.io.InputStream.nullInputStream(), new PrintWriter(out, true), new PrintWriter(err, true), false)));
    watch.start();
    try {
      await(() -> out.toString().contains("Watching"), "the first generation");
      assertThat(CliRun.read(types)).doesNotContain("nickname");

      Files.writeString(project.resolve("db/users.json"), CliRun.read(project.resolve("db/users.json")).replaceFirst("\"name\"", "\"nickname\": \"Nick\", \"name\""));
      await(() -> CliRun.read(types).contains("nickname"), "the regenerated types");

      Files.writeString(project.resolve("db/broken.json"), "[{\"id\": 1,");
      await(() -> err.toString().contains("error: "), "the error of a broken edit");
      assertThat(watch.isAlive()).isTrue();
    } finally {
      watch.interrupt();
      watch.join(10_000);
    }
    assertThat(watch.isAlive()).isFalse();
    assertThat(code.get()).isZero();
    assertThat(out.toString()).contains("Generated .db/types/index.ts", "Stopped watching.");
  }
}
