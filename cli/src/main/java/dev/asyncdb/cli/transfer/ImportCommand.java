package dev.asyncdb.cli.transfer;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Project;
import dev.asyncdb.cli.UsageError;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Collection;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.ResourceKind;
import dev.asyncdb.engine.Transaction;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.source.CsvReader;
import dev.asyncdb.engine.source.DataReader;
import dev.asyncdb.engine.source.Names;
import dev.asyncdb.engine.source.SourceException;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code async-db import FILE}: loads records into a resource. Into an existing collection every
 * record is created through the engine (defaults, generated ids, validation), failures are listed
 * and the rest kept; an existing document is replaced. A name the project does not have yet
 * becomes a new source file {@code db/NAME.csv|json}, read by the sync that follows.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Load records from a CSV or JSON file into a resource.",
        "FILE is relative to the current folder.",
        "Into a collection each record is created and validated; failures are",
        "listed (exit 1) and the other records stay. A document is replaced by the",
        "file's object. A new name adds the file as db/NAME.csv or db/NAME.json."})
public final class ImportCommand implements Callable<Integer> {
  private static final int SHOWN_FAILURES = 5;
  private static final int PROGRESS_EVERY = 250;
  /** Records per transaction: one durable write for each. */
  private static final int CHUNK = 1000;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A .csv or .json file.")
  Path file;

  @Option(names = "--as", paramLabel = "NAME", description = "Target resource (default: the file's name, camelCased).")
  String as;

  @Option(names = "--format", paramLabel = "FORMAT", description = "csv or json (default: from the file extension).")
  String format;

  /** One record the engine refused. */
  private record Failure(int index, String code, String message) {}

  @Override
  public Integer call() throws IOException {
    Main main = Main.of(spec);
    String fmt = format(file, format);
    if (!Files.isRegularFile(file)) {
      throw new DbException("IMPORT_FILE_NOT_FOUND", 404, "Import file " + file + " does not exist.",
          "Pass an existing .csv or .json file (relative to the current folder).", Map.of("file", file.toString()));
    }
    String name = as != null ? as : Names.camelCase(baseName(file.getFileName().toString()));
    if (!Names.isSafeResourceName(name)) {
      throw new UsageError("IMPORT_INVALID_NAME", "\"" + name + "\" cannot be a resource name.", "Pass --as with letters, digits, - or _.");
    }
    Object data = parse(file, fmt);
    Path dbDir;
    Path root;
    try (AsyncDb db = Project.sync(main)) {
      ResourceDefinition def = db.definitions().stream().filter(d -> Names.aliases(name).contains(d.name())).findFirst().orElse(null);
      if (def != null) {
        return load(db, def, data, main);
      }
      dbDir = db.paths().dbDir();
      root = db.projectRoot();
    }
    return addSource(root, dbDir, name, fmt, data, main);
  }

  private int load(AsyncDb db, ResourceDefinition def, Object data, Main main) {
    if (def.kind() == ResourceKind.DOCUMENT) {
      if (!(data instanceof Map<?, ?> m)) {
        throw new DbException("IMPORT_SHAPE_MISMATCH", 400, def.name() + " is a document; the file must hold one JSON object.",
            "Import a JSON object, or choose a collection with --as.", Map.of("resource", def.name()));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> value = (Map<String, Object>) m;
      db.document(def.name()).put(value);
      report(main, def.name(), 1, List.of(), "Imported " + file.getFileName() + " into document " + def.name() + " (replaced)");
      return 0;
    }
    return createAll(db, db.collection(def.name()), records(data, def.name()), main);
  }

  /**
   * Creates the records in transactions of {@link #CHUNK} (one durable write each instead of one
   * per record); a record that fails is rolled back to its savepoint and listed, the rest are kept.
   */
  private int createAll(AsyncDb db, Collection target, List<Map<String, Object>> records, Main main) {
    PrintWriter err = spec.commandLine().getErr();
    List<Failure> failures = new ArrayList<>();
    int created = 0;
    Transaction tx = null;
    for (int i = 0; i < records.size(); i++) {
      if (tx == null) {
        tx = Transaction.begin(db);
      }
      int savepoint = tx.savepoint();
      try {
        tx.insert(target.name(), records.get(i));
        created++;
      } catch (DbException e) {
        tx.rollbackTo(savepoint);
        failures.add(new Failure(i + 1, e.code(), e.getMessage()));
      }
      if ((i + 1) % CHUNK == 0 || i + 1 == records.size()) {
        tx.commit();
        tx = null;
      }
      if (main.terminal() && (i + 1) % PROGRESS_EVERY == 0) {
        err.print("\rImporting " + (i + 1) + "/" + records.size() + " records...");
        err.flush();
      }
    }
    if (main.terminal() && records.size() >= PROGRESS_EVERY) {
      err.print("\r\u001b[K");
    }
    String summary = "Imported " + created + " of " + records.size() + " record(s) into " + target.name()
        + (failures.isEmpty() ? "" : " (" + failures.size() + " failed)");
    report(main, target.name(), created, failures, summary);
    return failures.isEmpty() ? 0 : 1;
  }

  private int addSource(Path root, Path dbDir, String name, String fmt, Object data, Main main) throws IOException {
    String ext = fmt.equals("json") && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonc") ? "jsonc" : fmt;
    Path target = dbDir.resolve(name + "." + ext);
    if (Files.exists(target)) {
      throw new DbException("IMPORT_TARGET_EXISTS", 409, Project.relative(root, target) + " exists but is not a resource.",
          "Fix or remove that file first (async-db doctor shows why it is not loaded).", Map.of("file", target.toString()));
    }
    Files.createDirectories(target.getParent());
    Files.copy(file, target);
    int count = data instanceof List<?> l ? l.size() : 1;
    try (AsyncDb db = Project.sync(main)) {
      String kind = db.definitions().stream().filter(d -> d.name().equals(name)).findFirst().map(d -> d.kind().label()).orElse("resource");
      report(main, name, count, List.of(), "Imported " + count + " record(s) into new " + kind + " " + name + " (" + Project.relative(root, target) + ")");
    } catch (DbException e) {
      Files.deleteIfExists(target);
      throw e;
    }
    return 0;
  }

  private void report(Main main, String resource, int created, List<Failure> failures, String summary) {
    PrintWriter out = spec.commandLine().getOut();
    if (main.json()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("resource", resource);
      r.put("created", created);
      r.put("failed", failures.size());
      List<Object> errors = new ArrayList<>();
      for (Failure f : failures) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("record", f.index());
        e.put("code", f.code());
        e.put("message", f.message());
        errors.add(e);
      }
      r.put("errors", errors);
      out.println(Json.pretty(r));
      return;
    }
    PrintWriter err = spec.commandLine().getErr();
    for (int i = 0; i < failures.size() && i < SHOWN_FAILURES; i++) {
      Failure f = failures.get(i);
      err.println("error: record " + f.index() + ": " + f.code() + ": " + f.message());
    }
    if (failures.size() > SHOWN_FAILURES) {
      err.println("... and " + (failures.size() - SHOWN_FAILURES) + " more (use --json for all)");
    }
    out.println(summary);
  }

  private static String format(Path file, String explicit) {
    if (explicit != null) {
      String f = explicit.toLowerCase(Locale.ROOT);
      if (!f.equals("csv") && !f.equals("json")) {
        throw new UsageError("IMPORT_UNKNOWN_FORMAT", "Unknown --format \"" + explicit + "\".", "Use --format csv or --format json.");
      }
      return f;
    }
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv")) {
      return "csv";
    }
    if (n.endsWith(".json") || n.endsWith(".jsonc")) {
      return "json";
    }
    throw new UsageError("IMPORT_FORMAT_REQUIRED", "Cannot tell the format of " + file.getFileName() + " from its extension.",
        "Pass --format csv or --format json.");
  }

  private static String baseName(String fileName) {
    int dot = fileName.indexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  private static Object parse(Path file, String fmt) throws IOException {
    try {
      if (fmt.equals("csv")) {
        return new ArrayList<Object>(CsvReader.read(Files.readString(file, StandardCharsets.UTF_8)));
      }
      return DataReader.readValue(file, Json.JSONC);
    } catch (SourceException e) {
      throw new DbException("IMPORT_PARSE_FAILED", 400, file + (e.line() == null ? "" : ":" + e.line() + ":" + e.column()) + ": " + e.getMessage(),
          e.hint(), Map.of("file", file.toString(), "sourceCode", e.code()));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> records(Object data, String resource) {
    if (!(data instanceof List<?> list)) {
      throw new DbException("IMPORT_SHAPE_MISMATCH", 400, resource + " is a collection; the file must hold an array of objects.",
          "Import a JSON array (or a CSV file), or choose a document with --as.", Map.of("resource", resource));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new DbException("IMPORT_SHAPE_MISMATCH", 400, "Item " + (i + 1) + " of the file is " + Json.typeName(list.get(i)) + ", not an object.",
          "Every item of the array must be a JSON object (one record).", Map.of("resource", resource, "record", i + 1));
      }
      out.add((Map<String, Object>) m);
    }
    return out;
  }
}
