package dev.asyncdb.bench.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncdb.bench.data.Dataset;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Apache Calcite's file adapter over the very JSON files of the dataset (the closest peer: also
 * Calcite, also JSON), declared by an inline model; identifiers match case-insensitively so the
 * camelCase field names work unquoted, as they do on every other engine.
 */
public final class CalciteFileEngine implements Engine {

  private Connection connection;

  @Override
  public String name() {
    return "Calcite file adapter";
  }

  @Override
  public String setup() {
    return "calcite-file 1.41.0 on calcite-core 1.42.0, over the JSON files themselves"
        + " (inline model, caseSensitive=false); reads each file on first use, no keys or indexes";
  }

  @Override
  public Dialect dialect() {
    return Dialect.ISO_TEXT;
  }

  @Override
  public void open(Dataset dataset) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("model", "inline:" + model(dataset));
    properties.setProperty("caseSensitive", "false");
    connection = DriverManager.getConnection("jdbc:calcite:", properties);
  }

  /** The inline model: one file-adapter schema over the dataset's {@code db/} folder. */
  static String model(Dataset dataset) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode model = mapper.createObjectNode();
    model.put("version", "1.0");
    model.put("defaultSchema", dataset.name());
    ObjectNode schema = model.putArray("schemas").addObject();
    schema.put("name", dataset.name());
    schema.put("type", "custom");
    schema.put("factory", "org.apache.calcite.adapter.file.FileSchemaFactory");
    schema.putObject("operand").put("directory", dataset.dbDir().toAbsolutePath().toString());
    return model.toString();
  }

  @Override
  public Connection connection() throws SQLException {
    if (connection == null) {
      throw new SQLException(name() + " is not open");
    }
    return connection;
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
