package dev.asyncdb.engine.source;

import java.nio.file.Path;

/**
 * A data or schema file found under {@code db/}.
 *
 * @param relativePath path relative to the project root with forward slashes, e.g. {@code db/users.json}
 */
public record SourceFile(Path path, String relativePath, SourceFormat format, String resourceName) {
  public boolean isSchema() {
    return format.isSchema();
  }
}
