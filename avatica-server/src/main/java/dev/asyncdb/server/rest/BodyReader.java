package dev.asyncdb.server.rest;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a request body as JSON, streamed and capped: more than the limit is refused with 413
 * {@code JSON_BODY_TOO_LARGE} as soon as the limit is crossed (a declared Content-Length is checked
 * before reading), an empty body is {@code {}}, and unparseable text is 400
 * {@code REST_INVALID_JSON_BODY} with the parser's message. The Content-Type is not checked, as in the original.
 */
public final class BodyReader {
  private BodyReader() {}

  static Object read(InputStream in, long declaredLength, long max) throws IOException {
    return parse(readText(in, declaredLength, max));
  }

  /** The body as UTF-8 text, with the same limit: for routes whose body need not be JSON (GraphQL's raw query). */
  public static String readText(InputStream in, long declaredLength, long max) throws IOException {
    if (declaredLength > max) {
      throw tooLarge(declaredLength, max);
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
      if (buffer.size() + (long) n > max) {
        throw tooLarge(-1, max);
      }
      buffer.write(chunk, 0, n);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /** JSON text as a value; blank is {@code {}}, unparseable text is 400 {@code REST_INVALID_JSON_BODY}. */
  public static Object parse(String text) {
    if (text.isBlank()) {
      return new LinkedHashMap<String, Object>();
    }
    try {
      return Json.parse(text);
    } catch (UncheckedIOException e) {
      String parser = e.getCause().getMessage();
      throw new DbException("REST_INVALID_JSON_BODY", 400, "The request body is not valid JSON: " + firstLine(parser),
          "Send a JSON object (or, for batch, an array) as the body.", Map.of("parserMessage", parser));
    }
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
  }

  private static DbException tooLarge(long declared, long max) {
    return new DbException("JSON_BODY_TOO_LARGE", 413, "The request body" + (declared >= 0 ? " has " + declared + " bytes," : " is")
        + " larger than the server's limit of " + max + " bytes.", "Send less per request (split a batch), or start the server with a higher"
        + " --max-request-bytes.", Map.of("maxBodyBytes", max));
  }
}
