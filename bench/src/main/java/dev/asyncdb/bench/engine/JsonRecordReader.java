package dev.asyncdb.bench.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.asyncdb.bench.data.TableSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the records of a JSON collection file (an array of objects) as value arrays in the
 * table's field order, token by token, so loading never holds the whole file as a tree.
 */
public final class JsonRecordReader {

  /** Receives one record at a time; the array is reused between calls. */
  @FunctionalInterface
  public interface Sink {
    /** Accepts one record's values in field order. */
    void accept(Object[] values) throws Exception;
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonRecordReader() {}

  /** Reads every record of {@code file} into {@code sink}; returns how many there were. */
  public static long read(Path file, TableSpec spec, Sink sink) throws Exception {
    List<String> names = spec.fieldNames();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    Object[] values = new Object[names.size()];
    long count = 0;
    try (JsonParser parser = FACTORY.createParser(file.toFile())) {
      expect(parser.nextToken(), JsonToken.START_ARRAY, file);
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        java.util.Arrays.fill(values, null);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          Integer slot = index.get(parser.currentName());
          JsonToken token = parser.nextToken();
          if (slot == null) {
            parser.skipChildren();
          } else {
            values[slot] = value(parser, token);
          }
        }
        sink.accept(values);
        count++;
      }
    }
    return count;
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> {
        parser.skipChildren();
        yield null;
      }
    };
  }

  private static void expect(JsonToken actual, JsonToken expected, Path file) throws IOException {
    if (actual != expected) {
      throw new IOException(file + ": expected " + expected + " but found " + actual);
    }
  }
}
