package dev.asyncdb.cli.schema;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Project;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Diagnostic;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code async-db schema validate}: loads every source and schema, prints each diagnostic on
 * stderr and says whether the project is valid; error diagnostics make it exit 1.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check every source and schema file; print diagnostics. Exit 1 when there are errors.")
public final class SchemaValidateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Main main = Main.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (AsyncDb db = Project.inspect(main, b -> b.allowSourceErrors(true))) {
      long errors = db.diagnostics().stream().filter(Diagnostic::isError).count();
      for (Diagnostic d : db.diagnostics()) {
        Project.print(d, err, main.style());
      }
      if (errors > 0) {
        err.println("Schema invalid: " + errors + " error(s)");
        return 1;
      }
      out.println(db.diagnostics().isEmpty() ? "Schema valid" : "Schema valid with warnings");
      return 0;
    }
  }
}
