package dev.asyncdb.cli.backup;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Project;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.backup.BundleWriter;
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

/** {@code async-db backup --out FILE}: one bundle of every resource's contents with content hashes. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Write one bundle file with every resource's contents and content hashes, taken at one point in time.",
        "Restore it with: async-db restore --from FILE [--dry-run]",
        "Example: async-db backup --out ./backups/db-backup.json"})
public final class BackupCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The bundle file to write (replaced atomically if it exists).")
  Path out;

  @Override
  public Integer call() {
    Main main = Main.of(spec);
    Path file = main.projectDir().resolve(out);
    try (AsyncDb db = Project.sync(main)) {
      List<BundleWriter.Entry> entries = db.backup(file);
      PrintWriter w = spec.commandLine().getOut();
      if (main.json()) {
        List<Object> list = new ArrayList<>();
        for (BundleWriter.Entry e : entries) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("resource", e.name());
          m.put("kind", e.kind());
          m.put("records", e.records());
          m.put("hash", e.hash());
          list.add(m);
        }
        w.println(Json.pretty(Map.of("file", file.toString(), "resources", list)));
      } else {
        long records = entries.stream().mapToLong(BundleWriter.Entry::records).sum();
        w.println("Backed up " + entries.size() + " resource(s), " + records + " record(s) to " + file);
        for (BundleWriter.Entry e : entries) {
          w.printf("  %-24s %-10s %8d  %s%n", e.name(), e.kind(), e.records(), e.hash().substring(0, Math.min(19, e.hash().length())));
        }
      }
      return 0;
    }
  }
}
