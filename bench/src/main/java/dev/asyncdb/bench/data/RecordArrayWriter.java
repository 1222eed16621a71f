package dev.asyncdb.bench.data;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams a JSON array of records to a file, one record per line ({@code [\n{..},\n{..}\n]}),
 * so that a 150 MB collection is written without ever holding it in memory and stays
 * line-diffable.
 */
public final class RecordArrayWriter implements AutoCloseable {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonGenerator generator;
  private long records;

  private RecordArrayWriter(JsonGenerator generator) {
    this.generator = generator;
  }

  /** Creates (or truncates) {@code file} and opens the array. */
  public static RecordArrayWriter open(Path file) throws IOException {
    JsonGenerator generator = FACTORY.createGenerator(file.toFile(), JsonEncoding.UTF8);
    generator.setPrettyPrinter(new OneRecordPerLine());
    generator.writeStartArray();
    return new RecordArrayWriter(generator);
  }

  /** Starts the next record and returns the generator to write its fields with. */
  public JsonGenerator startRecord() throws IOException {
    generator.writeStartObject();
    return generator;
  }

  /** Ends the record started by {@link #startRecord()}. */
  public void endRecord() throws IOException {
    generator.writeEndObject();
    records++;
  }

  /** How many records were written so far. */
  public long records() {
    return records;
  }

  @Override
  public void close() throws IOException {
    generator.writeEndArray();
    generator.close();
  }

  /** Compact objects, each array element on its own line. */
  private static final class OneRecordPerLine extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      if (nrOfValues > 0) {
        g.writeRaw('\n');
      }
      g.writeRaw(']');
    }
  }
}
