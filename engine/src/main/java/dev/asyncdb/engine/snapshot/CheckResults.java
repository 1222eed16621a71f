package dev.asyncdb.engine.snapshot;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.json.Etags;
import dev.asyncdb.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code .db/snapshots/<resource>.checks.json}, beside the load snapshot: what the seed checks and
 * the relation checks of a large collection found, so a reopen of unchanged sources skips
 * scanning every record again (a million dates and a million relation keys cost about a second
 * of CPU).
 *
 * <p>Like the load snapshot it is a cache, never a source of truth. It names everything the
 * checks read — the engine build, the effective configuration, the data file (path, size,
 * modification time, SHA-256), the schema file's parsed content, and for each relation the target
 * resource's data and schema — and is used only while all of them are unchanged; the relation part
 * is compared field by field, so a changed target rechecks only the relations into it. A stale
 * file is logged at info level and replaced after the open; an unreadable or damaged one (its
 * SHA-256 does not match) with a warning. Deleting it is always safe.
 */
public final class CheckResults {
  /** The file's format; another value is read as "not ours" and rebuilt. */
  static final String FORMAT = "asyncdb-checks/1";
  private static final String SUFFIX = ".checks.json";
  private static final Logger LOG = LoggerFactory.getLogger(CheckResults.class);

  private final Path root;
  private final Path dir;
  private final String engine;
  private final String config;
  private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

  /**
   * @param engine the engine build: results of another build are not trusted (its checks may differ)
   * @param config the effective configuration's hash ({@link #configHash})
   */
  public CheckResults(Path root, Path runtimeDir, String engine, String config) {
    this.root = root;
    this.dir = runtimeDir.resolve("snapshots");
    this.engine = engine;
    this.config = config;
  }

  /** The hash of a configuration tree (key order does not matter). */
  public static String configHash(Map<String, Object> tree) {
    return sha256(Json.canonical(tree));
  }

  /** The hash of a schema file's parsed content (comments and formatting do not matter). */
  public static String schemaHash(Object parsedSchema) {
    return sha256(Json.canonical(parsedSchema));
  }

  private static String sha256(String text) {
    return Etags.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** One line per result file used, ignored or written so far, for the open's sync log. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** The results file of a resource. */
  public Path file(String resource) {
    return dir.resolve(resource + SUFFIX);
  }

  /** A data or schema file as the checks read it; {@code hash} is null while not known. */
  public record Input(String path, LoadSnapshots.SourceStamp stamp, String hash) {}

  /** What one relation's scan read: the target resource's data and schema. */
  public record Target(String resource, String dataHash, String schemaHash) {}

  /** The findings of one relation field's scan and what it read. */
  public record Relation(String field, Target target, List<Diagnostic> findings) {}

  /** Kept results whose own inputs still match: the seed findings and the relations' (each still to be matched to its target). */
  public record Kept(List<Diagnostic> seed, Map<String, Relation> relations) {

    /** The findings of the scan of {@code field} when it read this same target, else null. */
    public List<Diagnostic> relation(String field, Target now) {
      Relation kept = relations.get(field);
      return kept != null && now.dataHash() != null && kept.target().equals(now) ? kept.findings() : null;
    }
  }

  /**
   * The kept results of a resource whose data file (unchanged, with its recorded hash) and parsed
   * schema are as given, or null when there are none or they were made from other inputs (logged).
   */
  public Kept read(String resource, Input data, String schemaPath, String schemaHash) {
    Path file = file(resource);
    Map<String, Object> body;
    try {
      body = body(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException none) {
      LOG.debug("No check results for {} yet", resource);
      return null;
    } catch (IOException | RuntimeException e) {
      ignoreDamaged(resource, file, e.getMessage() != null ? e.getMessage() : e.toString());
      return null;
    }
    try {
      String changed = changed(body, data, schemaPath, schemaHash);
      if (changed != null) {
        notes.add("Check results " + shown(file) + " not used: " + changed);
        LOG.info("Not using the check results {} of {}: {}; checking the records again (new results are kept after the open)",
            file, resource, changed);
        return null;
      }
      Map<String, Relation> relations = new LinkedHashMap<>();
      for (Object item : list(body, "relations")) {
        Map<String, Object> r = map(item, "a relation");
        Target target = new Target(text(r, "resource"), text(r, "data"), (String) r.get("schema"));
        relations.put(text(r, "field"), new Relation(text(r, "field"), target, diagnostics(list(r, "findings"))));
      }
      Kept kept = new Kept(diagnostics(list(body, "seed")), relations);
      notes.add("Took the check results of " + resource + " from " + shown(file));
      return kept;
    } catch (RuntimeException e) {
      ignoreDamaged(resource, file, e.getMessage() != null ? e.getMessage() : e.toString());
      return null;
    }
  }

  private void ignoreDamaged(String resource, Path file, String reason) {
    notes.add("Check results " + shown(file) + " not used: " + reason);
    LOG.warn("Ignoring the check results {} of {}: {}; checking the records again (new results are kept after the open)",
        file, resource, reason);
  }

  /** What differs between the inputs the file names and these, or null when nothing does. */
  private String changed(Map<String, Object> body, Input data, String schemaPath, String schemaHash) {
    if (!FORMAT.equals(body.get("format"))) {
      return "it is in format " + body.get("format") + ", this engine reads " + FORMAT;
    }
    if (!engine.equals(body.get("engine"))) {
      return "they were made by engine build " + body.get("engine") + ", this is " + engine;
    }
    if (!config.equals(body.get("config"))) {
      return "the configuration changed";
    }
    Map<String, Object> d = map(body.get("data"), "data");
    if (!data.path().equals(d.get("path")) || !data.hash().equals(d.get("sha256"))
        || !Objects.equals(d.get("size"), data.stamp().size()) || !Objects.equals(d.get("mtime"), data.stamp().mtime())) {
      return data.path() + " changed";
    }
    Map<String, Object> s = map(body.get("schema"), "schema");
    if (!Objects.equals(schemaPath, s.get("path")) || !Objects.equals(schemaHash, s.get("sha256"))) {
      return (schemaPath != null ? schemaPath : "the schema") + " changed";
    }
    return null;
  }

  /** Results of this open to keep once the hashes they depend on are known. */
  public record Pending(String resource, Path source, Input data, Supplier<String> dataHash, String schemaPath, String schemaHash,
      List<Diagnostic> seed, List<PendingRelation> relations) {}

  /** A relation scan of this open; {@code stamp} (null for a target without data file) must still hold when it is kept. */
  public record PendingRelation(String field, String target, Path targetSource, LoadSnapshots.SourceStamp targetStamp,
      Supplier<String> targetDataHash, String targetSchemaHash, List<Diagnostic> findings) {}

  /**
   * Keeps the results of an open once every hash is known, unless a file they were computed from
   * changed since it was read. Failures are logged and cost only the next open's checks.
   */
  public void write(Pending pending) {
    Path target = file(pending.resource());
    Path temp = null;
    try {
      String stale = changedSinceRead(pending);
      if (stale != null) {
        notes.add("No check results kept for " + pending.resource() + ": " + stale + " changed while it was loaded");
        LOG.info("No check results kept for {}: {} changed while it was loaded", pending.resource(), stale);
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("format", FORMAT);
      body.put("engine", engine);
      body.put("config", config);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("path", pending.data().path());
      data.put("size", pending.data().stamp().size());
      data.put("mtime", pending.data().stamp().mtime());
      data.put("sha256", pending.dataHash().get());
      body.put("data", data);
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("path", pending.schemaPath());
      schema.put("sha256", pending.schemaHash());
      body.put("schema", schema);
      body.put("seed", maps(pending.seed()));
      List<Object> relations = new ArrayList<>();
      for (PendingRelation r : pending.relations()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", r.field());
        m.put("resource", r.target());
        m.put("data", r.targetDataHash().get());
        m.put("schema", r.targetSchemaHash());
        m.put("findings", maps(r.findings()));
        relations.add(m);
      }
      body.put("relations", relations);
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("sha256", sha256(Json.canonical(body)));
      file.put("body", body);
      Files.createDirectories(dir);
      temp = dir.resolve(pending.resource() + SUFFIX + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
      Files.writeString(temp, Json.write(file), StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      notes.add("Kept the check results of " + pending.resource() + " in " + shown(target));
    } catch (IOException | RuntimeException e) {
      notes.add("Could not keep the check results of " + pending.resource() + " in " + shown(target) + ": " + e);
      LOG.warn("Could not write the check results {}: {}; the next open checks the records of {} again", target, e, pending.resource());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // A leftover temporary file is harmless; the next write uses another name.
        }
      }
    }
  }

  /** The first file the pending results were computed from that is no longer as it was read, or null. */
  private static String changedSinceRead(Pending pending) throws IOException {
    if (!LoadSnapshots.SourceStamp.of(pending.source(), pending.data().path()).equals(pending.data().stamp())) {
      return pending.data().path();
    }
    for (PendingRelation r : pending.relations()) {
      if (r.targetStamp() != null
          && !LoadSnapshots.SourceStamp.of(r.targetSource(), r.targetStamp().path()).equals(r.targetStamp())) {
        return r.targetStamp().path();
      }
    }
    return null;
  }

  private String shown(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** The body of a results file after checking its hash. */
  private static Map<String, Object> body(String text) {
    Object parsed;
    try {
      parsed = Json.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("it is not valid JSON (" + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")", e);
    }
    Map<String, Object> file = map(parsed, "the file");
    Map<String, Object> body = map(file.get("body"), "body");
    if (!sha256(Json.canonical(body)).equals(file.get("sha256"))) {
      throw new IllegalArgumentException("its SHA-256 does not match its content (damaged or edited)");
    }
    return body;
  }

  private static List<Object> maps(List<Diagnostic> diagnostics) {
    List<Object> out = new ArrayList<>(diagnostics.size());
    diagnostics.forEach(d -> out.add(d.toMap()));
    return out;
  }

  private static List<Diagnostic> diagnostics(List<Object> maps) {
    List<Diagnostic> out = new ArrayList<>(maps.size());
    for (Object item : maps) {
      out.add(diagnostic(map(item, "a finding")));
    }
    return List.copyOf(out);
  }

  /** The inverse of {@link Diagnostic#toMap()}. */
  @SuppressWarnings("unchecked")
  static Diagnostic diagnostic(Map<String, Object> m) {
    String severity = text(m, "severity");
    Diagnostic.Severity level = switch (severity) {
      case "error" -> Diagnostic.Severity.ERROR;
      case "warn" -> Diagnostic.Severity.WARN;
      case "info" -> Diagnostic.Severity.INFO;
      default -> throw new IllegalArgumentException("a finding has severity \"" + severity + "\"");
    };
    Object details = m.get("details");
    if (details != null && !(details instanceof Map)) {
      throw new IllegalArgumentException("a finding's details are not an object");
    }
    return new Diagnostic(text(m, "code"), level, (String) m.get("resource"), (String) m.get("field"), (String) m.get("file"),
        integer(m.get("line")), integer(m.get("column")), text(m, "message"), (String) m.get("hint"), (Map<String, Object>) details);
  }

  private static Integer integer(Object value) {
    return value == null ? null : Math.toIntExact((Long) value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(what + " is not a JSON object");
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof List)) {
      throw new IllegalArgumentException("\"" + key + "\" is not a JSON array");
    }
    return (List<Object>) m.get(key);
  }

  private static String text(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof String s)) {
      throw new IllegalArgumentException("\"" + key + "\" is not a string");
    }
    return s;
  }
}
