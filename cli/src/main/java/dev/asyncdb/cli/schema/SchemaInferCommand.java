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
 * {@code async-db schema infer [NAME] [--out F]}: the schema inference derives from the data files
 * alone (schema files ignored); with {@code --out} it writes it as a schema source file to start
 * a contract from.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = {"Print the schema inferred from data files alone (schema files are ignored).",
        "With --out, write one resource's inferred schema as a schema source file",
        "(path relative to the project), e.g. db/users.schema.jsonc."})
public final class SchemaInferCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "A resource name.")
  String name;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the inferred schema source of NAME to FILE, e.g. db/users.schema.jsonc.")
  String out;

  @Option(names = "--force", description = "Overwrite FILE when it exists with other content.")
  boolean force;

  @Override
  public Integer call() {
    if (out != null && name == null) {
      throw new UsageError("SCHEMA_INFER_OUT_REQUIRES_RESOURCE", "schema infer --out requires a resource name.",
          "Use async-db schema infer users --out db/users.schema.jsonc.");
    }
    Main main = Main.of(spec);
    try (AsyncDb db = Project.inspect(main, b -> b.config(Map.of("schema", Map.of("source", "data"))))) {
      ResourceDefinition def = name == null ? null : resolve(db);
      if (out == null) {
        spec.commandLine().getOut().println(Json.pretty(SchemaCommand.generated(db, def == null ? null : def.name())));
        return 0;
      }
      Path file = Project.output(db.projectRoot(), out);
      Outputs.write(db.projectRoot(), file, Json.pretty(SchemaSources.inferredSource(def)) + "\n", force, "SCHEMA_OUTPUT_EXISTS");
      spec.commandLine().getOut().println("Generated " + Project.relative(db.projectRoot(), file));
      return 0;
    }
  }

  private ResourceDefinition resolve(AsyncDb db) {
    try {
      return Project.resolve(db.definitions(), name, "SCHEMA_UNKNOWN_RESOURCE");
    } catch (DbException e) {
      throw new DbException(e.code(), e.status(), "No data file for resource \"" + name + "\" to infer a schema from.",
          "schema infer reads data files only (.json, .jsonc, .jsonl, .csv under db/); " + e.hint(), e.details());
    }
  }
}
