package dev.asyncdb.bench.data;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting and linking folder trees for datasets and engine scratch folders. */
public final class FileTrees {

  private FileTrees() {}

  /** Replaces {@code dir} with an empty folder, for an engine's files of one run. */
  public static void emptyDirectory(Path dir) throws IOException {
    deleteRecursively(dir);
    Files.createDirectories(dir);
  }

  /** Deletes {@code dir} and everything below it; does nothing when it does not exist. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path path : paths) {
        Files.delete(path);
      }
    }
  }

  /**
   * Makes {@code target} a hard link to {@code source}, or a copy where the file system cannot
   * link; links keep a 150 MB fixture from being copied for every fresh project.
   */
  public static void linkOrCopy(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
