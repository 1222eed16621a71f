package dev.asyncdb.bench.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file written last into a generated project; its presence, generator version, scale and
 * file sizes tell that the dataset is complete and can be reused instead of regenerated.
 */
public final class DatasetMarker {

  static final String FILE_NAME = "bench-dataset.json";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DatasetMarker() {}

  /** Records {@code dataset} as complete for {@code generator} at {@code version}. */
  public static void write(Dataset dataset, String generator, int version) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("generator", generator);
    root.put("version", version);
    root.put("scale", dataset.scale());
    ArrayNode tables = root.putArray("tables");
    for (DatasetTable table : dataset.tables()) {
      tables.addObject()
          .put("name", table.spec().name())
          .put("file", table.file().getFileName().toString())
          .put("rows", table.rows())
          .put("bytes", table.bytes());
    }
    Path tmp = dataset.projectDir().resolve(FILE_NAME + ".tmp");
    MAPPER.writeValue(tmp.toFile(), root);
    Files.move(tmp, dataset.projectDir().resolve(FILE_NAME),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The complete dataset in {@code projectDir}, or empty when the marker is missing, was written
   * by another generator or version or for another scale, or a file no longer has its recorded
   * size.
   */
  public static Optional<Dataset> read(Path projectDir, String generator, int version,
      double scale) throws IOException {
    Path marker = projectDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(marker)) {
      return Optional.empty();
    }
    JsonNode root = MAPPER.readTree(marker.toFile());
    if (!generator.equals(root.path("generator").asText())
        || root.path("version").asInt() != version
        || Double.compare(root.path("scale").asDouble(), scale) != 0) {
      return Optional.empty();
    }
    return dataset(projectDir, root);
  }

  /** The complete dataset in {@code projectDir}, whatever generator wrote it. */
  public static Dataset load(Path projectDir) throws IOException {
    Path marker = projectDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(marker)) {
      throw new IOException("no complete dataset in " + projectDir + " (" + FILE_NAME
          + " is missing)");
    }
    return dataset(projectDir, MAPPER.readTree(marker.toFile()))
        .orElseThrow(() -> new IOException("the dataset in " + projectDir + " is incomplete"));
  }

  private static Optional<Dataset> dataset(Path projectDir, JsonNode root) throws IOException {
    Path dbDir = projectDir.resolve("db");
    List<DatasetTable> tables = new ArrayList<>();
    for (JsonNode node : root.path("tables")) {
      String table = node.path("name").asText();
      Path file = dbDir.resolve(node.path("file").asText());
      Path schema = SchemaFile.pathFor(dbDir, table);
      long bytes = node.path("bytes").asLong();
      if (!Files.isRegularFile(file) || Files.size(file) != bytes || !Files.isRegularFile(schema)) {
        return Optional.empty();
      }
      tables.add(new DatasetTable(SchemaFile.read(table, schema), file,
          node.path("rows").asLong(), bytes));
    }
    return Optional.of(new Dataset(root.path("generator").asText(), projectDir,
        root.path("scale").asDouble(), tables));
  }
}
