package dev.asyncdb.cli;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code async-db sync}: full sync of the project; error diagnostics make it exit 1. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Read db/, infer or load schemas, validate seeds, write .db/ (generated schema and runtime state).")
public final class SyncCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Main main = Main.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    ProgressBar bar = main.terminal() && !main.json() ? new ProgressBar(err, "Loading " + main.projectDir().getFileName() + "/db") : null;
    AsyncDb opened;
    try {
      opened = bar == null ? Project.sync(main) : AsyncDb.open(Project.options(main, b -> b.progress(bar)));
    } finally {
      if (bar != null) {
        bar.finish();
      }
    }
    try (AsyncDb db = opened) {
      List<String> log = db.awaitSync();
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (main.json()) {
        out.println(Json.pretty(summary(db, log)));
        return 0;
      }
      for (Diagnostic d : db.diagnostics()) {
        Project.print(d, err, main.style());
      }
      log.forEach(out::println);
      for (ResourceDefinition def : db.definitions()) {
        out.printf("  %-24s %-10s %-14s %s%n", def.name(), def.kind().label(), size(db, def), source(def));
      }
      out.printf("Synced %d resource(s) in %d ms%n", db.resourceNames().size(), ms);
      return 0;
    }
  }

  private static String size(AsyncDb db, ResourceDefinition def) {
    return def.schema().isCollection() ? db.collection(def.name()).count() + " records" : "";
  }

  private static String source(ResourceDefinition def) {
    return def.source().dataPath() != null ? def.source().dataPath() : def.source().schemaPath();
  }

  private static Map<String, Object> summary(AsyncDb db, List<String> log) {
    List<Object> resources = new ArrayList<>();
    for (ResourceDefinition def : db.definitions()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", def.name());
      r.put("kind", def.kind().label());
      if (def.schema().isCollection()) {
        r.put("records", db.collection(def.name()).count());
      }
      r.put("source", source(def));
      r.put("store", def.store());
      resources.add(r);
    }
    List<Object> diagnostics = new ArrayList<>();
    db.diagnostics().forEach(d -> diagnostics.add(d.toMap()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("log", log);
    out.put("resources", resources);
    out.put("diagnostics", diagnostics);
    return out;
  }
}
