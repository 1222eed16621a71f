package dev.asyncdb.cli;

import dev.asyncdb.engine.DbException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes generated files without ever clobbering someone's work: identical content is left alone,
 * different content is replaced only when the command was given {@code --force}.
 */
public final class Outputs {
  /** What happened to a file. */
  public enum Result { CREATED, UPDATED, UNCHANGED }

  private Outputs() {}

  /**
   * Writes {@code content} to {@code file} (creating folders). When the file exists with other
   * content and {@code force} is false, fails with {@code existsCode} and nothing is written.
   */
  public static Result write(Path root, Path file, String content, boolean force, String existsCode) {
    try {
      boolean exists = Files.exists(file);
      if (exists && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
        return Result.UNCHANGED;
      }
      if (exists && !force) {
        String shown = Project.relative(root, file);
        throw new DbException(existsCode, 409, shown + " already exists with different content.",
            "Review the existing file, choose another output path, or pass --force to overwrite it.", Map.of("file", shown));
      }
      replace(file, content);
      return exists ? Result.UPDATED : Result.CREATED;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a file through a temporary sibling and a rename, so readers never see half of it. */
  public static void replace(Path file, String content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
