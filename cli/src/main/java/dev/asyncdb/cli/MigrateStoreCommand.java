package dev.asyncdb.cli;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.migrate.MigrationReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code async-db migrate-store NAME --to STORE}: moves a resource to another store, verified, and rebinds it. */
@Command(name = "migrate-store", mixinStandardHelpOptions = true,
    description = {"Move a resource to another store: copy its current state, verify count and checksum, switch its binding.",
        "The binding is saved as resources.<name>.store in db.config.json; queries keep working unchanged.",
        "Example: async-db migrate-store users --to local   (with \"stores\": {\"local\": {\"driver\": \"sqlite\", \"file\": \"./data/app.sqlite\"}})"})
public final class MigrateStoreCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The resource to move.")
  String name;

  @Option(names = "--to", required = true, paramLabel = "STORE", description = "Target store: an alias under \"stores\" or a driver (json).")
  String to;

  @Override
  public Integer call() {
    Main main = Main.of(spec);
    try (AsyncDb db = Project.sync(main)) {
      MigrationReport report = db.migrateResource(name, to);
      PrintWriter out = spec.commandLine().getOut();
      if (main.json()) {
        out.println(Json.pretty(report.toMap()));
      } else {
        out.println("Moved " + report.resource() + " from " + report.from() + " to " + report.to() + ": " + report.count()
            + " record(s), checksum " + report.checksum().substring(0, 16) + "… verified.");
        out.println(report.bindingSaved() ? "Binding saved in db.config.json." : "warning: " + report.note());
      }
      return report.bindingSaved() ? 0 : 2;
    }
  }
}
