package dev.asyncdb.engine.store;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.source.DataReader;
import dev.asyncdb.engine.source.SourceData;
import dev.asyncdb.engine.source.SourceException;
import dev.asyncdb.engine.source.SourceFormat;
import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.engine.sync.Seeds;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The default store: runtime state in {@code .db/state/<resource>.json}, in the original's format.
 *
 * <p>State equal to the seed is not copied eagerly for large resources: when the seed is bigger
 * than {@link #EAGER_COPY_BYTES} the state file is written at the first change, and until then the
 * seed is the state (the recorded source hash says so). Small resources get their state file at
 * sync, as in the original. Writes currently replace the resource's state file atomically; the
 * write-ahead log of the durability work replaces that with record-level logging.
 */
public final class JsonStore implements Store {
  static final long EAGER_COPY_BYTES = 4L << 20;

  private final Path stateDir;
  private final Path projectRoot;
  private final SourceMetadata metadata;

  public JsonStore(Path projectRoot, Path stateDir, SourceMetadata metadata) {
    this.projectRoot = projectRoot;
    this.stateDir = stateDir;
    this.metadata = metadata;
  }

  @Override
  public String driver() {
    return "json";
  }

  @Override
  public boolean writable() {
    return true;
  }

  public Path stateFile(String resource) {
    return stateDir.resolve(resource + ".json");
  }

  @Override
  public String statePath(ResourceDefinition resource) {
    return stateFile(resource.name()).toString();
  }

  @Override
  public Hydrated hydrate(ResourceDefinition r, boolean mayWrite) throws IOException {
    Path file = stateFile(r.name());
    String recorded = metadata.hash(r.name());
    boolean exists = Files.exists(file);
    // The seed's hash is only awaited when there is persisted state to compare it with.
    boolean fresh = exists && recorded != null && r.source().seedHash() != null && recorded.equals(r.source().seedHash().get());
    if (fresh) {
      try {
        return fromState(r, file);
      } catch (SourceException | RuntimeException corrupt) {
        // A state file that no longer parses is replaced by the seed below; the seed is the fallback truth.
      }
    }
    Hydrated seed = new Hydrated(r.seedRows(), r.seedDocument() == null ? null : Json.deepCopy(r.seedDocument()), false);
    if (!mayWrite) {
      return seed;
    }
    if (seedIsSmall(r)) {
      writeState(r, seed.rows(), seed.document());
    } else {
      Files.deleteIfExists(file);
    }
    return seed;
  }

  private boolean seedIsSmall(ResourceDefinition r) throws IOException {
    String path = r.source().dataPath();
    return path == null || Files.size(projectRoot.resolve(path)) <= EAGER_COPY_BYTES;
  }

  private Hydrated fromState(ResourceDefinition r, Path file) throws IOException, SourceException {
    SourceData data = DataReader.read(file, SourceFormat.JSON, false);
    Map<String, FieldDef> fields = r.schema().fields();
    if (r.schema().isCollection()) {
      if (!(data instanceof SourceData.Rows rows)) {
        throw new SourceException("STORE_INVALID_RESOURCE_ENVELOPE", "state of a collection is not an array", null, null, null);
      }
      RecordTable table = rows.table();
      if (Seeds.rowsLackDefaults(table, fields)) {
        table = Seeds.rebuild(table, null, fields);
      }
      KeySpec key = new KeySpec(r.schema().keyFields());
      TableVersion version = table.publishLoaded(key);
      return new Hydrated(version, null, true);
    }
    if (!(data instanceof SourceData.Document doc) || !doc.wasObject()) {
      throw new SourceException("STORE_INVALID_RESOURCE_ENVELOPE", "state of a document is not an object", null, null, null);
    }
    Map<String, Object> value = doc.value();
    Seeds.applyDefaults(fields, value);
    return new Hydrated(null, value, true);
  }

  @Override
  public void commit(List<ResourceChange> changes) throws IOException {
    for (ResourceChange c : changes) {
      writeState(c.resource(), c.rows(), c.document());
      metadata.record(c.resource(), projectRoot);
    }
    metadata.save();
  }

  private void writeState(ResourceDefinition r, TableVersion rows, Map<String, Object> document) throws IOException {
    if (rows != null) {
      StateFiles.writeRows(stateFile(r.name()), rows);
    } else {
      StateFiles.writeValue(stateFile(r.name()), document);
    }
  }

  @Override
  public void close() {
    // State files are complete after every commit; nothing is buffered.
  }
}
