package dev.asyncdb.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.OpenOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dates and date-times of a large seed are checked on the column's packed bytes; the invalid ones are still reported by record. */
class SeedValidatorDatesTest {
  @TempDir
  Path project;

  @Test
  void invalidDatesAmongThousandsOfDistinctValuesAreReportedWithTheirRecords() throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 2000; i++) {
      String at = switch (i) {
        case 700 -> "2024-02-30T10:00:00Z";
        case 1400 -> "yesterday";
        case 1500 -> "2024-03-01T10:00:00"; // no offset: accepted by the java.time fallback
        default -> String.format("2024-%02d-%02dT%02d:%02d:00Z", 1 + i % 12, 1 + i % 28, i % 24, i % 60);
      };
      String day = i == 900 ? "2023-02-29" : String.format("2023-%02d-%02d", 1 + i % 12, 1 + i % 28);
      json.append(i == 0 ? "" : ",").append("{\"id\":\"e").append(i).append("\",\"at\":\"").append(at)
          .append("\",\"day\":\"").append(day).append("\",\"note\":\"").append("ü".repeat(i % 3)).append(i).append("\"}");
    }
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/events.json"), json.append("]").toString());
    Files.writeString(project.resolve("db/events.schema.json"), """
        {"fields": {"id": {"type": "string", "required": true}, "at": {"type": "datetime", "required": true},
                    "day": {"type": "date"}, "note": {"type": "string"}}}""");

    List<Diagnostic> found;
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).build())) {
      found = db.diagnostics().stream().filter(d -> d.code().equals("SCHEMA_FIELD_TYPE_MISMATCH")).toList();
    }
    assertThat(found).extracting(Diagnostic::format)
        .anyMatch(m -> m.contains("e700") && m.contains("date-time"))
        .anyMatch(m -> m.contains("e1400") && m.contains("date-time"))
        .anyMatch(m -> m.contains("e900") && m.contains("date string"))
        .noneMatch(m -> m.contains("e1500"));
    assertThat(found).hasSize(3);
  }

  @Test
  void aMillionRowCheckSplitInHalvesReportsTheFirstFailuresInRowOrderAndCountsThemAll() throws Exception {
    int[] invalid = {10, 20, 130_000, 140_000, 150_000, 200_000, 240_000, 249_999};
    StringBuilder json = new StringBuilder("[");
    for (int i = 0, next = 0; i < 250_000; i++) {
      boolean bad = next < invalid.length && invalid[next] == i;
      next += bad ? 1 : 0;
      json.append(i == 0 ? "" : ",").append("{\"id\":\"e").append(i).append("\",\"at\":\"")
          .append(bad ? "2024-02-30T10:00:00Z" : String.format("2024-%02d-%02dT%02d:%02d:%02dZ", 1 + i % 12, 1 + i % 28, i % 24, i % 60, i % 59))
          .append("\"}");
    }
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/events.json"), json.append("]").toString());
    Files.writeString(project.resolve("db/events.schema.json"), """
        {"fields": {"id": {"type": "string", "required": true}, "at": {"type": "datetime", "required": true}}}""");

    List<String> found;
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).build())) {
      found = db.diagnostics().stream().filter(d -> "at".equals(d.field())).map(Diagnostic::message).toList();
    }
    assertThat(found).hasSize(6);
    for (int i = 0; i < 5; i++) {
      assertThat(found.get(i)).as("report %d", i).contains("e" + invalid[i]);
    }
    assertThat(found.get(5)).isEqualTo("3 more records of events have invalid \"at\" values (8 in all).");
  }

  @Test
  void checksAcceptAnyCharSequence() {
    assertThat(IsoDates.isDateTime(new StringBuilder("2024-03-01T12:34:56.5+01:00"))).isTrue();
    assertThat(IsoDates.isDateTime(new StringBuilder("2024-03-01T12:34:56"))).isTrue();
    assertThat(IsoDates.isDateTime(new StringBuilder("2024-03-01T12:34"))).isTrue();
    assertThat(IsoDates.isDateTime(new StringBuilder("2024-13-01T12:34:56Z"))).isFalse();
    assertThat(IsoDates.isDate(new StringBuilder("2024-02-29"))).isTrue();
    assertThat(IsoDates.isDate(new StringBuilder("2023-02-29"))).isFalse();
  }
}
