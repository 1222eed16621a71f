package dev.asyncdb.bench.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code <table>.schema.json} files in Async DB's schema format, so the
 * generated projects carry their own contract and the loaders read the shape from it.
 */
public final class SchemaFile {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SchemaFile() {}

  /** The schema file that belongs to a data file {@code <name>.json} in {@code dbDir}. */
  public static Path pathFor(Path dbDir, String table) {
    return dbDir.resolve(table + ".schema.json");
  }

  /** Writes the schema of {@code table} as a collection schema. */
  public static void write(Path file, TableSpec table) throws IOException {
    MAPPER.writeValue(file.toFile(), toJson(table));
  }

  static ObjectNode toJson(TableSpec table) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("kind", "collection");
    if (table.keyFields().size() == 1) {
      root.put("idField", table.keyFields().get(0));
    } else {
      ArrayNode keys = root.putObject("identity").putArray("fields");
      table.keyFields().forEach(keys::add);
    }
    ObjectNode fields = root.putObject("fields");
    for (FieldSpec field : table.fields()) {
      ObjectNode node = fields.putObject(field.name());
      node.put("type", field.type().schemaName());
      node.put("required", true);
      if (!field.values().isEmpty()) {
        ArrayNode values = node.putArray("values");
        field.values().forEach(values::add);
      }
      if (field.relationTo() != null) {
        node.putObject("relation").put("to", field.relationTo());
      }
    }
    return root;
  }

  /** Reads the schema of collection {@code table} from {@code file}. */
  public static TableSpec read(String table, Path file) throws IOException {
    JsonNode root = MAPPER.readTree(file.toFile());
    List<FieldSpec> fields = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.path("fields").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode node = entry.getValue();
      List<String> values = new ArrayList<>();
      node.path("values").forEach(v -> values.add(v.asText()));
      JsonNode relation = node.path("relation").path("to");
      fields.add(new FieldSpec(entry.getKey(), FieldType.fromSchemaName(node.path("type").asText()),
          values, relation.isMissingNode() ? null : relation.asText()));
    }
    List<String> keys = new ArrayList<>();
    if (root.hasNonNull("idField")) {
      keys.add(root.get("idField").asText());
    } else {
      root.path("identity").path("fields").forEach(k -> keys.add(k.asText()));
    }
    return new TableSpec(table, fields, keys);
  }
}
