package dev.asyncdb.cli.schema;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Outputs;
import dev.asyncdb.cli.Project;
import dev.asyncdb.cli.UsageError;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code async-db schema bundle NAME [--out F]}: one self-contained artifact holding a resource's
 * schema and its seed, e.g. to share a fixture. Writing it inside {@code db/} would create a live
 * source, so that needs {@code --force}.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = {"Print (or write with --out) a resource's schema together with its seed as one schema file.",
        "Output inside db/ needs --force, because it would become a live source."})
public final class SchemaBundleCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The resource to bundle.")
  String name;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the bundle to FILE (relative to the project) instead of printing it.")
  String out;

  @Option(names = "--force", description = "Allow output inside db/ and overwriting FILE.")
  boolean force;

  @Override
  public Integer call() {
    if (name == null) {
      throw new UsageError("SCHEMA_BUNDLE_REQUIRES_RESOURCE", "schema bundle requires a resource name.",
          "Use async-db schema bundle users --out artifacts/users.bundle.schema.json.");
    }
    try (AsyncDb db = Project.inspect(Main.of(spec), b -> { })) {
      ResourceDefinition def = Project.resolve(db.definitions(), name, "SCHEMA_UNKNOWN_RESOURCE");
      Map<String, Object> bundle = SchemaSources.source(db.projectRoot(), def);
      bundle.remove("seed");
      bundle.put("seed", SchemaSources.seed(def));
      String content = Json.pretty(bundle) + "\n";
      if (out == null) {
        spec.commandLine().getOut().print(content);
        return 0;
      }
      Path file = Project.output(db.projectRoot(), out);
      if (file.startsWith(db.paths().dbDir()) && !force) {
        throw new DbException("SCHEMA_BUNDLE_LIVE_OUTPUT_REQUIRES_FORCE", 400,
            "schema bundle output " + Project.relative(db.projectRoot(), file) + " is inside the active fixture directory.",
            "Write bundled schema artifacts outside db/, or pass --force if you intentionally want a live bundled schema source.",
            Map.of("file", Project.relative(db.projectRoot(), file)));
      }
      Outputs.write(db.projectRoot(), file, content, force, "SCHEMA_OUTPUT_EXISTS");
      spec.commandLine().getOut().println("Generated " + Project.relative(db.projectRoot(), file));
      return 0;
    }
  }
}
