package dev.asyncdb.engine.store;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code sourceFile} store: the plain {@code .json} source file is the state. Writes (and ids
 * generated at sync) go back into that file atomically. Other formats cannot be written back
 * ({@code STORE_SOURCE_NOT_WRITABLE}).
 */
public final class SourceFileStore implements Store {
  private final Path projectRoot;

  public SourceFileStore(Path projectRoot) {
    this.projectRoot = projectRoot;
  }

  @Override
  public String driver() {
    return "sourceFile";
  }

  @Override
  public boolean writable() {
    return true;
  }

  /** Checks that writes to a resource can reach its source file. */
  public static void requireWritableSource(ResourceDefinition r) {
    if (r.source().dataPath() == null || !"json".equals(r.source().dataFormat()) || !r.source().dataPath().endsWith(".json")) {
      throw new DbException("STORE_SOURCE_NOT_WRITABLE", 400,
          "Resource " + r.name() + " uses the sourceFile store, but its source " + (r.source().dataPath() == null ? "is a schema file" : r.source().dataPath() + " is not a plain .json file") + ".",
          "Use the sourceFile store only for resources backed by a .json data file, or bind this resource to the json store.",
          Map.of("resource", r.name()));
    }
  }

  @Override
  public Hydrated hydrate(ResourceDefinition r, boolean mayWrite) throws IOException {
    if (mayWrite && r.source().generatedIds() && r.seedRows() != null && r.source().dataPath() != null && r.source().dataPath().endsWith(".json")) {
      StateFiles.writeRows(projectRoot.resolve(r.source().dataPath()), r.seedRows());
    }
    return new Hydrated(r.seedRows(), r.seedDocument() == null ? null : Json.deepCopy(r.seedDocument()), false);
  }

  @Override
  public Durable commit(List<ResourceChange> changes) throws IOException {
    // Source files are rewritten whole and atomically: durable before returning.
    for (ResourceChange c : changes) {
      requireWritableSource(c.resource());
      Path file = projectRoot.resolve(c.resource().source().dataPath());
      if (c.rows() != null) {
        StateFiles.writeRows(file, c.rows());
      } else {
        StateFiles.writeValue(file, c.document());
      }
    }
    return Durable.DONE;
  }

  /**
   * Source files cannot hold a write open: the check that most often fails (a source that is not a
   * plain .json file) runs now, the files are written once the write is decided.
   */
  @Override
  public Prepared prepare(List<ResourceChange> changes, String commitId) throws IOException {
    for (ResourceChange c : changes) {
      requireWritableSource(c.resource());
    }
    return Store.super.prepare(changes, commitId);
  }

  @Override
  public void close() {
    // Nothing buffered.
  }
}
