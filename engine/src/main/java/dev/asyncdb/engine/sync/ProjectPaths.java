package dev.asyncdb.engine.sync;

import dev.asyncdb.engine.config.DbConfig;
import java.nio.file.Path;

/** The folders of a project, resolved against its root. */
public record ProjectPaths(Path root, Path dbDir, Path stateDir, Path operationsDir) {
  public static ProjectPaths of(Path root, DbConfig config) {
    Path r = root.toAbsolutePath().normalize();
    return new ProjectPaths(r, r.resolve(config.dbDir()).normalize(), r.resolve(config.stateDir()).normalize(),
        r.resolve(config.operationsDir()).normalize());
  }

  public Path statePath() {
    return stateDir.resolve("state");
  }

  public Path walPath() {
    return stateDir.resolve("wal");
  }

  public Path generatedSchema() {
    return stateDir.resolve("schema.generated.json");
  }
}
