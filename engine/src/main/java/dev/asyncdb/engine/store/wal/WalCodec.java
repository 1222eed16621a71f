package dev.asyncdb.engine.store.wal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.table.RowRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * The log's record format: {@code [payload length: int32][CRC32C of payload: int32][payload]}, the
 * payload being one committed write as JSON: {@code {"c":[{"r":resource,"o":op,"k":key,"v":value,"h":seedHash}]}}.
 * One record per write makes a write spanning several resources all-or-nothing on replay. The
 * record of a write spanning several stores adds its commit id and the stores whose commit markers
 * decide it: {@code {"c":[…],"x":commitId,"w":[alias,…]}} (readers that predate them skip both).
 */
public final class WalCodec {
  /** Bytes before the payload. */
  public static final int HEADER = 8;
  /** Larger lengths can only come from a torn or corrupt header. */
  static final int MAX_PAYLOAD = 1 << 30;

  /** Writes with fewer entries are encoded on the committing thread alone. */
  static final int PARALLEL_MIN = 20_000;
  private static final int MAX_SLICES = 4;
  private static final byte[] OPEN = "{\"c\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);
  private static final SerializableString RESOURCE = new SerializedString("r");
  private static final SerializableString OP = new SerializedString("o");
  private static final SerializableString KEY = new SerializedString("k");
  private static final SerializableString VALUE = new SerializedString("v");

  private WalCodec() {}

  private static SerializableString name(Map<String, SerializableString> names, String name) {
    SerializableString s = names.get(name);
    if (s == null) {
      s = new SerializedString(name);
      names.put(name, s);
    }
    return s;
  }

  /**
   * One write's record, framed. Large writes (a bulk load) are encoded in slices on several cores —
   * the committing thread encodes one slice, the common pool the others — and joined into the same
   * payload a single pass would produce.
   */
  public static byte[] encode(List<WalEntry> entries) {
    return encode(WalRecord.of(entries));
  }

  /** {@link #encode(List)} of a record that may carry a commit id and the stores that decide it. */
  public static byte[] encode(WalRecord record) {
    List<WalEntry> entries = record.entries();
    int slices = entries.size() < PARALLEL_MIN ? 1 : Math.min(MAX_SLICES, Runtime.getRuntime().availableProcessors());
    int per = (entries.size() + slices - 1) / Math.max(1, slices);
    List<CompletableFuture<Buffer>> others = new ArrayList<>();
    for (int i = 1; i < slices; i++) {
      List<WalEntry> slice = entries.subList(Math.min(entries.size(), i * per), Math.min(entries.size(), (i + 1) * per));
      others.add(CompletableFuture.supplyAsync(() -> elements(slice)));
    }
    Buffer first = elements(entries.subList(0, Math.min(entries.size(), per)));
    List<Buffer> parts = new ArrayList<>(slices);
    parts.add(first);
    for (CompletableFuture<Buffer> f : others) {
      parts.add(f.join());
    }
    // Each slice is "[e,…]" (or "[]"); the payload is {"c":[…]} with the slices' elements joined by commas.
    int length = OPEN.length + CLOSE.length;
    int filled = 0;
    for (Buffer b : parts) {
      length += b.size() - 2;
      filled += b.size() > 2 ? 1 : 0;
    }
    length += Math.max(0, filled - 1);
    byte[] commit = commitFields(record);
    length += commit.length;
    byte[] frame = new byte[HEADER + length];
    int at = HEADER;
    System.arraycopy(OPEN, 0, frame, at, OPEN.length);
    at += OPEN.length;
    boolean any = false;
    for (Buffer b : parts) {
      int n = b.size() - 2;
      if (n > 0) {
        if (any) {
          frame[at++] = ',';
        }
        System.arraycopy(b.bytes(), 1, frame, at, n);
        at += n;
        any = true;
      }
    }
    // "]" closes the changes, the commit fields (if any) follow, "}" ends the record.
    frame[at++] = CLOSE[0];
    System.arraycopy(commit, 0, frame, at, commit.length);
    at += commit.length;
    frame[at++] = CLOSE[1];
    int payload = at - HEADER;
    CRC32C crc = new CRC32C();
    crc.update(frame, HEADER, payload);
    ByteBuffer.wrap(frame).putInt(payload).putInt((int) crc.getValue());
    return frame;
  }

  /** {@code ,"x":id,"w":[aliases]} for a write spanning several stores, else nothing. */
  private static byte[] commitFields(WalRecord record) {
    if (record.commitId() == null) {
      return new byte[0];
    }
    Buffer out = new Buffer(64);
    try (JsonGenerator g = Json.STRICT.createGenerator(out)) {
      // A generator writes whole values; the fields are written inside a throw-away object and cut out.
      g.writeStartObject();
      g.writeStringField("x", record.commitId());
      g.writeArrayFieldStart("w");
      for (String alias : record.waitsFor()) {
        g.writeString(alias);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] object = out.toByteArray();
    byte[] fields = new byte[object.length - 1];
    fields[0] = ',';
    System.arraycopy(object, 1, fields, 1, object.length - 2);
    return fields;
  }

  /** The entries as one JSON array. */
  private static Buffer elements(List<WalEntry> entries) {
    Buffer out = new Buffer((int) Math.min(64L << 20, 16L + 192L * entries.size()));
    // Names repeat on every entry of a bulk write: their escaped bytes are computed once per slice.
    Map<String, SerializableString> names = new HashMap<>();
    // A bulk insert's rows come from one table: its names are cached by column ordinal.
    Map<dev.asyncdb.engine.table.RecordTable, SerializableString[]> columnNames = new java.util.IdentityHashMap<>();
    dev.asyncdb.engine.table.RecordTable lastTable = null;
    SerializableString[] lastNames = null;
    try (JsonGenerator g = Json.STRICT.createGenerator(out)) {
      g.writeStartArray();
      for (WalEntry e : entries) {
        g.writeStartObject();
        g.writeFieldName(RESOURCE);
        g.writeString(name(names, e.resource()));
        g.writeFieldName(OP);
        g.writeString(name(names, String.valueOf(e.op())));
        if (e.key() != null) {
          g.writeFieldName(KEY);
          g.writeString(e.key());
        }
        if (e.value() != null) {
          g.writeFieldName(VALUE);
          if (e.value() instanceof RowRecord row) {
            // A bulk-inserted row is written straight from the table's columns.
            g.writeStartObject();
            if (row.table() != lastTable || lastNames.length < row.table().columnCount()) {
              lastTable = row.table();
              SerializableString[] cached = columnNames.get(lastTable);
              lastNames = cached != null && cached.length >= lastTable.columnCount() ? cached : new SerializableString[lastTable.columnCount()];
              columnNames.put(lastTable, lastNames);
            }
            row.writeFields(g, lastNames);
            g.writeEndObject();
          } else if (e.value() instanceof Map<?, ?> record) {
            g.writeStartObject();
            for (Map.Entry<?, ?> field : record.entrySet()) {
              g.writeFieldName(name(names, (String) field.getKey()));
              Json.writeValue(g, field.getValue());
            }
            g.writeEndObject();
          } else {
            Json.writeValue(g, e.value());
          }
        }
        if (e.seedHash() != null) {
          g.writeStringField("h", e.seedHash());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A byte stream whose buffer is read in place (no copy of a many-megabyte record). */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    byte[] bytes() {
      return buf;
    }
  }

  /** Whether {@code payload} (at offset, length bytes) matches the checksum from its header. */
  static boolean checksumMatches(byte[] data, int offset, int length, int expected) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    return (int) crc.getValue() == expected;
  }

  static WalRecord decode(byte[] data, int offset, int length) throws IOException {
    List<WalEntry> entries = new ArrayList<>();
    String commitId = null;
    List<String> waitsFor = new ArrayList<>();
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
      expect(p.currentToken() == JsonToken.END_ARRAY);
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        p.nextToken();
        switch (name) {
          case "x" -> commitId = p.getText();
          case "w" -> {
            expect(p.currentToken() == JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.VALUE_STRING) {
              waitsFor.add(p.getText());
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    return new WalRecord(entries, commitId, waitsFor);
  }

  private static void expect(boolean ok) throws IOException {
    if (!ok) {
      throw new IOException("not a write-ahead log record");
    }
  }
}
