package dev.asyncdb.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Throw-away copies of the repository's example projects, so tests never write into the committed corpus. */
public final class Projects {
  private Projects() {}

  public static Path copy(String example, Path into) {
    Path from = examples().resolve(example);
    Path to = into.resolve(example);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A project with one collection {@code items} of {@code n} records (ids i0…), for queries that need volume. */
  static Path items(Path into, int n) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":\"i").append(i).append("\",\"n\":").append(i).append('}');
    }
    try {
      Path project = into.resolve("items");
      Files.createDirectories(project.resolve("db"));
      Files.writeString(project.resolve("db/items.json"), json.append(']').toString());
      return project;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path examples() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples/data-first"))) {
        return dir.resolve("examples");
      }
    }
    throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
  }
}
