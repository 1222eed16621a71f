package dev.asyncdb.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {

  @TempDir
  Path dir;

  @Test
  void aNewFileGetsAPreambleAndTheBlock() {
    String merged = ReportFile.merge(null, "## Results\n");
    assertThat(merged).startsWith("# Benchmarks\n");
    assertThat(merged).endsWith(ReportFile.BEGIN + "\n## Results\n" + ReportFile.END + "\n");
  }

  @Test
  void handWrittenTextAroundTheBlockIsKept() {
    String existing = "# Benchmarks\n\nOur notes.\n\n" + ReportFile.BEGIN + "\nold figures\n"
        + ReportFile.END + "\n\n## Analysis\n\nWhy W4 is slow.\n";
    String merged = ReportFile.merge(existing, "new figures");
    assertThat(merged).isEqualTo("# Benchmarks\n\nOur notes.\n\n" + ReportFile.BEGIN
        + "\nnew figures\n" + ReportFile.END + "\n\n## Analysis\n\nWhy W4 is slow.\n");
  }

  @Test
  void aFileWithoutMarkersGetsTheBlockAppended() {
    String merged = ReportFile.merge("# Hand-written\n\nText.\n", "figures");
    assertThat(merged).isEqualTo("# Hand-written\n\nText.\n\n" + ReportFile.BEGIN
        + "\nfigures\n" + ReportFile.END + "\n");
  }

  @Test
  void writingTwiceReplacesOnlyTheBlock() throws Exception {
    Path file = dir.resolve("docs/benchmarks.md");
    ReportFile.write(file, "first");
    Files.writeString(file, Files.readString(file) + "\nA note added by hand.\n");
    ReportFile.write(file, "second");
    String text = Files.readString(file);
    assertThat(text).contains("second").doesNotContain("first").contains("A note added by hand.");
  }
}
