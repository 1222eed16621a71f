package dev.asyncdb.engine.sync;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.LoadProgress;
import dev.asyncdb.engine.ResourceKind;
import dev.asyncdb.engine.config.DbConfig;
import dev.asyncdb.engine.json.Etags;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.schema.ParsedSchema;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.schema.SchemaInference;
import dev.asyncdb.engine.schema.SchemaParser;
import dev.asyncdb.engine.snapshot.CheckResults;
import dev.asyncdb.engine.snapshot.LoadSnapshots;
import dev.asyncdb.engine.source.DataReader;
import dev.asyncdb.engine.source.ReadProgress;
import dev.asyncdb.engine.source.SourceData;
import dev.asyncdb.engine.source.SourceException;
import dev.asyncdb.engine.source.SourceFile;
import dev.asyncdb.engine.source.SourceFormat;
import dev.asyncdb.engine.source.SourceScanner;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableCodec;
import dev.asyncdb.engine.table.TableVersion;
import dev.asyncdb.engine.validate.SeedValidator;
import dev.asyncdb.engine.validate.ValidationMode;
import dev.asyncdb.engine.validate.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds resource definitions from a project's sources. Resources load in parallel (a data file's
 * hash is computed beside its parse); a broken file yields a diagnostic with file, line and column
 * and leaves only its own resource out.
 */
public final class ProjectLoader {
  private static final Pattern ID_LIKE = Pattern.compile("(?i).*id$");
  private static final Logger LOG = LoggerFactory.getLogger(ProjectLoader.class);

  /**
   * Loaded resources (sorted by name), every diagnostic found, the collections parsed from large
   * sources that have no usable load snapshot yet, and the check results not kept yet (both
   * written once the hashes are known).
   */
  public record Loaded(List<ResourceDefinition> resources, List<Diagnostic> diagnostics, List<LoadSnapshots.Pending> snapshots,
      List<CheckResults.Pending> checks) {}

  private final ProjectPaths paths;
  private final DbConfig config;
  private final ExecutorService pool;
  private final HashCache hashes;
  private final LoadSnapshots snapshots;
  private final List<LoadSnapshots.Pending> pending = java.util.Collections.synchronizedList(new ArrayList<>());
  private final CheckResults checks;
  /** What each loaded resource's data and schema were, by name: what relation checks into it read. */
  private final Map<String, Identity> identities = new ConcurrentHashMap<>();
  /** The check findings of large collections (those whose results are kept), by name. */
  private final Map<String, Checked> checked = new ConcurrentHashMap<>();

  /** Lookup of hashes recorded for unchanged files (size and modification time match). */
  public interface HashCache {
    String recorded(SourceFile file);
  }

  public ProjectLoader(ProjectPaths paths, DbConfig config, ExecutorService pool, HashCache hashes) {
    this(paths, config, pool, hashes, LoadProgress.NONE, null);
  }

  /** @param snapshots the project's load snapshots, or null to parse every source */
  public ProjectLoader(ProjectPaths paths, DbConfig config, ExecutorService pool, HashCache hashes, LoadProgress progress,
      LoadSnapshots snapshots) {
    this(paths, config, pool, hashes, progress, snapshots, null);
  }

  /**
   * @param snapshots the project's load snapshots, or null to parse every source
   * @param checks the kept results of earlier seed and relation checks, or null to check every record
   */
  public ProjectLoader(ProjectPaths paths, DbConfig config, ExecutorService pool, HashCache hashes, LoadProgress progress,
      LoadSnapshots snapshots, CheckResults checks) {
    this.checks = checks;
    this.paths = paths;
    this.config = config;
    this.pool = pool;
    this.hashes = hashes;
    this.progress = progress;
    this.snapshots = snapshots;
  }

  private final LoadProgress progress;
  private long bytesRead;
  private long bytesTotal;

  private ReadProgress readProgress() {
    if (progress == LoadProgress.NONE) {
      return ReadProgress.NONE;
    }
    return this::report;
  }

  /** Serialized, so the listener sees a growing count even though files load in parallel. */
  private synchronized void report(long bytes) {
    bytesRead = Math.min(bytesRead + bytes, bytesTotal);
    progress.update(bytesRead, bytesTotal);
  }

  public Loaded load() throws IOException {
    SourceScanner.Scan scan = SourceScanner.scan(paths.root(), paths.dbDir(), paths.operationsDir(), config.naming(), config.schemaSource());
    List<Diagnostic> diagnostics = new ArrayList<>(scan.diagnostics());
    TreeSet<String> names = new TreeSet<>(scan.data().keySet());
    names.addAll(scan.schemas().keySet());
    for (SourceFile f : scan.data().values()) {
      bytesTotal += Files.size(f.path());
    }
    List<CompletableFuture<ResourceDefinition>> futures = new ArrayList<>();
    List<List<Diagnostic>> perResource = new ArrayList<>();
    for (String name : names) {
      List<Diagnostic> sink = new ArrayList<>();
      perResource.add(sink);
      SourceFile data = scan.data().get(name);
      SourceFile schema = scan.schemas().get(name);
      futures.add(CompletableFuture.supplyAsync(() -> build(name, data, schema, sink), pool));
    }
    List<ResourceDefinition> resources = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      ResourceDefinition def = futures.get(i).join();
      diagnostics.addAll(perResource.get(i));
      if (def != null) {
        resources.add(def);
      }
    }
    // Files that failed to parse stopped early; the load is complete all the same.
    report(bytesTotal);
    diagnostics.addAll(RelationChecker.check(resources, pool, new KeptScans()));
    return new Loaded(resources, diagnostics, List.copyOf(pending), toKeep(resources));
  }

  /** A loaded resource's sources as its checks read them. */
  private record Identity(Path dataFile, LoadSnapshots.SourceStamp stamp, String schemaHash) {}

  /** The checks of a large collection in this open: its inputs, what they found, and what came from kept results. */
  private static final class Checked {
    final SourceFile dataFile;
    final LoadSnapshots.SourceStamp stamp;
    final String schemaPath;
    final String schemaHash;
    final CheckResults.Kept kept;
    final List<Diagnostic> seed;
    final List<CheckResults.PendingRelation> relations = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean allKept;

    Checked(SourceFile dataFile, LoadSnapshots.SourceStamp stamp, String schemaPath, String schemaHash, CheckResults.Kept kept,
        List<Diagnostic> seed) {
      this.dataFile = dataFile;
      this.stamp = stamp;
      this.schemaPath = schemaPath;
      this.schemaHash = schemaHash;
      this.kept = kept;
      this.seed = seed;
      this.allKept = kept != null;
    }
  }

  /** Relation scans answered from kept results when source and target are unchanged; every scan's findings are collected to keep. */
  private final class KeptScans implements RelationChecker.Scans {
    @Override
    public List<Diagnostic> kept(ResourceDefinition source, FieldDef field, ResourceDefinition target) {
      Checked c = checked.get(source.name());
      CheckResults.Target now = target(target);
      return c == null || c.kept == null || now == null ? null : c.kept.relation(field.name(), now);
    }

    @Override
    public void scanned(ResourceDefinition source, FieldDef field, ResourceDefinition target, List<Diagnostic> findings) {
      Checked c = checked.get(source.name());
      Identity id = identities.get(target.name());
      if (c == null) {
        return;
      }
      CheckResults.Target now = target(target);
      if (now == null || c.kept == null || !findings.equals(c.kept.relation(field.name(), now))) {
        c.allKept = false;
      }
      if (id != null && !target.source().generatedIds() && target.source().seedHash() != null) {
        c.relations.add(new CheckResults.PendingRelation(field.name(), target.name(), id.dataFile(), id.stamp(),
            target.source().seedHash()::get, id.schemaHash(), findings));
      } else {
        c.allKept = false;
      }
    }

    /** What a relation into {@code target} reads, while all of it is known; null for generated ids (they differ per open). */
    private CheckResults.Target target(ResourceDefinition target) {
      Identity id = identities.get(target.name());
      String hash = target.source().seedHash() == null ? null : target.source().seedHash().known();
      return id == null || hash == null || target.source().generatedIds() ? null : new CheckResults.Target(target.name(), hash, id.schemaHash());
    }
  }

  /** The check results of this open that are not kept yet. */
  private List<CheckResults.Pending> toKeep(List<ResourceDefinition> resources) {
    List<CheckResults.Pending> out = new ArrayList<>();
    for (ResourceDefinition def : resources) {
      Checked c = checked.get(def.name());
      if (c != null && !c.allKept && def.source().seedHash() != null) {
        out.add(new CheckResults.Pending(def.name(), c.dataFile.path(), new CheckResults.Input(c.dataFile.relativePath(), c.stamp, null),
            def.source().seedHash()::get, c.schemaPath, c.schemaHash, c.seed, List.copyOf(c.relations)));
      }
    }
    return out;
  }

  private ResourceDefinition build(String name, SourceFile dataFile, SourceFile schemaFile, List<Diagnostic> out) {
    try {
      return buildChecked(name, dataFile, schemaFile, out);
    } catch (SourceException e) {
      return null;
    } catch (IOException e) {
      out.add(Diagnostic.error("SOURCE_LOAD_FAILED", name, null, "Could not read the sources of " + name + ": " + e.getMessage(),
          "Check that the files exist and are readable."));
      return null;
    }
  }

  private ResourceDefinition buildChecked(String name, SourceFile dataFile, SourceFile schemaFile, List<Diagnostic> out)
      throws SourceException, IOException {
    ParsedSchema parsed = null;
    String schemaHash = null;
    if (schemaFile != null) {
      Object json = readSource(name, schemaFile, out, () -> DataReader.readValue(schemaFile.path(),
          schemaFile.format() == SourceFormat.SCHEMA_JSONC ? Json.JSONC : Json.STRICT));
      parsed = SchemaParser.parse(name, schemaFile.relativePath(), json);
      schemaHash = CheckResults.schemaHash(json);
      out.addAll(parsed.diagnostics());
    }
    SourceData data = null;
    ContentHash dataHash = null;
    TableCodec.Frozen frozen = null;
    String known = null;
    LoadSnapshots.SourceStamp stamp = null;
    if (dataFile != null) {
      // The hash of a changed file is computed after loading, off the critical path.
      known = hashes.recorded(dataFile);
      dataHash = known != null ? ContentHash.of(known) : ContentHash.deferred(() -> sha256(dataFile.path()));
      stamp = snapshots != null && Files.size(dataFile.path()) >= LoadSnapshots.MIN_SOURCE_BYTES
          ? LoadSnapshots.SourceStamp.of(dataFile.path(), dataFile.relativePath()) : null;
      // The columns as an earlier open loaded them, while the source is unchanged (same size, time and recorded hash).
      data = stamp != null && known != null ? snapshots.read(name, stamp, known) : null;
      if (data == null) {
        data = readSource(name, dataFile, out, () -> DataReader.read(dataFile.path(), dataFile.format(), config.bool("schema.allowJsonc", true), readProgress()));
        if (stamp != null && data instanceof SourceData.Rows rows) {
          String[] why = new String[1];
          frozen = TableCodec.freeze(rows.table(), why);
          if (frozen != null) {
            pending.add(new LoadSnapshots.Pending(name, stamp, frozen, rows.skipped()));
          } else {
            LOG.debug("No load snapshot for {}: {}", name, why[0]);
          }
        }
      }
      if (data instanceof SourceData.Rows rows && !rows.skipped().isEmpty()) {
        out.add(Diagnostic.error("SCHEMA_RECORD_INVALID", name, null,
            rows.skipped().size() + " item(s) of " + dataFile.relativePath() + " are not objects (positions " + preview(rows.skipped()) + ") and were skipped.",
            "Every item of a collection file must be a JSON object.").withFile(dataFile.relativePath(), null, null));
      }
    }
    if (parsed != null && dataFile != null && parsed.hasSeed()) {
      out.add(Diagnostic.warn("SCHEMA_SEED_IGNORED_IN_MIXED_MODE", name, null,
          "The embedded seed of " + schemaFile.relativePath() + " is ignored because " + dataFile.relativePath() + " provides the data.",
          "Remove \"seed\" from the schema file, or delete the data file to use the embedded seed.").withFile(schemaFile.relativePath(), null, null));
    }
    ResourceKind dataKind = data instanceof SourceData.Rows ? ResourceKind.COLLECTION
        : data instanceof SourceData.Document ? ResourceKind.DOCUMENT
        : parsed != null && parsed.hasSeed() && parsed.seed() instanceof Map ? ResourceKind.DOCUMENT
        : parsed != null && parsed.hasSeed() && parsed.seed() instanceof List ? ResourceKind.COLLECTION : null;
    ResourceKind kind = parsed != null && parsed.kind() != null ? parsed.kind() : dataKind != null ? dataKind : ResourceKind.COLLECTION;
    if (dataKind != null && dataKind != kind && data != null) {
      out.add(Diagnostic.error("SCHEMA_KIND_MISMATCH", name, null,
          schemaFile.relativePath() + " declares a " + kind.label() + " but " + dataFile.relativePath() + " holds a " + dataKind.label() + ".",
          kind == ResourceKind.COLLECTION ? "Make the data a JSON array of records." : "Make the data a JSON object.")
          .withFile(dataFile.relativePath(), null, null));
      return null;
    }
    String dataPath = dataFile == null ? null : dataFile.relativePath();
    String schemaPath = schemaFile == null ? null : schemaFile.relativePath();
    String typeSource = parsed != null ? "schema" : "data";
    Map<String, Object> resourceConfig = config.resource(name);
    String store = resourceConfig.get("store") instanceof String s ? s : config.string("stores.default", "json");
    List<List<String>> indexes = indexes(resourceConfig);
    boolean appendOnly = (parsed != null && parsed.appendOnly()) || "append-only".equals(resourceConfig.get("writePolicy"));
    ContentHash seedHash = dataHash != null ? dataHash
        : parsed != null ? ContentHash.of("seed:" + Etags.sha256Hex(Json.canonical(parsed.seed()).getBytes(StandardCharsets.UTF_8))) : null;

    if (kind == ResourceKind.DOCUMENT) {
      Map<String, Object> doc = documentSeed(data, parsed);
      Map<String, FieldDef> fields = parsed != null ? parsed.fields() : SchemaInference.inferDocument(doc);
      ResourceSchema schema = new ResourceSchema(name, kind, null, null, parsed == null ? null : parsed.description(), fields, typeSource, false);
      if (config.bool("defaults.applyOnSafeMigration", true)) {
        Seeds.applyDefaults(fields, doc);
      }
      if (parsed != null) {
        for (Diagnostic d : Validator.validate(schema, doc, ValidationMode.REPLACE, config.unknownFields(), null)) {
          out.add(d.withFile(dataPath != null ? dataPath : schemaPath, null, null));
        }
      }
      SourceInfo info = new SourceInfo(typeSource, dataPath, dataFile == null ? null : dataFile.format().label(), dataHash, schemaPath, seedHash, false);
      return new ResourceDefinition(schema, info, null, doc, store, indexes, List.copyOf(out));
    }

    RecordTable table = data instanceof SourceData.Rows rows ? rows.table() : schemaSeedTable(name, parsed, out);
    List<String> identity = parsed != null ? parsed.identityFields() : null;
    if (identity == null && resourceConfig.get("identity") instanceof Map<?, ?> idm && idm.get("fields") instanceof List<?> fs) {
      identity = fs.stream().map(String::valueOf).toList();
    }
    String idField = idField(name, parsed, table);
    KeySpec key = identity != null ? new KeySpec(identity) : KeySpec.single(idField);
    Map<String, FieldDef> declared = parsed != null ? parsed.fields() : null;
    boolean generatedIds = false;
    boolean needsIds = !key.isCompound() && rowsMissing(table, idField);
    boolean needsDefaults = declared != null && config.bool("defaults.applyOnSafeMigration", true) && Seeds.rowsLackDefaults(table, declared);
    if (needsIds || needsDefaults) {
      table = Seeds.rebuild(table, needsIds ? idField : null, needsDefaults ? declared : null);
      generatedIds = needsIds;
    }
    TableVersion version = table.publishLoaded(key);
    if (frozen != null) {
      frozen.captureIndex(table);
    }
    List<Diagnostic> inferenceNotes = new ArrayList<>();
    Map<String, FieldDef> fields = declared != null ? new LinkedHashMap<>(declared) : SchemaInference.inferCollection(name, version, inferenceNotes);
    out.addAll(inferenceNotes);
    if (declared == null) {
      fields = markNullable(fields, table);
    }
    if (!key.isCompound() && !fields.containsKey(idField)) {
      Map<String, FieldDef> withId = new LinkedHashMap<>();
      withId.put(idField, FieldDef.of(idField, FieldType.STRING, true).withDescription("Generated local id."));
      withId.putAll(fields);
      fields = withId;
    }
    ResourceSchema schema = new ResourceSchema(name, kind, idField, identity, parsed == null ? null : parsed.description(), fields, typeSource, appendOnly);
    identities.put(name, new Identity(dataFile == null ? null : dataFile.path(),
        dataFile == null ? null : LoadSnapshots.SourceStamp.of(dataFile.path(), dataFile.relativePath()), schemaHash));
    if (parsed != null) {
      // A large collection's findings are kept for the next open; generated ids differ per open, so they are not.
      boolean keep = checks != null && stamp != null && !generatedIds;
      CheckResults.Kept kept = keep && known != null
          ? checks.read(name, new CheckResults.Input(dataFile.relativePath(), stamp, known), schemaPath, schemaHash) : null;
      List<Diagnostic> seed = kept != null ? kept.seed()
          : SeedValidator.validate(schema, version, config.unknownFields(), dataPath != null ? dataPath : schemaPath, schemaPath, pool);
      out.addAll(seed);
      if (keep) {
        checked.put(name, new Checked(dataFile, stamp, schemaPath, schemaHash, kept, seed));
      }
    }
    SourceInfo info = new SourceInfo(typeSource, dataPath, dataFile == null ? null : dataFile.format().label(), dataHash, schemaPath, seedHash, generatedIds);
    return new ResourceDefinition(schema, info, version, null, store, indexes, List.copyOf(out));
  }

  /** Data-first fields that ever hold null accept null on writes too. */
  private static Map<String, FieldDef> markNullable(Map<String, FieldDef> fields, RecordTable table) {
    Map<String, FieldDef> out = new LinkedHashMap<>();
    fields.forEach((k, f) -> {
      Column c = table.column(k);
      boolean sawNull = c != null && c.counts().nulls() > 0;
      out.put(k, sawNull && !f.nullable() ? new FieldDef(f.name(), f.type(), f.required(), true, f.hasDefault(), f.defaultValue(), f.values(),
          f.unique(), f.min(), f.max(), f.minLength(), f.maxLength(), f.pattern(), f.readOnly(), f.derived(), f.relation(), f.description(),
          f.items(), f.fields(), f.additionalProperties(), f.discriminator(), f.variants(), f.encoding(), f.integral()) : f);
    });
    return out;
  }

  private interface SourceRead<T> {
    T read() throws SourceException, IOException;
  }

  private static <T> T readSource(String name, SourceFile file, List<Diagnostic> out, SourceRead<T> read) throws SourceException, IOException {
    try {
      return read.read();
    } catch (SourceException e) {
      out.add(new Diagnostic(e.code(), Diagnostic.Severity.ERROR, name, null, file.relativePath(), e.line(), e.column(),
          file.relativePath() + (e.line() == null ? "" : ":" + e.line() + ":" + e.column()) + ": " + e.getMessage(),
          e.hint(), Map.of("reader", file.format().label())));
      throw e;
    }
  }

  private String idField(String name, ParsedSchema parsed, RecordTable table) {
    Object configured = config.collection(name).get("idField");
    if (configured instanceof String s && !s.isBlank()) {
      return s;
    }
    if (parsed != null) {
      return parsed.idField() != null ? parsed.idField() : "id";
    }
    if (table.physicalRows() == 0 || !rowsMissing(table, "id")) {
      return "id";
    }
    for (String field : table.fieldNames(0)) {
      if (ID_LIKE.matcher(field).matches()) {
        return field;
      }
    }
    return "id";
  }

  private static boolean rowsMissing(RecordTable table, String field) {
    Column c = table.column(field);
    if (c == null) {
      return table.physicalRows() > 0;
    }
    if (c.counts().nonNull() < table.physicalRows()) {
      return true;
    }
    return c.kind() == Column.Kind.STRING && c.isDictionaryEncoded() ? c.dictionaryLookup("") >= 0 : hasEmptyString(c, table.physicalRows());
  }

  private static boolean hasEmptyString(Column c, int rows) {
    if (c.counts().strings() == 0) {
      return false;
    }
    for (int r = 0; r < rows; r++) {
      if (c.isEmptyString(r)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Object> documentSeed(SourceData data, ParsedSchema parsed) {
    if (data instanceof SourceData.Document d) {
      return d.value();
    }
    if (parsed != null && parsed.seed() instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> copy = (Map<String, Object>) Json.deepCopy(m);
      return copy;
    }
    return new LinkedHashMap<>();
  }

  private static RecordTable schemaSeedTable(String name, ParsedSchema parsed, List<Diagnostic> out) {
    RecordTable table = new RecordTable();
    if (parsed != null && parsed.seed() instanceof List<?> seed) {
      int i = 0;
      for (Object item : seed) {
        if (item instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, Object> record = (Map<String, Object>) Json.deepCopy(m);
          table.appendRecord(record, -1, table.physicalRows());
        } else {
          out.add(Diagnostic.error("SCHEMA_RECORD_INVALID", name, null, "Seed item " + i + " of " + name + " is not an object and was skipped.",
              "Every seed record must be a JSON object."));
        }
        i++;
      }
    }
    return table;
  }

  @SuppressWarnings("unchecked")
  private static List<List<String>> indexes(Map<String, Object> resourceConfig) {
    List<List<String>> out = new ArrayList<>();
    if (resourceConfig.get("indexes") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> m && m.get("fields") instanceof List<?> fs) {
          out.add(fs.stream().map(String::valueOf).toList());
        } else if (item instanceof String s) {
          out.add(List.of(s));
        } else if (item instanceof List<?> fs) {
          out.add(((List<Object>) fs).stream().map(String::valueOf).toList());
        }
      }
    }
    return out;
  }

  public static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), Etags.sha256())) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // digest updates as it reads
      }
      MessageDigest md = ((DigestInputStream) in).getMessageDigest();
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String preview(List<Integer> positions) {
    List<Integer> head = positions.subList(0, Math.min(5, positions.size()));
    return head.toString() + (positions.size() > 5 ? " and " + (positions.size() - 5) + " more" : "");
  }
}
