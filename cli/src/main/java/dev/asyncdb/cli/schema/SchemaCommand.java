package dev.asyncdb.cli.schema;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Project;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.GeneratedSchema;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code async-db schema [NAME]}: prints the generated schema of the project, or of one resource. */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = {"Print the generated schema of all resources or one; see the subcommands for more.",
        "The same content sync writes to .db/schema.generated.json."},
    subcommands = {SchemaInferCommand.class, SchemaValidateCommand.class, SchemaManifestCommand.class,
        SchemaBundleCommand.class, SchemaUnbundleCommand.class})
public final class SchemaCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "A resource name (exact, camelCase or kebab-case).")
  String name;

  @Override
  public Integer call() {
    try (AsyncDb db = Project.inspect(Main.of(spec), b -> { })) {
      spec.commandLine().getOut().println(Json.pretty(generated(db, name)));
      return 0;
    }
  }

  /** The generated schema of an open project, whole or the entry of one resource (unknown: {@code SCHEMA_UNKNOWN_RESOURCE}). */
  @SuppressWarnings("unchecked")
  static Object generated(AsyncDb db, String name) {
    Map<String, Object> schema = GeneratedSchema.build(db.paths(), db.definitions(), db.diagnostics());
    schema.put("generatedAt", Instant.now().toString());
    if (name == null) {
      return schema;
    }
    String resolved = Project.resolve(db.definitions(), name, "SCHEMA_UNKNOWN_RESOURCE").name();
    return ((Map<String, Object>) schema.get("resources")).get(resolved);
  }
}
