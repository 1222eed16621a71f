package dev.asyncdb.engine.store.wal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.table.JsonBytes;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.RowRange;
import dev.asyncdb.engine.table.RowJsonWriter;
import dev.asyncdb.engine.table.RowRecord;
import java.io.IOException;
import java.io.OutputStream;
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
  private static final byte[] COMMA = {','};
  /** Bytes per piece of a large record: below G1's humongous threshold at its smallest region size (1 MB). */
  static final int CHUNK = 256 << 10;
  /** Records up to this size are joined into one array and written with one call. */
  static final int SMALL_FRAME = 64 << 10;
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
    return encodeFrame(record).toByteArray();
  }

  /**
   * {@link #encode(WalRecord)} as the pieces it was encoded into: a large record is never copied
   * into one array (its pieces stay below G1's humongous size and die young once written).
   */
  public static WalFrame encodeFrame(WalRecord record) {
    return encodeFrame(record, true);
  }

  /** {@link #encodeFrame(WalRecord)}; {@code direct} false writes every entry through the generator (tests compare the two). */
  static WalFrame encodeFrame(WalRecord record, boolean direct) {
    List<List<WalEntry>> slices = slices(record.entries());
    List<CompletableFuture<Chunks>> others = new ArrayList<>();
    for (List<WalEntry> slice : slices.subList(1, slices.size())) {
      others.add(CompletableFuture.supplyAsync(() -> elements(slice, direct)));
    }
    List<Chunks> parts = new ArrayList<>(slices.size());
    parts.add(elements(slices.get(0), direct));
    for (CompletableFuture<Chunks> f : others) {
      parts.add(f.join());
    }
    // Each slice is "[e,…]" (or "[]"); the payload is {"c":[…]} with the slices' elements joined by
    // commas, "]" closing the changes, the commit fields (if any) and "}" ending the record.
    List<ByteBuffer> pieces = new ArrayList<>();
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    pieces.add(header);
    pieces.add(ByteBuffer.wrap(OPEN));
    boolean any = false;
    for (Chunks part : parts) {
      if (part.size() > 2) {
        if (any) {
          pieces.add(ByteBuffer.wrap(COMMA));
        }
        part.addInner(pieces);
        any = true;
      }
    }
    pieces.add(ByteBuffer.wrap(CLOSE, 0, 1));
    pieces.add(ByteBuffer.wrap(commitFields(record)));
    pieces.add(ByteBuffer.wrap(CLOSE, 1, 1));
    long payload = 0;
    CRC32C crc = new CRC32C();
    for (int i = 1; i < pieces.size(); i++) {
      ByteBuffer b = pieces.get(i).duplicate();
      payload += b.remaining();
      crc.update(b);
    }
    header.putInt(Math.toIntExact(payload)).putInt((int) crc.getValue()).flip();
    WalFrame frame = new WalFrame(pieces);
    // A small record is written with one system call: its pieces are joined (a copy of a few bytes).
    return frame.length() <= SMALL_FRAME ? WalFrame.of(frame.toByteArray()) : frame;
  }

  /**
   * The entries in slices of about equal numbers of log entries (a {@link RowRange} counts a row
   * each and is split where a slice ends): one slice below {@link #PARALLEL_MIN}, else one per core
   * up to {@link #MAX_SLICES}.
   */
  static List<List<WalEntry>> slices(List<WalEntry> entries) {
    long total = 0;
    for (WalEntry e : entries) {
      total += weight(e);
    }
    int count = total < PARALLEL_MIN ? 1 : Math.min(MAX_SLICES, Runtime.getRuntime().availableProcessors());
    if (count <= 1) {
      return List.of(entries);
    }
    long per = (total + count - 1) / count;
    List<List<WalEntry>> out = new ArrayList<>(count);
    List<WalEntry> current = new ArrayList<>();
    long room = per;
    for (WalEntry e : entries) {
      if (e.value() instanceof RowRange rows) {
        int from = 0;
        while (from < rows.size()) {
          if (room == 0) {
            out.add(current);
            current = new ArrayList<>();
            room = per;
          }
          int to = (int) Math.min(rows.size(), from + room);
          current.add(new WalEntry(e.resource(), e.op(), null, rows.slice(from, to), from == 0 ? e.seedHash() : null));
          room -= to - from;
          from = to;
        }
      } else {
        if (room == 0) {
          out.add(current);
          current = new ArrayList<>();
          room = per;
        }
        current.add(e);
        room--;
      }
    }
    out.add(current);
    return out;
  }

  private static long weight(WalEntry e) {
    return e.value() instanceof RowRange rows ? rows.size() : 1;
  }

  /** {@code ,"x":id,"w":[aliases]} for a write spanning several stores, else nothing. */
  private static byte[] commitFields(WalRecord record) {
    if (record.commitId() == null) {
      return new byte[0];
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64);
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
  private static Chunks elements(List<WalEntry> entries, boolean direct) {
    long weight = 0;
    for (WalEntry e : entries) {
      weight += weight(e);
    }
    Chunks out = new Chunks((int) Math.min(CHUNK, 16L + 192L * weight));
    // Names repeat on every entry of a bulk write: their escaped bytes are computed once per slice.
    Map<String, SerializableString> names = new HashMap<>();
    // A bulk insert's rows come from one table: its names are cached by column ordinal.
    Map<dev.asyncdb.engine.table.RecordTable, SerializableString[]> columnNames = new java.util.IdentityHashMap<>();
    JsonBytes buffer = new JsonBytes(DIRECT_BUFFER);
    RowJsonWriter rows = null;
    try (JsonGenerator g = Json.STRICT.createGenerator(out)) {
      // The array's brackets and commas are written by hand: an entry is written either straight
      // from its row's columns into `direct` or by the generator, whichever applies, in order.
      g.setRootValueSeparator(null);
      buffer.put((byte) '[');
      boolean first = true;
      for (WalEntry entry : entries) {
        RowRange range = entry.value() instanceof RowRange r ? r : null;
        for (int i = 0, n = range == null ? 1 : range.size(); i < n; i++) {
          WalEntry e = entry;
          int row = -1;
          if (range != null) {
            row = range.first() + i;
            e = new WalEntry(entry.resource(), entry.op(), null, null, i == 0 ? entry.seedHash() : null);
          }
          if (!first) {
            buffer.put((byte) ',');
          }
          first = false;
          RecordTable table = range != null ? range.table() : e.value() instanceof RowRecord r ? r.table() : null;
          if (direct && table != null) {
            if (rows == null || rows.table() != table) {
              rows = new RowJsonWriter(table);
            }
            if (writeDirect(e, range != null ? row : ((RowRecord) e.value()).row(), rows, buffer)) {
              if (buffer.size() >= DIRECT_BUFFER) {
                buffer.drainTo(out);
              }
              continue;
            }
          }
          if (range != null) {
            e = new WalEntry(e.resource(), e.op(), table.keyOf(row), new RowRecord(table, row), e.seedHash());
          }
          buffer.drainTo(out);
          writeEntry(g, e, names, columnNames);
          g.flush();
        }
      }
      buffer.put((byte) ']');
      buffer.drainTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Bytes gathered by hand before they are copied into the record's pieces. */
  private static final int DIRECT_BUFFER = 32 << 10;

  /**
   * Writes a bulk-inserted row's entry without the generator — the same bytes {@link #writeEntry}
   * writes — when every name and value in it is plain ({@link RowJsonWriter}); false, with nothing
   * written, when the generator must write it. {@code e} is the entry without its row: its key
   * null with no value for a row of a {@link RowRange} (the key is read from the row).
   */
  private static boolean writeDirect(WalEntry e, int row, RowJsonWriter rows, JsonBytes out) {
    int mark = out.size();
    out.put(R);
    boolean ok = out.putQuotedPlain(e.resource());
    if (ok) {
      out.put(O);
      ok = out.putQuotedPlain(e.op());
    }
    if (ok && (e.key() != null || e.value() == null)) {
      // An entry of a row range has no key of its own: the row's key is written from the table.
      out.put(K);
      ok = e.key() != null ? out.putQuotedPlain(e.key()) : rows.writeKey(row, out);
    }
    if (ok) {
      out.put(V);
      ok = rows.write(row, out);
    }
    if (ok && e.seedHash() != null) {
      out.put(H);
      ok = out.putQuotedPlain(e.seedHash());
    }
    if (!ok) {
      out.truncate(mark);
      return false;
    }
    out.put((byte) '}');
    return true;
  }

  private static final byte[] R = "{\"r\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] O = ",\"o\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] K = ",\"k\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] V = ",\"v\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] H = ",\"h\":".getBytes(StandardCharsets.US_ASCII);

  /** One entry as a JSON object, through the generator. */
  private static void writeEntry(JsonGenerator g, WalEntry e, Map<String, SerializableString> names,
      Map<dev.asyncdb.engine.table.RecordTable, SerializableString[]> columnNames) throws IOException {
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
        SerializableString[] cached = columnNames.get(row.table());
        if (cached == null || cached.length < row.table().columnCount()) {
          cached = new SerializableString[row.table().columnCount()];
          columnNames.put(row.table(), cached);
        }
        row.writeFields(g, cached);
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

  /**
   * A byte stream kept as a list of chunks of at most {@link #CHUNK} bytes: no growth by copying, no
   * humongous arrays. The first chunk is sized for the expected output, later ones double in size.
   */
  static final class Chunks extends OutputStream {
    private final List<byte[]> full = new ArrayList<>();
    private byte[] current;
    private int fill;
    private long size;

    Chunks(int first) {
      current = new byte[Math.max(16, first)];
    }

    @Override
    public void write(int b) {
      if (fill == current.length) {
        next();
      }
      current[fill++] = (byte) b;
      size++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      while (len > 0) {
        if (fill == current.length) {
          next();
        }
        int n = Math.min(len, current.length - fill);
        System.arraycopy(b, off, current, fill, n);
        fill += n;
        off += n;
        len -= n;
        size += n;
      }
    }

    private void next() {
      full.add(current);
      // Doubling up to CHUNK: a record a little over its estimate must not cost a 256 KB array.
      current = new byte[(int) Math.min(CHUNK, 2L * current.length)];
      fill = 0;
    }

    long size() {
      return size;
    }

    /** Adds views of the bytes between the first and the last (the array's brackets) to {@code pieces}. */
    void addInner(List<ByteBuffer> pieces) {
      long end = size - 1;
      long at = 0;
      int count = full.size() + 1;
      for (int i = 0; i < count; i++) {
        byte[] chunk = i < full.size() ? full.get(i) : current;
        int length = i < full.size() ? chunk.length : fill;
        int from = (int) Math.max(0, 1 - at);
        int to = (int) Math.min(length, end - at);
        if (to > from) {
          pieces.add(ByteBuffer.wrap(chunk, from, to - from));
        }
        at += length;
      }
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
