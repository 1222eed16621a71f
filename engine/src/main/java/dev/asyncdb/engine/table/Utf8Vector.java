package dev.asyncdb.engine.table;

import dev.asyncdb.engine.json.InstantText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Append-only vector of UTF-8 byte strings packed into per-chunk byte arrays.
 *
 * <p>A million short strings cost their bytes plus four bytes of offset each, instead of the ~50
 * bytes of object header, array header and padding a {@code java.lang.String} costs.
 */
final class Utf8Vector {
  /** Immutable view of one chunk: a new instance is published whenever either array is regrown. */
  private static final class Chunk {
    final byte[] data;
    final int[] ends;

    Chunk(byte[] data, int[] ends) {
      this.data = data;
      this.ends = ends;
    }
  }

  private volatile Chunk[] chunks = new Chunk[1];
  private int size;
  private int tailBytes;

  Utf8Vector() {}

  /**
   * A vector over chunks read back from a snapshot ({@link TableCodec}): per chunk its bytes and the
   * end offset of each of its rows; every chunk but the last is full.
   */
  Utf8Vector(byte[][] data, int[][] ends, int size) {
    Chunk[] cs = new Chunk[Math.max(1, data.length)];
    for (int c = 0; c < data.length; c++) {
      cs[c] = new Chunk(data[c], ends[c]);
    }
    this.chunks = cs;
    this.size = size;
    this.tailBytes = size == 0 ? 0 : ends[data.length - 1][Chunks.offset(size - 1)];
  }

  /** The bytes of the chunk holding {@code row} ({@link TableCodec}). */
  byte[] chunkData(int row) {
    return chunks[Chunks.chunk(row)].data;
  }

  /** The row end offsets of the chunk holding {@code row} ({@link TableCodec}). */
  int[] chunkEnds(int row) {
    return chunks[Chunks.chunk(row)].ends;
  }

  int size() {
    return size;
  }

  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for ASCII, the only text it is given
  void add(String value) {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      if (value.charAt(i) >= 0x80) {
        add(value.getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
    // ASCII: one byte per char, copied without a byte array per value (a bulk load appends 100k).
    Chunk chunk = open(length);
    value.getBytes(0, length, chunk.data, tailBytes);
    close(chunk, tailBytes + length);
  }

  /** Appends the ISO-8601 text of an instant ({@link InstantText}) without a String. */
  void addInstant(long millis) {
    Chunk chunk = open(InstantText.MAX_LENGTH);
    int end = InstantText.write(millis, chunk.data, tailBytes);
    if (end < 0) {
      add(InstantText.ofEpochMilli(millis));
      return;
    }
    close(chunk, end);
  }

  void add(byte[] bytes) {
    add(bytes, 0, bytes.length);
  }

  void add(byte[] bytes, int from, int length) {
    Chunk chunk = open(length);
    System.arraycopy(bytes, from, chunk.data, tailBytes, length);
    close(chunk, tailBytes + length);
  }

  /** Appends chars as UTF-8 without creating an intermediate String for ASCII text. */
  void add(char[] chars, int from, int length) {
    for (int i = from, end = from + length; i < end; i++) {
      if (chars[i] >= 0x80) {
        add(new String(chars, from, length));
        return;
      }
    }
    Chunk chunk = open(length);
    byte[] data = chunk.data;
    int at = tailBytes;
    for (int i = 0; i < length; i++) {
      data[at + i] = (byte) chars[from + i];
    }
    close(chunk, at + length);
  }

  /**
   * Starts the next row: the chunk it goes in, with room for {@code length} more bytes from
   * {@link #tailBytes} (reset at a chunk's first row). Nothing is appended until {@link #close}.
   */
  private Chunk open(int length) {
    if (Chunks.offset(size) == 0) {
      tailBytes = 0;
    }
    return ensure(size, tailBytes + length);
  }

  /** Ends the row {@link #open} started, its bytes ending at {@code end} in {@code chunk}. */
  private void close(Chunk chunk, int end) {
    tailBytes = end;
    chunk.ends[Chunks.offset(size)] = end;
    size++;
  }

  /** Appends row {@code row} of another vector by copying its bytes. */
  void copyRow(Utf8Vector src, int row) {
    Chunk chunk = src.chunks[Chunks.chunk(row)];
    int o = Chunks.offset(row);
    int start = o == 0 ? 0 : chunk.ends[o - 1];
    add(chunk.data, start, chunk.ends[o] - start);
  }

  /** String.hashCode() of a row computed from its bytes, without decoding when the row is ASCII. */
  int hash(int row) {
    Chunk chunk = chunks[Chunks.chunk(row)];
    int o = Chunks.offset(row);
    int start = o == 0 ? 0 : chunk.ends[o - 1];
    int end = chunk.ends[o];
    byte[] data = chunk.data;
    int h = 0;
    for (int i = start; i < end; i++) {
      byte b = data[i];
      if (b < 0) {
        return get(row).hashCode();
      }
      h = 31 * h + b;
    }
    return h;
  }

  /** Whether a row equals a string, comparing bytes for ASCII strings. */
  boolean equalsString(int row, String s) {
    Chunk chunk = chunks[Chunks.chunk(row)];
    int o = Chunks.offset(row);
    int start = o == 0 ? 0 : chunk.ends[o - 1];
    int end = chunk.ends[o];
    int n = s.length();
    if (end - start < n) {
      return false;
    }
    byte[] data = chunk.data;
    if (end - start == n) {
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          return get(row).equals(s);
        }
        if (data[start + i] != c) {
          return false;
        }
      }
      return true;
    }
    return get(row).equals(s);
  }

  /** Whether row {@code a} holds the same bytes as row {@code b} of {@code other}. */
  boolean equalRows(int a, Utf8Vector other, int b) {
    Chunk ca = chunks[Chunks.chunk(a)];
    Chunk cb = other.chunks[Chunks.chunk(b)];
    int oa = Chunks.offset(a);
    int ob = Chunks.offset(b);
    int sa = oa == 0 ? 0 : ca.ends[oa - 1];
    int sb = ob == 0 ? 0 : cb.ends[ob - 1];
    return Arrays.equals(ca.data, sa, ca.ends[oa], cb.data, sb, cb.ends[ob]);
  }

  boolean equalRows(int a, int b) {
    return equalRows(a, this, b);
  }

  /** A row of at most 7 bytes as {@link ColumnView#shortString(String)} packs it, else -1. */
  long shortBits(int row) {
    Chunk chunk = chunks[Chunks.chunk(row)];
    int o = Chunks.offset(row);
    int start = o == 0 ? 0 : chunk.ends[o - 1];
    int length = chunk.ends[o] - start;
    if (length > 7) {
      return -1;
    }
    byte[] data = chunk.data;
    long v = 0;
    for (int i = start, end = start + length; i < end; i++) {
      v = v << 8 | (data[i] & 0xff);
    }
    return v | (long) length << 56;
  }

  /** {@link #shortBits} of {@code n} rows (listed in {@code rows}) into {@code out}. */
  void shortBits(int[] rows, int n, long[] out) {
    Chunk[] cs = chunks;
    for (int i = 0; i < n; i++) {
      int row = rows[i];
      Chunk chunk = cs[Chunks.chunk(row)];
      int o = Chunks.offset(row);
      int[] ends = chunk.ends;
      int start = o == 0 ? 0 : ends[o - 1];
      int length = ends[o] - start;
      byte[] data = chunk.data;
      long v;
      if (length > 7) {
        v = -1;
      } else if (length > 0 && start + 8 <= data.length) {
        // One 8-byte read instead of a loop: the row's bytes end up in the low bytes.
        v = (long) BIG_ENDIAN_LONG.get(data, start) >>> ((8 - length) << 3) | (long) length << 56;
      } else {
        v = 0;
        for (int b = start, end = start + length; b < end; b++) {
          v = v << 8 | (data[b] & 0xff);
        }
        v |= (long) length << 56;
      }
      out[i] = v;
    }
  }

  private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

  /** Writes a row as a JSON string straight from its bytes (escaped by the generator). */
  void writeTo(int row, com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
    Chunk chunk = chunks[Chunks.chunk(row)];
    int o = Chunks.offset(row);
    int start = o == 0 ? 0 : chunk.ends[o - 1];
    g.writeUTF8String(chunk.data, start, chunk.ends[o] - start);
  }

  /**
   * Copies a row's bytes to {@code out} at {@code at} (room for them is the caller's) when each is
   * printable ASCII other than the quote and the backslash, bytes a JSON string holds as they are;
   * returns the offset after them, or -1 when a byte is not such.
   */
  int copyPlain(int row, byte[] out, int at) {
    Chunk chunk = chunks[Chunks.chunk(row)];
    int o = Chunks.offset(row);
    int start = o == 0 ? 0 : chunk.ends[o - 1];
    int end = chunk.ends[o];
    byte[] data = chunk.data;
    for (int i = start; i < end; i++) {
      byte b = data[i];
      if (b < 0x20 || b == 0x7f || b == '"' || b == '\\') {
        return -1;
      }
      out[at++] = b;
    }
    return at;
  }

  String get(int row) {
    Chunk chunk = chunks[Chunks.chunk(row)];
    int o = Chunks.offset(row);
    int start = o == 0 ? 0 : chunk.ends[o - 1];
    return new String(chunk.data, start, chunk.ends[o] - start, StandardCharsets.UTF_8);
  }

  /**
   * The text of a row as a reusable view of its bytes when it is ASCII (then one byte is one char),
   * else as a decoded String: for parsing many rows without a String per row.
   */
  CharSequence text(int row, AsciiSlice reuse) {
    Chunk chunk = chunks[Chunks.chunk(row)];
    int o = Chunks.offset(row);
    int start = o == 0 ? 0 : chunk.ends[o - 1];
    int end = chunk.ends[o];
    byte[] data = chunk.data;
    for (int i = start; i < end; i++) {
      if (data[i] < 0) {
        return new String(data, start, end - start, StandardCharsets.UTF_8);
      }
    }
    return reuse.set(data, start, end - start);
  }

  int byteLength(int row) {
    Chunk chunk = chunks[Chunks.chunk(row)];
    int o = Chunks.offset(row);
    int start = o == 0 ? 0 : chunk.ends[o - 1];
    return chunk.ends[o] - start;
  }

  long heapBytes() {
    long total = 0;
    for (Chunk c : chunks) {
      if (c != null) {
        total += c.data.length + 4L * c.ends.length;
      }
    }
    return total;
  }

  private Chunk ensure(int row, int neededBytes) {
    int c = Chunks.chunk(row);
    int o = Chunks.offset(row);
    Chunk[] outer = chunks;
    Chunk chunk = c < outer.length ? outer[c] : null;
    if (chunk != null && o < chunk.ends.length && neededBytes <= chunk.data.length) {
      return chunk;
    }
    int[] ends = chunk == null ? new int[Chunks.grow(c, 0, o + 1)]
        : o < chunk.ends.length ? chunk.ends : Arrays.copyOf(chunk.ends, Chunks.grow(c, chunk.ends.length, o + 1));
    byte[] data;
    if (chunk == null) {
      // A new chunk after a full one is sized like its predecessor, so it rarely needs to grow.
      int previous = c > 0 && outer[c - 1] != null ? outer[c - 1].ends[Chunks.SIZE - 1] : 0;
      data = new byte[Math.max(Math.max(64, neededBytes), previous + (previous >>> 3))];
    } else if (neededBytes <= chunk.data.length) {
      data = chunk.data;
    } else {
      long cap = Math.max(64, chunk.data.length);
      while (cap < neededBytes) {
        cap <<= 1;
      }
      data = Arrays.copyOf(chunk.data, (int) Math.min(cap, Integer.MAX_VALUE - 16));
    }
    Chunk[] next = c < outer.length ? outer.clone() : Arrays.copyOf(outer, Math.max(c + 1, outer.length * 2));
    Chunk grown = new Chunk(data, ends);
    next[c] = grown;
    chunks = next;
    return grown;
  }
}
