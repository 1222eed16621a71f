package dev.asyncdb.cli.transfer;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Outputs;
import dev.asyncdb.cli.Project;
import dev.asyncdb.cli.UsageError;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code async-db export NAME}: writes a resource's current runtime state (after sync) as JSON or
 * CSV, to standard output or a file. The summary goes to stdout when writing a file and to stderr
 * otherwise, so piped data stays clean.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write a resource's records as JSON or CSV.",
        "JSON by default; to stdout, or to --out (relative to the project).",
        "CSV is for collections; it reads back unchanged through import."})
public final class ExportCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The resource.")
  String name;

  @Option(names = "--format", paramLabel = "FORMAT", description = "json or csv (default: from --out's extension, else json).")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  String out;

  @Option(names = "--force", description = "Overwrite FILE when it exists with other content.")
  boolean force;

  @Override
  public Integer call() {
    String fmt = format();
    try (AsyncDb db = Project.sync(Main.of(spec))) {
      ResourceDefinition def = Project.resolve(db.definitions(), name, "DB_UNKNOWN_RESOURCE");
      String content;
      int count;
      if (def.schema().isCollection()) {
        List<Map<String, Object>> records = db.collection(def.name()).all();
        count = records.size();
        content = fmt.equals("csv") ? RecordCsv.write(RecordCsv.columns(def.schema(), records), records) : Json.pretty(records) + "\n";
      } else {
        if (fmt.equals("csv")) {
          throw new DbException("EXPORT_CSV_NEEDS_COLLECTION", 400, def.name() + " is a document; CSV holds rows of a collection.",
              "Export documents as JSON (--format json).", Map.of("resource", def.name()));
        }
        count = 1;
        content = Json.pretty(db.document(def.name()).get()) + "\n";
      }
      String what = def.schema().isCollection() ? count + " record(s)" : "document";
      if (out == null) {
        spec.commandLine().getOut().print(content);
        spec.commandLine().getErr().println("Exported " + what + " from " + def.name());
        return 0;
      }
      Path file = Project.output(db.projectRoot(), out);
      Outputs.write(db.projectRoot(), file, content, force, "EXPORT_OUTPUT_EXISTS");
      spec.commandLine().getOut().println("Exported " + what + " from " + def.name() + " to " + Project.relative(db.projectRoot(), file));
      return 0;
    }
  }

  private String format() {
    if (format == null) {
      return out != null && out.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "json";
    }
    String f = format.toLowerCase(Locale.ROOT);
    if (!f.equals("csv") && !f.equals("json")) {
      throw new UsageError("EXPORT_UNKNOWN_FORMAT", "Unknown --format \"" + format + "\".", "Use --format json or --format csv.");
    }
    return f;
  }
}
