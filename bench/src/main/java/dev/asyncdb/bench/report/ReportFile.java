package dev.asyncdb.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the generated part of a report between {@code <!-- bench:begin -->} and
 * {@code <!-- bench:end -->}, keeping every hand-written line outside those markers.
 */
public final class ReportFile {

  public static final String BEGIN = "<!-- bench:begin -->";
  public static final String END = "<!-- bench:end -->";

  private static final String PREAMBLE = """
      # Benchmarks

      Async DB against the engines users would otherwise pick (SQLite, H2, DuckDB and Apache
      Calcite's file adapter), on the same data in the same run. Reproduce with
      `bench/run.sh --scale 1` (full run, under 20 minutes on 2 cores) or `bench/run.sh --smoke`.
      Text outside the generated block below is kept when the harness rewrites this file.

      """;

  private ReportFile() {}

  /** Replaces (or adds) the generated block of {@code file} with {@code generated}. */
  public static void write(Path file, String generated) throws IOException {
    String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, merge(existing, generated), StandardCharsets.UTF_8);
  }

  /**
   * The new file content: {@code existing} with its generated block replaced, the block appended
   * when it has none, or a short preamble and the block when there is no file yet.
   */
  public static String merge(String existing, String generated) {
    String block = BEGIN + "\n" + generated.strip() + "\n" + END;
    if (existing == null || existing.isBlank()) {
      return PREAMBLE + block + "\n";
    }
    int begin = existing.indexOf(BEGIN);
    int end = begin < 0 ? -1 : existing.indexOf(END, begin);
    if (begin < 0 || end < 0) {
      return existing.stripTrailing() + "\n\n" + block + "\n";
    }
    return existing.substring(0, begin) + block + existing.substring(end + END.length());
  }
}
