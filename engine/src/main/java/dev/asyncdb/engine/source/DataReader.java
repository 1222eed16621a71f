package dev.asyncdb.engine.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.DuplicateFieldException;
import dev.asyncdb.engine.table.RecordTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads data files into {@link SourceData}. JSON arrays and JSON Lines stream token by token
 * straight into columns — no tree or map per record — which is what lets a 150 MB collection load
 * in about a second in a few hundred megabytes.
 */
public final class DataReader {
  private DataReader() {}

  public static SourceData read(Path file, SourceFormat format, boolean allowJsonc) throws SourceException, IOException {
    return read(file, format, allowJsonc, ReadProgress.NONE);
  }

  /** As {@link #read(Path, SourceFormat, boolean)}, telling {@code progress} how many bytes were consumed. */
  public static SourceData read(Path file, SourceFormat format, boolean allowJsonc, ReadProgress progress) throws SourceException, IOException {
    switch (format) {
      case CSV:
        return csv(file, progress);
      case JSONL:
      case NDJSON:
        return jsonLines(file, progress);
      case JSONC:
        if (!allowJsonc) {
          throw new SourceException("SOURCE_LOAD_FAILED", "JSONC sources are disabled (schema.allowJsonc is false).", null, null,
              "Enable schema.allowJsonc or rename the file to .json without comments.");
        }
        return json(file, Json.JSONC, progress);
      default:
        return json(file, Json.STRICT, progress);
    }
  }

  private static InputStream open(Path file, ReadProgress progress) throws IOException {
    return ReadProgress.counting(Files.newInputStream(file), progress, dev.asyncdb.engine.LoadProgress.STEP);
  }

  /** Parses a whole JSON(C) file into Java values (schema files and small inputs). */
  public static Object readValue(Path file, JsonFactory factory) throws SourceException, IOException {
    try (InputStream in = Files.newInputStream(file); JsonParser p = factory.createParser(in)) {
      if (p.nextToken() == null) {
        throw new SourceException("SOURCE_LOAD_FAILED", "File is empty; expected a JSON value.", 1, 1, "Write [] for an empty collection or {} for a document.");
      }
      Object v = Json.read(p);
      if (p.nextToken() != null) {
        throw new SourceException("SOURCE_LOAD_FAILED", "Unexpected content after the JSON value.",
            p.currentLocation().getLineNr(), p.currentLocation().getColumnNr(), "Remove everything after the closing bracket.");
      }
      return v;
    } catch (StreamReadException e) {
      throw parseError(e);
    }
  }

  private static SourceData json(Path file, JsonFactory factory, ReadProgress progress) throws SourceException, IOException {
    if (factory == Json.STRICT) {
      // Measured on 2 cores: one parser thread beats two, because the JIT compiler and the garbage
      // collector need the other core during a load. Larger machines split the file.
      int cores = Runtime.getRuntime().availableProcessors();
      RecordTable parallel = ParallelJsonArray.tryLoad(file, cores >= 4 ? cores / 2 : 1);
      if (parallel != null) {
        progress.advanced(Files.size(file));
        return new SourceData.Rows(parallel, List.of());
      }
    }
    try (InputStream in = open(file, progress); JsonParser p = factory.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new SourceException("SOURCE_LOAD_FAILED", "File is empty; expected a JSON array (collection) or object (document).", 1, 1,
            "Write [] for an empty collection or {} for a document.");
      }
      if (first == JsonToken.START_ARRAY) {
        RecordTable table = new RecordTable();
        List<Integer> skipped = new ArrayList<>();
        try {
          loadArray(p, table, skipped);
        } catch (DuplicateFieldException dup) {
          return slowArray(file, factory);
        }
        expectEnd(p);
        return new SourceData.Rows(table, skipped);
      }
      Object v = Json.read(p);
      expectEnd(p);
      @SuppressWarnings("unchecked")
      Map<String, Object> doc = v instanceof Map ? (Map<String, Object>) v : new LinkedHashMap<>();
      return new SourceData.Document(doc, v instanceof Map);
    } catch (StreamReadException e) {
      throw parseError(e);
    }
  }

  /** Last-value-wins fallback for files whose records repeat a key (JSON.parse semantics). */
  private static SourceData slowArray(Path file, JsonFactory factory) throws IOException, SourceException {
    Object v = readValue(file, factory);
    RecordTable table = new RecordTable();
    List<Integer> skipped = new ArrayList<>();
    int i = 0;
    for (Object item : (List<?>) v) {
      if (item instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) m;
        table.appendRecord(record, -1, table.physicalRows());
      } else {
        skipped.add(i);
      }
      i++;
    }
    return new SourceData.Rows(table, skipped);
  }

  private static void loadArray(JsonParser p, RecordTable table, List<Integer> skipped) throws IOException {
    int position = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == null) {
        throw new JsonParseException(p, "Unexpected end of file inside the top-level array");
      }
      if (t == JsonToken.START_OBJECT) {
        loadObject(p, table);
      } else {
        p.skipChildren();
        skipped.add(position);
      }
      position++;
    }
  }

  /** Appends the object at the parser's START_OBJECT as one row, value by value. */
  static void loadObject(JsonParser p, RecordTable table) throws IOException {
    table.startRow();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      Column c = table.field(name);
      switch (p.nextToken()) {
        case VALUE_STRING:
          c.appendString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          break;
        case VALUE_NUMBER_INT:
          if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            c.appendValue(p.getBigIntegerValue());
          } else {
            c.appendLong(p.getLongValue());
          }
          break;
        case VALUE_NUMBER_FLOAT:
          c.appendDouble(p.getDoubleValue());
          break;
        case VALUE_TRUE:
          c.appendBoolean(true);
          break;
        case VALUE_FALSE:
          c.appendBoolean(false);
          break;
        case VALUE_NULL:
          c.appendNull();
          break;
        default:
          c.appendNested(Json.read(p));
      }
    }
    table.finishRow(-1, table.physicalRows());
  }

  private static SourceData jsonLines(Path file, ReadProgress progress) throws IOException, SourceException {
    RecordTable table = new RecordTable();
    List<Integer> skipped = new ArrayList<>();
    try (InputStream in = open(file, progress); JsonParser p = Json.STRICT.createParser(in)) {
      int position = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT) {
          try {
            loadObject(p, table);
          } catch (DuplicateFieldException dup) {
            throw new SourceException("SOURCE_LOAD_FAILED", "Record " + (position + 1) + " names a field twice: " + dup.getMessage() + ".",
                p.currentLocation().getLineNr(), p.currentLocation().getColumnNr(), "Remove the repeated key.");
          }
        } else {
          p.skipChildren();
          skipped.add(position);
        }
        position++;
      }
    } catch (StreamReadException e) {
      throw parseError(e);
    }
    return new SourceData.Rows(table, skipped);
  }

  private static SourceData csv(Path file, ReadProgress progress) throws IOException, SourceException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    progress.advanced(Files.size(file));
    RecordTable table = new RecordTable();
    for (Map<String, Object> record : CsvReader.read(text)) {
      table.appendRecord(record, -1, table.physicalRows());
    }
    return new SourceData.Rows(table, List.of());
  }

  private static void expectEnd(JsonParser p) throws IOException, SourceException {
    if (p.nextToken() != null) {
      throw new SourceException("SOURCE_LOAD_FAILED", "Unexpected content after the top-level JSON value.",
          p.currentLocation().getLineNr(), p.currentLocation().getColumnNr(), "Remove everything after the closing bracket.");
    }
  }

  private static SourceException parseError(StreamReadException e) {
    String message = e.getOriginalMessage();
    int cut = message.indexOf("\n at [Source");
    if (cut > 0) {
      message = message.substring(0, cut);
    }
    Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
    Integer col = e.getLocation() == null ? null : e.getLocation().getColumnNr();
    return new SourceException("SOURCE_LOAD_FAILED", "Invalid JSON: " + message, line, col,
        "Fix the syntax at the line and column shown; .json files must be strict JSON (use .jsonc for comments and trailing commas).");
  }
}
