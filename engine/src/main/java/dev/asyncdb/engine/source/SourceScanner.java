package dev.asyncdb.engine.source;

import dev.asyncdb.engine.Diagnostic;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the data and schema files of a project: {@code db/} scanned recursively in sorted order,
 * dot folders and the operations folder skipped, each file named after its resource by the
 * configured naming strategy ({@code basename}, {@code folder-prefixed} or {@code path}).
 */
public final class SourceScanner {
  /** Files found and problems with their names. */
  public record Scan(Map<String, SourceFile> data, Map<String, SourceFile> schemas, List<Diagnostic> diagnostics) {}

  private SourceScanner() {}

  public static Scan scan(Path projectRoot, Path dbDir, Path operationsDir, String naming, String schemaSource) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dbDir)) {
      Path ops = operationsDir.toAbsolutePath().normalize();
      Files.walkFileTree(dbDir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(dbDir) && (dir.getFileName().toString().startsWith(".") || dir.toAbsolutePath().normalize().equals(ops))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
            files.add(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    }
    files.sort((a, b) -> relative(projectRoot, a).compareTo(relative(projectRoot, b)));
    Map<String, SourceFile> data = new LinkedHashMap<>();
    Map<String, SourceFile> schemas = new LinkedHashMap<>();
    Map<String, List<String>> dataFiles = new LinkedHashMap<>();
    Map<String, List<String>> schemaFiles = new LinkedHashMap<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      SourceFormat format = SourceFormat.of(fileName);
      if (format == null || fileName.equals("db.config.json")) {
        continue;
      }
      if (format.isSchema() ? "data".equals(schemaSource) : "schema".equals(schemaSource)) {
        continue;
      }
      String name = resourceName(dbDir, file, format, naming);
      if (name.isEmpty()) {
        continue;
      }
      SourceFile source = new SourceFile(file, relative(projectRoot, file), format, name);
      (format.isSchema() ? schemas : data).put(name, source);
      (format.isSchema() ? schemaFiles : dataFiles).computeIfAbsent(name, k -> new ArrayList<>()).add(source.relativePath());
    }
    duplicateNames(dataFiles, "data", diagnostics);
    duplicateNames(schemaFiles, "schema", diagnostics);
    aliasCollisions(data, schemas, diagnostics);
    return new Scan(data, schemas, diagnostics);
  }

  private static void duplicateNames(Map<String, List<String>> byName, String what, List<Diagnostic> out) {
    byName.forEach((name, paths) -> {
      if (paths.size() > 1) {
        out.add(Diagnostic.error("DUPLICATE_RESOURCE_NAME", name, null,
            "Resource \"" + name + "\" is defined by several " + what + " files: " + String.join(", ", paths) + " (the last one wins).",
            "Rename one file, or set \"resources\": {\"naming\": \"folder-prefixed\"} (or \"path\") in db.config.json.")
            .withDetails(Map.of("files", paths)));
      }
    });
  }

  private static void aliasCollisions(Map<String, SourceFile> data, Map<String, SourceFile> schemas, List<Diagnostic> out) {
    Map<String, String> owner = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(data.keySet());
    schemas.keySet().forEach(n -> {
      if (!names.contains(n)) {
        names.add(n);
      }
    });
    for (String name : names) {
      for (String alias : Names.aliases(name)) {
        String other = owner.putIfAbsent(alias, name);
        if (other != null && !other.equals(name)) {
          out.add(Diagnostic.error("RESOURCE_ALIAS_COLLISION", name, null,
              "Resources \"" + other + "\" and \"" + name + "\" share the alias \"" + alias + "\", so lookups would be ambiguous.",
              "Rename one of the files so their camelCase and kebab-case names differ.")
              .withDetails(Map.of("alias", alias, "resources", List.of(other, name))));
        }
      }
    }
  }

  static String resourceName(Path dbDir, Path file, SourceFormat format, String naming) {
    Path rel = dbDir.relativize(file);
    String base = format.basename(file.getFileName().toString());
    List<String> folders = new ArrayList<>();
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      folders.add(rel.getName(i).toString());
    }
    if (base.equals("index") && format.isSchema() && !folders.isEmpty()) {
      base = folders.remove(folders.size() - 1);
    }
    String raw = switch (naming) {
      case "folder-prefixed" -> folders.isEmpty() ? base : folders.get(folders.size() - 1) + "-" + base;
      case "path" -> folders.isEmpty() ? base : String.join("-", folders) + "-" + base;
      default -> base;
    };
    return Names.camelCase(raw);
  }

  public static String relative(Path root, Path file) {
    return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }
}
