package dev.asyncdb.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Builds throw-away projects for tests: files under a temp folder, or copies of the bundled examples. */
final class TestProjects {
  private TestProjects() {}

  /** Writes {@code name -> content} pairs (paths relative to the project root). */
  static Path project(Path dir, String... namesAndContents) {
    try {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        Path file = dir.resolve(namesAndContents[i]);
        Files.createDirectories(file.getParent());
        Files.writeString(file, namesAndContents[i + 1], StandardCharsets.UTF_8);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository's examples folder, found by walking up from the working directory. */
  static Path examples() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("examples");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
  }

  /** Copies an example project into a temp folder so tests never write into the committed corpus. */
  static Path copyExample(String name, Path into) {
    Path from = examples().resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = into.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
