package dev.asyncdb.cli;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.io.UncheckedIOException;
import java.util.Map;

/** Parses JSON typed on the command line, turning parser failures into an error that says where the text went wrong. */
public final class JsonArgument {
  private JsonArgument() {}

  /** The JSON object in {@code text}; {@code code} names the error when it is not valid JSON or not an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String text, String code, String example) {
    Object value;
    try {
      value = Json.parse(text);
    } catch (UncheckedIOException e) {
      String reason = e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getCause().getMessage();
      throw new DbException(code, 400, "The JSON argument is not valid JSON: " + reason,
          "Quote the whole object for your shell, e.g. " + example + ".", Map.of("input", text));
    }
    if (!(value instanceof Map)) {
      throw new DbException(code, 400, "The JSON argument must be an object, got " + Json.typeName(value) + ".",
          "Pass one record as a JSON object, e.g. " + example + ".", Map.of("input", text));
    }
    return (Map<String, Object>) value;
  }
}
