package dev.asyncdb.cli.backup;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Project;
import dev.asyncdb.cli.UsageError;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.backup.RestoreReport;
import dev.asyncdb.engine.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code async-db restore}: from a backup bundle ({@code --from FILE [--dry-run]}) or a resource's
 * version snapshots ({@code RESOURCE --list}, {@code RESOURCE --version latest|N}). Every restore
 * first saves the current contents to a bundle under {@code .db/backups/}, so it can be undone.
 */
// No standard help mixin: its --version would clash with the reference's restore --version.
@Command(name = "restore",
    description = {"Restore from a backup bundle, or roll a resource back to a version snapshot.",
        "Every restore first saves the current contents under .db/backups/ (restore --from that file to undo).",
        "Examples:",
        "  async-db restore --from ./backups/db-backup.json --dry-run",
        "  async-db restore featureFlags --list",
        "  async-db restore featureFlags --version latest"})
public final class RestoreCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", arity = "0..1", paramLabel = "RESOURCE", description = "The resource to roll back (with --list or --version).")
  String resource;

  @Option(names = "--from", paramLabel = "FILE", description = "A bundle written by async-db backup.")
  Path from;

  @Option(names = "--dry-run", description = "Only report what would change.")
  boolean dryRun;

  @Option(names = "--list", description = "List the resource's version snapshots (needs durability \"versioned\").")
  boolean list;

  @Option(names = "--version", paramLabel = "latest|N", description = "The version snapshot to roll the resource back to.")
  String version;

  @Override
  public Integer call() {
    Main main = Main.of(spec);
    PrintWriter w = spec.commandLine().getOut();
    if (from != null && resource != null) {
      throw new UsageError("RESTORE_ARGUMENTS", "Pass either --from FILE (a whole bundle) or RESOURCE with --list/--version, not both.",
          "async-db restore --from ./backups/db-backup.json  or  async-db restore users --version latest");
    }
    if (from == null && (resource == null || (!list && version == null))) {
      throw new UsageError("RESTORE_ARGUMENTS", "Nothing to restore from: pass --from FILE, or RESOURCE with --list or --version latest|N.",
          "async-db restore --from ./backups/db-backup.json --dry-run");
    }
    try (AsyncDb db = list ? Project.inspect(main, b -> { }) : Project.sync(main)) {
      if (list) {
        List<Map<String, Object>> versions = db.versions(resource);
        if (main.json()) {
          w.println(Json.pretty(Map.of("resource", resource, "versions", versions)));
        } else if (versions.isEmpty()) {
          w.println("No version snapshots of " + resource + " (set \"stores\": {\"json\": {\"durability\": \"versioned\"}} to keep them).");
        } else {
          w.printf("%-8s %-28s %s%n", "VERSION", "CREATED", "RECORDS");
          for (Map<String, Object> v : versions) {
            w.printf("%-8s %-28s %s%n", v.get("version"), v.get("createdAt"), v.get("records"));
          }
        }
        return 0;
      }
      RestoreReport report = from != null
          ? db.restore(main.projectDir().resolve(from), dryRun)
          : db.restoreVersion(resource, version, dryRun);
      print(report, main.json(), w);
      return 0;
    }
  }

  private static void print(RestoreReport report, boolean json, PrintWriter w) {
    if (json) {
      List<Object> resources = new ArrayList<>();
      for (RestoreReport.ResourceDiff d : report.resources()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource", d.name());
        m.put("kind", d.kind());
        m.put("added", d.added());
        m.put("changed", d.changed());
        m.put("removed", d.removed());
        m.put("unchanged", d.unchanged());
        resources.add(m);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("dryRun", report.dryRun());
      out.put("resources", resources);
      out.put("skipped", report.skipped());
      out.put("undo", report.undo() == null ? null : report.undo().toString());
      w.println(Json.pretty(out));
      return;
    }
    w.println(report.dryRun() ? "Dry run: nothing was changed." : "Restored.");
    w.printf("  %-24s %8s %8s %8s %9s%n", "RESOURCE", "ADDED", "CHANGED", "REMOVED", "UNCHANGED");
    for (RestoreReport.ResourceDiff d : report.resources()) {
      w.printf("  %-24s %8d %8d %8d %9d%n", d.name(), d.added(), d.changed(), d.removed(), d.unchanged());
    }
    for (String s : report.skipped()) {
      w.println("  skipped " + s);
    }
    if (report.undo() != null) {
      w.println("Undo with: async-db restore --from " + report.undo());
    }
  }
}
