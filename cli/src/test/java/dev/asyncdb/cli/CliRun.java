package dev.asyncdb.cli;

import dev.asyncdb.engine.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Runs the CLI in-process and builds throw-away projects (files written by the test, or copies of the bundled examples). */
public final class CliRun {
  /** What a run printed and returned. */
  public record Result(int code, String out, String err) {}

  private CliRun() {}

  public static Result run(String... args) {
    return runWithInput("", args);
  }

  /** Runs with {@code stdin} as standard input (not a terminal). */
  public static Result runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
        new PrintWriter(err, true), false);
    return new Result(code, out.toString(), err.toString());
  }

  /** Writes {@code path, content} pairs under {@code dir}. */
  public static Path project(Path dir, String... pathsAndContents) {
    try {
      for (int i = 0; i < pathsAndContents.length; i += 2) {
        Path file = dir.resolve(pathsAndContents[i]);
        Files.createDirectories(file.getParent());
        Files.writeString(file, pathsAndContents[i + 1], StandardCharsets.UTF_8);
      }
      Files.createDirectories(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository's examples folder, found by walking up from the working directory. */
  public static Path examples() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples");
      if (Files.isDirectory(candidate.resolve("data-first"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
  }

  /** Copies an example into {@code into/<name>} so tests never write into the committed corpus. */
  public static Path example(String name, Path into) {
    Path from = examples().resolve(name);
    Path to = into.resolve(name);
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

  /** The JSON object in {@code text} (fails the test when it is anything else). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String text) {
    Object v = Json.parse(text);
    if (!(v instanceof Map)) {
      throw new AssertionError("expected a JSON object, got: " + text);
    }
    return (Map<String, Object>) v;
  }

  /** The JSON object at {@code key} of {@code map}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, Object> map, String key) {
    return (Map<String, Object>) map.get(key);
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
