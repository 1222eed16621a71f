package dev.asyncdb.engine.sync;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.ResourceKind;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.source.Names;
import dev.asyncdb.engine.table.TableVersion;
import java.util.List;
import java.util.Map;

/**
 * A resource as sync understands it: its schema, where it came from, its seed (columnar rows for a
 * collection, an object for a document), its store binding and declared indexes.
 */
public record ResourceDefinition(
    ResourceSchema schema,
    SourceInfo source,
    TableVersion seedRows,
    Map<String, Object> seedDocument,
    String store,
    List<List<String>> indexes,
    List<Diagnostic> diagnostics) {

  public String name() {
    return schema.name();
  }

  public ResourceKind kind() {
    return schema.kind();
  }

  public String typeName() {
    return Names.typeName(schema.name(), schema.isCollection());
  }

  public String routePath() {
    return Names.routePath(schema.name());
  }
}
