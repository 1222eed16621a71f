package dev.asyncdb.bench.report;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.data.DatasetTable;
import dev.asyncdb.bench.data.TpchDatasetGenerator;
import dev.asyncdb.bench.workload.CaseResult;
import dev.asyncdb.bench.workload.Outcome;
import dev.asyncdb.bench.workload.Unit;
import dev.asyncdb.bench.workload.WorkloadResult;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ReportModel} as the markdown of the generated block: run facts, datasets,
 * engines, then one table per workload (cases as rows, engines as columns, Async DB's ratio to
 * the best peer last) with the full text of every failure listed under its table.
 */
public final class MarkdownReport {

  private static final int CELL_TEXT = 140;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private MarkdownReport() {}

  /** The markdown of the whole generated block. */
  public static String render(ReportModel model) {
    StringBuilder md = new StringBuilder();
    md.append("## Results\n\n");
    md.append("| | |\n|---|---|\n");
    row(md, "Date", WHEN.format(model.generatedAt()));
    row(md, "Machine", model.machine().cores() + " cores, " + model.machine().memoryText()
        + " memory, " + model.machine().os());
    row(md, "JVM", model.machine().jvm()
        + (model.machine().jvmOptions().isEmpty() ? "" : ", " + model.machine().jvmOptions()));
    row(md, "Run", model.mode());
    row(md, "Scale", Dataset.scaleLabel(model.scale()) + " (app: scale × 100k users and × 1M"
        + " posts; TPC-H: scale factor " + Dataset.scaleLabel(
            TpchDatasetGenerator.scaleFactor(model.scale())) + ")");
    row(md, "Wall time", String.format(Locale.ROOT, "%.1f min",
        model.wallTime().toMillis() / 60_000.0));
    md.append("\nFigures are the median over the measured runs with the minimum–maximum in"
        + " brackets. Every result is checked against SQLite's; a differing result is marked"
        + " MISMATCH and an engine that cannot run a case shows its error instead of a figure."
        + " The last column is Async DB's factor against the best peer that answered correctly:"
        + " above 1 means Async DB did better. The SQL text is the same on every engine except"
        + " for date and datetime literals, whose form per engine the engines table shows.\n\n");
    datasets(md, model.datasets());
    engines(md, model.engines());
    for (WorkloadResult workload : model.workloads()) {
      workload(md, workload, model.asyncDb());
    }
    return md.toString();
  }

  private static void datasets(StringBuilder md, List<Dataset> datasets) {
    md.append("### Datasets\n\n| dataset | file | rows | MB |\n|---|---|---:|---:|\n");
    for (Dataset dataset : datasets) {
      for (DatasetTable table : dataset.tables()) {
        md.append("| ").append(dataset.name()).append(" | `")
            .append(table.file().getFileName()).append("` | ")
            .append(String.format(Locale.ROOT, "%,d", table.rows())).append(" | ")
            .append(String.format(Locale.ROOT, "%.1f", table.bytes() / 1024.0 / 1024.0))
            .append(" |\n");
      }
    }
    md.append('\n');
  }

  private static void engines(StringBuilder md, List<EngineInfo> engines) {
    md.append("### Engines\n\n| engine | version | setup | dates and datetimes |\n")
        .append("|---|---|---|---|\n");
    for (EngineInfo engine : engines) {
      md.append("| ").append(escape(engine.name())).append(" | ").append(escape(engine.version()))
          .append(" | ").append(escape(engine.setup())).append(" | ")
          .append(escape(engine.dialect())).append(" |\n");
    }
    md.append('\n');
  }

  private static void workload(StringBuilder md, WorkloadResult workload, String asyncDb) {
    List<CaseResult> cases = workload.cases();
    if (cases.isEmpty()) {
      return;
    }
    md.append("### ").append(workload.id()).append(" — ").append(workload.title()).append("\n\n");
    md.append(workload.description()).append("\n\n");
    List<String> engines = workload.engines();
    String subject = workload.ratioSubject() != null ? workload.ratioSubject() : asyncDb;
    md.append("| case |");
    engines.forEach(e -> md.append(' ').append(escape(e)).append(" |"));
    md.append(' ').append(escape(subject)).append(" vs best peer |\n|---|");
    engines.forEach(e -> md.append("---:|"));
    md.append("---|\n");
    List<String> notes = new ArrayList<>();
    for (CaseResult row : cases) {
      md.append("| ").append(escape(row.label())).append(" (").append(row.unit().symbol())
          .append(", ").append(row.unit().higherIsBetter() ? "higher" : "lower")
          .append(" is better) |");
      for (String engine : engines) {
        Outcome outcome = row.outcomes().get(engine);
        md.append(' ').append(cell(outcome, row.unit(), engine, row.label(), notes)).append(" |");
      }
      md.append(' ').append(escape(RatioColumn.cell(row, subject, asyncDb))).append(" |\n");
    }
    md.append('\n');
    for (String note : workload.notes()) {
      md.append(note).append("\n\n");
    }
    for (String note : notes) {
      md.append(note).append('\n');
    }
    if (!notes.isEmpty()) {
      md.append('\n');
    }
  }

  private static String cell(Outcome outcome, Unit unit, String engine, String label,
      List<String> notes) {
    if (outcome == null) {
      return "—";
    }
    return switch (outcome.status()) {
      case OK -> Figures.measurement(outcome.measurement(), unit);
      case UNAVAILABLE -> escape(outcome.message());
      case UNCHECKED -> Figures.measurement(outcome.measurement(), unit) + " (unchecked: "
          + shortText(outcome.message(), engine, label, notes) + ")";
      case MISMATCH -> Figures.measurement(outcome.measurement(), unit) + " **MISMATCH**: "
          + shortText(outcome.message(), engine, label, notes);
      case ERROR -> "**FAILED**: " + shortText(outcome.message(), engine, label, notes);
    };
  }

  private static String shortText(String text, String engine, String label, List<String> notes) {
    String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
    if (oneLine.length() <= CELL_TEXT) {
      return escape(oneLine);
    }
    notes.add("- " + escape(engine) + ", " + escape(label) + ": " + escape(oneLine));
    return escape(oneLine.substring(0, CELL_TEXT)) + "… (full text below)";
  }

  private static void row(StringBuilder md, String key, String value) {
    md.append("| ").append(key).append(" | ").append(escape(value)).append(" |\n");
  }

  /** Makes {@code text} safe inside a markdown table cell. */
  static String escape(String text) {
    return text == null ? "" : text.replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
  }
}
