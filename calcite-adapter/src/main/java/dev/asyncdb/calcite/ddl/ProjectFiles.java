package dev.asyncdb.calcite.ddl;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.source.DataReader;
import dev.asyncdb.engine.source.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Reading and atomically replacing the project files DDL maintains (schema files, db.config.json, saved views). */
final class ProjectFiles {
  private ProjectFiles() {}

  /** A JSON (or JSONC) object file, or null when it does not exist. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readObject(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      Object v = DataReader.readValue(file, Json.JSONC);
      if (!(v instanceof Map)) {
        throw new DbException("SQL_DDL_FILE_INVALID", 400, file.getFileName() + " does not hold a JSON object, so DDL cannot change it.",
            "Fix the file by hand, then run the statement again.", Map.of("file", file.toString()));
      }
      return (Map<String, Object>) v;
    } catch (SourceException e) {
      throw new DbException("SQL_DDL_FILE_INVALID", 400, file.getFileName() + ":" + e.line() + ":" + e.column() + ": " + e.getMessage(),
          "Fix the file by hand, then run the statement again.", Map.of("file", file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pretty JSON with a trailing newline, as the original writes its files. */
  static void writeJson(Path file, Object value) {
    writeText(file, Json.pretty(value) + "\n");
  }

  /** Replaces a file atomically: a temp file in the same folder, then a rename. */
  static void writeText(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean delete(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
