package dev.asyncdb.cli.types;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Outputs;
import dev.asyncdb.cli.Project;
import dev.asyncdb.cli.UsageError;
import dev.asyncdb.engine.AsyncDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code async-db types}: writes TypeScript declarations to {@code outputs.types} (default
 * {@code .db/types/index.ts}) and {@code outputs.committedTypes} when configured, or Java records
 * with {@code --lang java}; {@code --out} replaces both targets.
 */
@Command(name = "types", mixinStandardHelpOptions = true,
    description = {"Generate TypeScript declarations, or Java records with --lang java.",
        "TypeScript goes to outputs.types (default .db/types/index.ts) and to",
        "outputs.committedTypes when configured; Java to .db/types/DbTypes.java.",
        "--out replaces those targets (relative to the project)."})
public final class TypesCommand implements Callable<Integer> {
  private static final String DEFAULT_TS = "./.db/types/index.ts";
  private static final String DEFAULT_JAVA = "./.db/types/DbTypes.java";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of the configured outputs.")
  String out;

  @Option(names = "--lang", paramLabel = "LANG", defaultValue = "ts", description = "ts (default) or java.")
  String lang;

  @Option(names = "--package", paramLabel = "NAME", description = "Java package of the generated class (--lang java).")
  String packageName;

  @Option(names = "--watch", description = "Keep running and regenerate whenever db/ or db.config.json changes (Ctrl-C stops).")
  boolean watch;

  @Override
  public Integer call() {
    if (!lang.equals("ts") && !lang.equals("java")) {
      throw new UsageError("TYPES_UNKNOWN_LANG", "Unknown --lang \"" + lang + "\".", "Use --lang ts or --lang java.");
    }
    if (packageName != null && (!lang.equals("java") || !packageName.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*"))) {
      throw new UsageError("TYPES_INVALID_PACKAGE", "--package needs --lang java and a Java package name, got \"" + packageName + "\".",
          "Use e.g. --lang java --package com.example.db.");
    }
    if (!watch) {
      return generate();
    }
    return new TypesWatch(Main.of(spec).projectDir(), spec.commandLine().getOut(), spec.commandLine().getErr()).run(this::generate);
  }

  private int generate() {
    try (AsyncDb db = Project.inspect(Main.of(spec), b -> { })) {
      Path root = db.projectRoot();
      List<Path> targets = new ArrayList<>();
      String content;
      if (lang.equals("java")) {
        Path file = Project.output(root, out != null ? out : DEFAULT_JAVA);
        String name = file.getFileName().toString().replaceFirst("\\.java$", "");
        if (!file.getFileName().toString().endsWith(".java") || !name.matches("[A-Z][A-Za-z0-9_]*")) {
          throw new UsageError("TYPES_INVALID_JAVA_FILE", "--out for Java must name a .java file whose name is a class name, got " + out + ".",
              "Use e.g. --out src/main/java/com/example/db/DbTypes.java.");
        }
        content = new JavaTypes(packageName, name).render(db.definitions());
        targets.add(file);
      } else {
        content = new TypeScriptTypes(db.config()).render(db.definitions());
        if (out != null) {
          targets.add(Project.output(root, out));
        } else {
          targets.add(Project.output(root, db.config().string("outputs.types", DEFAULT_TS)));
          String committed = db.config().string("outputs.committedTypes", null);
          if (committed != null) {
            targets.add(Project.output(root, committed));
          }
        }
      }
      for (Path file : targets) {
        Outputs.write(root, file, content, true, "TYPES_OUTPUT_EXISTS");
        spec.commandLine().getOut().println("Generated " + Project.relative(root, file));
      }
      return 0;
    }
  }
}
