package dev.asyncdb.cli.schema;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Outputs;
import dev.asyncdb.cli.Project;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code async-db schema manifest [--out F]}: prints the schema manifest, or writes it to
 * {@code --out} (else to {@code outputs.schemaManifest} when the config names one).
 */
@Command(name = "manifest", mixinStandardHelpOptions = true,
    description = {"Print the schema manifest (fields, constraints, ui hints for form builders).",
        "Written to --out, or to outputs.schemaManifest of the config when set",
        "(paths relative to the project)."})
public final class SchemaManifestCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the manifest to FILE.")
  String out;

  @Override
  public Integer call() {
    try (AsyncDb db = Project.inspect(Main.of(spec), b -> { })) {
      String content = Json.pretty(SchemaManifest.build(db.definitions())) + "\n";
      String target = out != null ? out : db.config().string("outputs.schemaManifest", null);
      if (target == null) {
        spec.commandLine().getOut().print(content);
        return 0;
      }
      Path file = Project.output(db.projectRoot(), target);
      Outputs.write(db.projectRoot(), file, content, true, "SCHEMA_OUTPUT_EXISTS");
      spec.commandLine().getOut().println("Generated " + Project.relative(db.projectRoot(), file));
      return 0;
    }
  }
}
