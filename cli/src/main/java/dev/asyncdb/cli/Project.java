package dev.asyncdb.cli;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.OpenOptions;
import dev.asyncdb.engine.source.Names;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** How commands open the project named by the global options, find resources in it and report its diagnostics. */
public final class Project {
  private Project() {}

  /** Options for the project and config file of the command line, customised by the command. */
  public static OpenOptions options(Main main, Consumer<OpenOptions.Builder> customize) {
    OpenOptions.Builder b = OpenOptions.builder(main.projectDir());
    if (main.configFile() != null) {
      b.configFile(main.configFile());
    }
    customize.accept(b);
    return b.build();
  }

  /** Opens the project with a full sync (writes .db/), failing on error diagnostics. */
  public static AsyncDb sync(Main main) {
    return AsyncDb.open(options(main, b -> b.readOnly(main.readOnly())));
  }

  /**
   * Opens the project to look at it: nothing under .db/ is written and runtime state is not loaded
   * (collections read as their seeds).
   */
  public static AsyncDb inspect(Main main, Consumer<OpenOptions.Builder> customize) {
    return AsyncDb.open(options(main, b -> {
      b.readOnly(true).writeGeneratedFiles(false);
      customize.accept(b);
    }));
  }

  /**
   * The definition a user-typed name refers to (exact name, camelCase or kebab-case), or an error
   * with {@code code} that lists the available names.
   */
  public static ResourceDefinition resolve(List<ResourceDefinition> definitions, String name, String code) {
    for (String alias : Names.aliases(name)) {
      for (ResourceDefinition d : definitions) {
        if (d.name().equals(alias)) {
          return d;
        }
      }
    }
    List<String> available = definitions.stream().map(ResourceDefinition::name).toList();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("resource", name);
    details.put("normalizedCandidates", List.copyOf(Names.aliases(name)));
    details.put("availableResources", available);
    throw new DbException(code, 404, "Unknown resource \"" + name + "\".",
        available.isEmpty() ? "The project has no resources; add files under db/." : "Use one of: " + String.join(", ", available) + ".", details);
  }

  /** One diagnostic as {@code severity: CODE: message (file:line:col)} and an indented hint. */
  public static void print(Diagnostic d, PrintWriter w, Style style) {
    String line = d.format();
    w.println(style.severity(d.severity()) + line.substring(d.severity().label().length()));
    if (d.hint() != null) {
      w.println("  hint: " + d.hint());
    }
  }

  /** A path as shown to users: relative to the project root when inside it, with forward slashes. */
  public static String relative(Path root, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path r = root.toAbsolutePath().normalize();
    return (abs.startsWith(r) ? r.relativize(abs) : abs).toString().replace('\\', '/');
  }

  /** An output path given on the command line; relative paths are resolved against the project folder. */
  public static Path output(Path root, String path) {
    return root.toAbsolutePath().resolve(path).normalize();
  }
}
