package dev.asyncdb.cli;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.OpenOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code async-db sync}: full sync of the project; error diagnostics make it exit 1. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Read db/, infer or load schemas, validate seeds, write .db/ (generated schema and runtime state).")
final class SyncCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Main main;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    OpenOptions.Builder options = OpenOptions.builder(Path.of(main.project));
    if (main.config != null) {
      options.configFile(Path.of(main.config));
    }
    long start = System.nanoTime();
    try (AsyncDb db = AsyncDb.open(options.build())) {
      for (Diagnostic d : db.diagnostics()) {
        Errors.print(d, err);
      }
      for (String line : db.awaitSync()) {
        out.println(line);
      }
      for (var def : db.definitions()) {
        String size = def.schema().isCollection() ? db.collection(def.name()).count() + " records" : "";
        out.printf("  %-24s %-10s %-14s %s%n", def.name(), def.kind().label(), size, def.source().dataPath() != null ? def.source().dataPath() : def.source().schemaPath());
      }
      out.printf("Synced %d resource(s) in %d ms%n", db.resourceNames().size(), (System.nanoTime() - start) / 1_000_000);
      return 0;
    }
  }
}
