package dev.asyncdb.engine.table;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer for JSON written by hand ({@link RowJsonWriter}): only what needs no
 * escaping is put through it, so its bytes are exactly what a Jackson generator writes for the same
 * tokens.
 */
public final class JsonBytes {
  private byte[] bytes;
  private int size;

  public JsonBytes(int capacity) {
    bytes = new byte[Math.max(64, capacity)];
  }

  public int size() {
    return size;
  }

  /** Drops everything after the first {@code mark} bytes. */
  public void truncate(int mark) {
    size = mark;
  }

  /** Writes the buffered bytes to {@code out} and empties the buffer. */
  public void drainTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
    size = 0;
  }

  void ensure(int extra) {
    if (size + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + extra, bytes.length * 2));
    }
  }

  public void put(byte b) {
    ensure(1);
    bytes[size++] = b;
  }

  public void put(byte[] b) {
    put(b, b.length);
  }

  /** Puts the first {@code length} bytes of {@code b}. */
  public void put(byte[] b, int length) {
    ensure(length);
    System.arraycopy(b, 0, bytes, size, length);
    size += length;
  }

  /**
   * The bytes as raw content for a Jackson generator ({@code writeRawValue}): the generator
   * places them as a value, with its pretty printer's separators, and copies them as they are.
   * The view follows the buffer's current content.
   */
  public com.fasterxml.jackson.core.SerializableString asRawValue() {
    return new RawValue();
  }

  /** Only the unquoted forms are meaningful: the content is JSON, not a string to quote. */
  private final class RawValue implements com.fasterxml.jackson.core.SerializableString {
    @Override
    public String getValue() {
      return new String(bytes, 0, size, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
      return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public byte[] asUnquotedUTF8() {
      return Arrays.copyOf(bytes, size);
    }

    @Override
    public byte[] asQuotedUTF8() {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
      if (offset + size > buffer.length) {
        return -1;
      }
      System.arraycopy(bytes, 0, buffer, offset, size);
      return size;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
      String v = getValue();
      if (offset + v.length() > buffer.length) {
        return -1;
      }
      v.getChars(0, v.length(), buffer, offset);
      return v.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(bytes, 0, size);
      return size;
    }

    @Override
    public int putQuotedUTF8(java.nio.ByteBuffer buffer) {
      throw new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override
    public int putUnquotedUTF8(java.nio.ByteBuffer buffer) {
      if (buffer.remaining() < size) {
        return -1;
      }
      buffer.put(bytes, 0, size);
      return size;
    }
  }

  /** Puts a string as a quoted JSON string; false (nothing put) when it is not printable ASCII without quotes and backslashes. */
  public boolean putQuotedPlain(String s) {
    int n = s.length();
    ensure(n + 2);
    int at = size;
    bytes[at++] = '"';
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (!plain(ch)) {
        return false;
      }
      bytes[at++] = (byte) ch;
    }
    bytes[at++] = '"';
    size = at;
    return true;
  }

  /** {@link #putQuotedPlain(String)} of a one-character string. */
  public boolean putQuotedPlain(char ch) {
    if (!plain(ch)) {
      return false;
    }
    ensure(3);
    bytes[size] = '"';
    bytes[size + 1] = (byte) ch;
    bytes[size + 2] = '"';
    size += 3;
    return true;
  }

  /** Puts a row of packed text as it is; false (the buffer unchanged up to {@link #size}) when a byte is not plain. */
  boolean putPlain(Utf8Vector text, int row) {
    ensure(text.byteLength(row));
    int end = text.copyPlain(row, bytes, size);
    if (end < 0) {
      return false;
    }
    size = end;
    return true;
  }

  /** Puts a long's decimal digits, as Jackson writes a number; false for {@code Long.MIN_VALUE} (left to Jackson). */
  boolean putLong(long v) {
    if (v == Long.MIN_VALUE) {
      return false;
    }
    ensure(20);
    if (v < 0) {
      bytes[size++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    int at = size + digits;
    size = at;
    do {
      bytes[--at] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    } while (v != 0);
    return true;
  }

  /** {@code "s"} as bytes when {@code s} is plain ({@link #plain}), else null. */
  static byte[] quotedPlain(String s) {
    byte[] out = new byte[s.length() + 2];
    out[0] = '"';
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!plain(ch)) {
        return null;
      }
      out[i + 1] = (byte) ch;
    }
    out[out.length - 1] = '"';
    return out;
  }

  /** Whether a JSON generator writes a character of a string as that one byte: printable ASCII but the quote and the backslash. */
  static boolean plain(int ch) {
    return ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\';
  }
}
