package dev.asyncdb.engine.store.wal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.asyncdb.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The log's record format: {@code [payload length: int32][CRC32C of payload: int32][payload]}, the
 * payload being one committed write as JSON: {@code {"c":[{"r":resource,"o":op,"k":key,"v":value,"h":seedHash}]}}.
 * One record per write makes a write spanning several resources all-or-nothing on replay.
 */
public final class WalCodec {
  /** Bytes before the payload. */
  public static final int HEADER = 8;
  /** Larger lengths can only come from a torn or corrupt header. */
  static final int MAX_PAYLOAD = 1 << 30;

  private WalCodec() {}

  public static byte[] encode(List<WalEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(64L << 20, 64L + 192L * entries.size()));
    out.write(new byte[HEADER], 0, HEADER);
    try (JsonGenerator g = Json.STRICT.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("c");
      for (WalEntry e : entries) {
        g.writeStartObject();
        g.writeStringField("r", e.resource());
        g.writeStringField("o", String.valueOf(e.op()));
        if (e.key() != null) {
          g.writeStringField("k", e.key());
        }
        if (e.value() != null) {
          g.writeFieldName("v");
          Json.writeValue(g, e.value());
        }
        if (e.seedHash() != null) {
          g.writeStringField("h", e.seedHash());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] frame = out.toByteArray();
    int length = frame.length - HEADER;
    CRC32C crc = new CRC32C();
    crc.update(frame, HEADER, length);
    ByteBuffer.wrap(frame).putInt(length).putInt((int) crc.getValue());
    return frame;
  }

  /** Whether {@code payload} (at offset, length bytes) matches the checksum from its header. */
  static boolean checksumMatches(byte[] data, int offset, int length, int expected) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    return (int) crc.getValue() == expected;
  }

  static List<WalEntry> decode(byte[] data, int offset, int length) throws IOException {
    List<WalEntry> entries = new ArrayList<>();
    try (JsonParser p = Json.STRICT.createParser(data, offset, length)) {
      expect(p.nextToken() == JsonToken.START_OBJECT && "c".equals(p.nextFieldName()) && p.nextToken() == JsonToken.START_ARRAY);
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String resource = null;
        String op = null;
        String key = null;
        Object value = null;
        String hash = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          p.nextToken();
          switch (name) {
            case "r" -> resource = p.getText();
            case "o" -> op = p.getText();
            case "k" -> key = p.getText();
            case "v" -> value = Json.read(p);
            case "h" -> hash = p.getText();
            default -> p.skipChildren();
          }
        }
        expect(resource != null && op != null && op.length() == 1);
        entries.add(new WalEntry(resource, op.charAt(0), key, value, hash));
      }
    }
    return entries;
  }

  private static void expect(boolean ok) throws IOException {
    if (!ok) {
      throw new IOException("not a write-ahead log record");
    }
  }
}
