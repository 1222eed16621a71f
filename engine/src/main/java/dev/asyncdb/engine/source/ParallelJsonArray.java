package dev.asyncdb.engine.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.table.RecordTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Parses a large JSON array of records on several cores. The file is cut where a line starts with
 * {@code {} — in a one-record-per-line file that is always a record boundary, because a raw newline
 * cannot occur inside a JSON string. Each part is parsed as an array of its own and the column
 * sets are concatenated. Any surprise (a cut inside a record, a non-object item, a repeated key)
 * returns null and the caller parses sequentially, so results never depend on the layout.
 */
final class ParallelJsonArray {
  static final long MIN_BYTES = 16L << 20;
  private static final int SCAN_LIMIT = 1 << 20;

  private ParallelJsonArray() {}

  static RecordTable tryLoad(Path file, int parts) throws IOException {
    return tryLoad(file, parts, MIN_BYTES);
  }

  static RecordTable tryLoad(Path file, int parts, long minBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < minBytes || parts < 2 || firstNonSpace(ch, 0) != '[') {
        return null;
      }
      List<long[]> ranges = new ArrayList<>();
      long start = 0;
      for (int k = 1; k < parts; k++) {
        long cut = recordStart(ch, size * k / parts, size);
        if (cut < 0 || cut <= start) {
          return null;
        }
        long comma = lastNonSpaceBefore(ch, cut);
        if (comma < 0 || byteAt(ch, comma) != ',') {
          return null;
        }
        ranges.add(new long[] {start, comma});
        start = cut;
      }
      ranges.add(new long[] {start, size});
      List<CompletableFuture<RecordTable>> futures = new ArrayList<>();
      for (int i = 0; i < ranges.size(); i++) {
        long[] r = ranges.get(i);
        boolean first = i == 0;
        boolean last = i == ranges.size() - 1;
        CompletableFuture<RecordTable> f = new CompletableFuture<>();
        Runnable task = () -> {
          try {
            f.complete(parsePart(file, r[0], r[1], first, last));
          } catch (Throwable t) {
            f.completeExceptionally(t);
          }
        };
        if (last) {
          task.run();
        } else {
          Thread t = new Thread(task, "asyncdb-parse");
          t.setDaemon(true);
          t.start();
        }
        futures.add(f);
      }
      List<RecordTable> tables = new ArrayList<>();
      for (CompletableFuture<RecordTable> f : futures) {
        try {
          tables.add(f.join());
        } catch (RuntimeException e) {
          return null;
        }
      }
      if (tables.contains(null)) {
        return null;
      }
      RecordTable head = tables.get(0);
      for (int i = 1; i < tables.size(); i++) {
        head.appendAll(tables.get(i));
      }
      return head;
    }
  }

  /** Parses one part; null when it is not a clean sequence of objects. */
  private static RecordTable parsePart(Path file, long from, long to, boolean first, boolean last) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      InputStream body = new RangeStream(ch, from, to);
      InputStream in = first ? body : new SequenceInputStream(new ByteArrayInputStream("[".getBytes(StandardCharsets.US_ASCII)), body);
      if (!last) {
        in = new SequenceInputStream(in, new ByteArrayInputStream("]".getBytes(StandardCharsets.US_ASCII)));
      }
      RecordTable table = new RecordTable();
      try (JsonParser p = Json.STRICT.createParser(in)) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
          return null;
        }
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (t != JsonToken.START_OBJECT) {
            return null;
          }
          DataReader.loadObject(p, table);
        }
        if (p.nextToken() != null) {
          return null;
        }
      } catch (IOException | RuntimeException e) {
        return null;
      }
      return table;
    }
  }

  /** Offset of the first '{' that begins a line at or after {@code from}, or -1. */
  private static long recordStart(FileChannel ch, long from, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(64 << 10);
    long pos = from;
    byte previous = 0;
    while (pos < size && pos - from < SCAN_LIMIT) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n <= 0) {
        return -1;
      }
      for (int i = 0; i < n; i++) {
        byte b = buf.get(i);
        if (b == '{' && previous == '\n') {
          return pos + i;
        }
        previous = b;
      }
      pos += n;
    }
    return -1;
  }

  private static long lastNonSpaceBefore(FileChannel ch, long pos) throws IOException {
    for (long p = pos - 1; p >= 0 && pos - p < 4096; p--) {
      byte b = byteAt(ch, p);
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return p;
      }
    }
    return -1;
  }

  private static int firstNonSpace(FileChannel ch, long from) throws IOException {
    for (long p = from; p < Math.min(ch.size(), from + 4096); p++) {
      byte b = byteAt(ch, p);
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
        return b;
      }
    }
    return -1;
  }

  private static byte byteAt(FileChannel ch, long pos) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    ch.read(one, pos);
    return one.get(0);
  }

  /** An input stream over a byte range of a file, read with positional reads. */
  private static final class RangeStream extends InputStream {
    private final FileChannel ch;
    private long pos;
    private final long end;

    RangeStream(FileChannel ch, long from, long to) {
      this.ch = ch;
      this.pos = from;
      this.end = to;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= end) {
        return -1;
      }
      int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
      if (n > 0) {
        pos += n;
      }
      return n;
    }
  }
}
