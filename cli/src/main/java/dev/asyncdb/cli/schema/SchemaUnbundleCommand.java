package dev.asyncdb.cli.schema;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Outputs;
import dev.asyncdb.cli.Project;
import dev.asyncdb.cli.UsageError;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code async-db schema unbundle NAME}: moves a schema file's embedded seed into a data file next
 * to it and rewrites the schema without the seed, turning a schema-only resource into a
 * schema-plus-data (mixed mode) one.
 */
@Command(name = "unbundle", mixinStandardHelpOptions = true,
    description = {"Move a schema file's embedded seed into a data file (db/NAME.json).",
        "The schema is rewritten without the seed; in place that drops JSONC comments",
        "(--schema-out writes elsewhere). An empty seed is skipped unless --empty-seed;",
        "a seed file that exists with other content needs --force."})
public final class SchemaUnbundleCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The resource to unbundle.")
  String name;

  @Option(names = "--schema-out", paramLabel = "FILE", description = "Write the seed-free schema here instead of rewriting the schema file.")
  String schemaOut;

  @Option(names = "--seed-out", paramLabel = "FILE", description = "Write the seed here (default: the data file, or db/NAME.json).")
  String seedOut;

  @Option(names = "--empty-seed", description = "Write the seed file even when the seed is empty.")
  boolean emptySeed;

  @Option(names = "--force", description = "Overwrite output files that exist with other content.")
  boolean force;

  @Override
  public Integer call() {
    if (name == null) {
      throw new UsageError("SCHEMA_UNBUNDLE_REQUIRES_RESOURCE", "schema unbundle requires a resource name.",
          "Use async-db schema unbundle users.");
    }
    Main main = Main.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    try (AsyncDb db = Project.inspect(main, b -> { })) {
      Path root = db.projectRoot();
      ResourceDefinition def = Project.resolve(db.definitions(), name, "SCHEMA_UNKNOWN_RESOURCE");
      Map<String, Object> schema = SchemaSources.source(root, def);
      Object seed = schema.containsKey("seed") ? schema.remove("seed") : def.schema().isCollection() ? List.of() : Map.of();
      List<Path> generated = new ArrayList<>();
      boolean writeSeed = (seedOut != null || def.source().dataPath() == null) && (emptySeed || !SchemaSources.isEmptySeed(seed));
      if (writeSeed) {
        Path seedFile = seedOut != null ? Project.output(root, seedOut)
            : def.source().dataPath() != null ? root.resolve(def.source().dataPath()) : db.paths().dbDir().resolve(def.name() + ".json");
        Outputs.write(root, seedFile, Json.pretty(seed) + "\n", force, "SCHEMA_OUTPUT_EXISTS");
        generated.add(seedFile);
      }
      Path ownSchema = def.source().schemaPath() == null ? null : root.resolve(def.source().schemaPath());
      Path schemaFile = schemaOut != null ? Project.output(root, schemaOut)
          : ownSchema != null ? ownSchema : db.paths().dbDir().resolve(def.name() + ".schema.jsonc");
      if (schemaOut == null && schemaFile.getFileName().toString().endsWith(".jsonc") && ownSchema != null) {
        spec.commandLine().getErr().println("warn: schema unbundle rewrites " + Project.relative(root, schemaFile)
            + " without preserving JSONC comments.");
      }
      Outputs.write(root, schemaFile, Json.pretty(schema) + "\n", force || schemaFile.equals(ownSchema), "SCHEMA_OUTPUT_EXISTS");
      generated.add(schemaFile);
      generated.forEach(f -> out.println("Generated " + Project.relative(root, f)));
      return 0;
    }
  }
}
