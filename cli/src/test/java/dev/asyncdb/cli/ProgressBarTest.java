package dev.asyncdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync progress bar: drawn for large sources at a terminal, never in piped output. */
class ProgressBarTest {
  @TempDir
  Path tmp;

  @Test
  void rendersPercentAndMegabytes() {
    ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), "Loading app/db");
    assertThat(bar.render(50L << 20, 100L << 20)).isEqualTo("Loading app/db [###############---------------]  50%  50.0/100.0 MB");
    assertThat(bar.render(100L << 20, 100L << 20)).contains("[##############################] 100%");
  }

  private Path bigProject() throws Exception {
    Path project = tmp.resolve("big");
    Files.createDirectories(project.resolve("db"));
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 120_000; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\",\"text\":\"").append("x".repeat(60)).append("\"}");
    }
    Files.writeString(project.resolve("db/events.json"), sb.append("]").toString());
    assertThat(Files.size(project.resolve("db/events.json"))).isGreaterThan(ProgressBar.MIN_BYTES);
    return project;
  }

  @Test
  void syncAtATerminalShowsTheBarAndErasesIt() throws Exception {
    Path project = bigProject();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"--project", project.toString(), "sync"}, java.io.InputStream.nullInputStream(),
        new PrintWriter(out, true), new PrintWriter(err, true), true);
    assertThat(code).isZero();
    assertThat(err.toString()).contains("\rLoading big/db [", "100%").endsWith("\r");
    assertThat(out.toString()).contains("events", "120000 records");
  }

  @Test
  void pipedSyncOutputHasNoBar() throws Exception {
    Path project = bigProject();
    CliRun.Result r = CliRun.run("--project", project.toString(), "sync");
    assertThat(r.code()).isZero();
    assertThat(r.err()).doesNotContain("Loading big/db").doesNotContain("\r");
  }
}
