package dev.asyncdb.cli;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code async-db init}: scaffolds the smallest working project. Existing files are never
 * overwritten: the command refuses before writing anything (a {@code .gitignore} only gets the
 * {@code .db/} line appended). Then it syncs and prints the next commands to try.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Scaffold a project (never overwrites), sync it and print next steps.",
        "Templates: data-first (db/users.json), schema-first (db/users.schema.jsonc,",
        "empty seed), source-file (db.config.json using the sourceFile store and",
        "db/appState.json). A .gitignore gets the .db/ line."})
public final class InitCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--template", paramLabel = "NAME", defaultValue = "data-first", completionCandidates = InitTemplate.Names.class,
      description = "data-first, schema-first or source-file (default: ${DEFAULT-VALUE}).")
  String template;

  @Option(names = "--dry-run", description = "Show what would be written; write nothing.")
  boolean dryRun;

  /** One planned file and what init does with it. */
  private record Planned(String path, String action, String content) {}

  @Override
  public Integer call() throws IOException {
    Main main = Main.of(spec);
    InitTemplate t = InitTemplate.of(template);
    if (t == null) {
      throw new UsageError("INIT_UNKNOWN_TEMPLATE", "Unknown template \"" + template + "\".", "Use one of: " + String.join(", ", new InitTemplate.Names()) + ".");
    }
    Path root = main.projectDir().toAbsolutePath().normalize();
    List<Planned> plan = plan(root, t);
    List<String> log = List.of();
    if (!dryRun) {
      for (Planned p : plan) {
        write(root.resolve(p.path()), p);
      }
      try (AsyncDb db = Project.sync(main)) {
        log = db.awaitSync();
      }
    }
    List<String> next = nextSteps(main, t);
    PrintWriter out = spec.commandLine().getOut();
    if (main.json()) {
      out.println(Json.pretty(report(root, t, plan, log, next)));
      return 0;
    }
    for (Planned p : plan) {
      out.println((dryRun ? "Would " + p.action() : past(p.action())) + " " + p.path());
    }
    log.forEach(out::println);
    if (dryRun) {
      out.println("Dry run: nothing was written.");
    }
    out.println();
    out.println("Next steps:");
    next.forEach(s -> out.println("  " + s));
    return 0;
  }

  private static List<Planned> plan(Path root, InitTemplate t) throws IOException {
    List<Planned> plan = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (Map.Entry<String, String> f : t.files().entrySet()) {
      Path file = root.resolve(f.getKey());
      if (!Files.exists(file)) {
        plan.add(new Planned(f.getKey(), "create", f.getValue()));
      } else if (Files.readString(file, StandardCharsets.UTF_8).equals(f.getValue())) {
        plan.add(new Planned(f.getKey(), "keep", null));
      } else {
        conflicts.add(f.getKey());
      }
    }
    if (!conflicts.isEmpty()) {
      throw new DbException("INIT_FILE_EXISTS", 409, "init would overwrite " + String.join(", ", conflicts) + "; nothing was written.",
          "init never overwrites files: move them away, or pick another --project folder or --template.", Map.of("files", conflicts));
    }
    Path ignore = root.resolve(".gitignore");
    if (!Files.exists(ignore)) {
      plan.add(new Planned(".gitignore", "create", InitTemplate.GITIGNORE_LINE + "\n"));
    } else if (ignoresStateDir(Files.readString(ignore, StandardCharsets.UTF_8))) {
      plan.add(new Planned(".gitignore", "keep", null));
    } else {
      plan.add(new Planned(".gitignore", "append to", InitTemplate.GITIGNORE_LINE + "\n"));
    }
    return plan;
  }

  private static boolean ignoresStateDir(String gitignore) {
    return gitignore.lines().map(String::trim).anyMatch(l -> l.equals(".db") || l.equals(".db/") || l.equals("/.db") || l.equals("/.db/"));
  }

  private static void write(Path file, Planned p) throws IOException {
    switch (p.action()) {
      case "create" -> {
        Files.createDirectories(file.getParent());
        Files.writeString(file, p.content(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
      }
      case "append to" -> {
        String existing = Files.readString(file, StandardCharsets.UTF_8);
        String sep = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
        Files.writeString(file, sep + p.content(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
      }
      default -> { }
    }
  }

  private static String past(String action) {
    return switch (action) {
      case "create" -> "Created";
      case "append to" -> "Appended .db/ to";
      default -> "Kept";
    };
  }

  private static List<String> nextSteps(Main main, InitTemplate t) {
    String prefix = "async-db" + (main.projectArgument().equals(".") ? "" : " --project " + shellQuote(main.projectArgument()));
    return List.of(
        prefix + " sql -e \"select * from " + t.resource() + "\"",
        prefix + " doctor",
        prefix + " types");
  }

  private static String shellQuote(String s) {
    return s.matches("[A-Za-z0-9_./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  private Map<String, Object> report(Path root, InitTemplate t, List<Planned> plan, List<String> log, List<String> next) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("template", t.label());
    r.put("project", root.toString());
    r.put("dryRun", dryRun);
    List<Object> files = new ArrayList<>();
    for (Planned p : plan) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("path", p.path());
      f.put("action", p.action().equals("append to") ? "append" : p.action());
      files.add(f);
    }
    r.put("files", files);
    r.put("sync", log);
    r.put("nextSteps", next);
    return r;
  }
}
