package dev.asyncdb.cli;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code async-db create NAME JSON}: inserts one record through the engine and prints it as stored. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Insert a record into a collection and print it as stored.",
        "Defaults are applied, a missing id is generated, the record is validated.",
        "Example: async-db create users '{\"name\":\"Grace Hopper\",\"email\":\"grace@example.com\"}'"})
public final class CreateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The collection.")
  String name;

  @Parameters(index = "1", paramLabel = "JSON", description = "The record as a JSON object.")
  String json;

  @Override
  public Integer call() {
    Map<String, Object> record = JsonArgument.object(json, "CREATE_INVALID_JSON", "'{\"name\":\"Ada\"}'");
    try (AsyncDb db = Project.sync(Main.of(spec))) {
      Map<String, Object> stored = db.collection(name).create(record);
      spec.commandLine().getOut().println(Json.pretty(stored));
      return 0;
    }
  }
}
