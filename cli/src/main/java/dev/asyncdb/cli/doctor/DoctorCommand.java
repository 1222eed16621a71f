package dev.asyncdb.cli.doctor;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Project;
import dev.asyncdb.cli.Style;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code async-db doctor} (alias {@code check}): every finding about the project. Exit 1 when there
 * are errors, or warnings under {@code --strict}, so CI can gate on it.
 */
@Command(name = "doctor", aliases = "check", mixinStandardHelpOptions = true,
    description = {"Check the project: diagnostics, duplicate ids, mixed types, likely relations, schema hints.",
        "Also checks store bindings. Exit 1 on errors (or on warnings with --strict)."})
public final class DoctorCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--strict", description = "Also exit 1 when there are warnings.")
  boolean strict;

  @Override
  public Integer call() {
    Main main = Main.of(spec);
    List<Finding> findings;
    try (AsyncDb project = Project.inspect(main, b -> b.allowSourceErrors(true));
         AsyncDb inferred = Project.inspect(main, b -> b.allowSourceErrors(true).config(Map.of("schema", Map.of("source", "data"))))) {
      findings = Doctor.run(project, inferred);
    }
    Map<String, Integer> summary = Doctor.summary(findings);
    PrintWriter out = spec.commandLine().getOut();
    if (main.json()) {
      List<Object> list = new ArrayList<>();
      findings.forEach(f -> list.add(f.toMap()));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("summary", summary);
      result.put("findings", list);
      out.println(Json.pretty(result));
    } else {
      print(findings, summary, out, main.style());
    }
    return summary.get("error") > 0 || strict && summary.get("warn") > 0 ? 1 : 0;
  }

  private static void print(List<Finding> findings, Map<String, Integer> summary, PrintWriter out, Style style) {
    if (findings.isEmpty()) {
      out.println("async-db doctor found no issues");
      return;
    }
    out.println("async-db doctor found " + summary.get("error") + " error(s), " + summary.get("warn") + " warning(s), "
        + summary.get("info") + " info(s)");
    for (Finding f : findings) {
      Diagnostic d = f.diagnostic();
      out.println(style.severity(d.severity()) + ": " + d.code() + ": " + d.message());
      if (d.hint() != null) {
        out.println("  hint: " + d.hint());
      }
    }
  }
}
