package dev.asyncdb.engine.table;

/** ASCII bytes seen as chars, repointed from row to row so that parsing a column allocates nothing per row. */
final class AsciiSlice implements CharSequence {
  private byte[] data;
  private int from;
  private int length;

  AsciiSlice set(byte[] data, int from, int length) {
    this.data = data;
    this.from = from;
    this.length = length;
    return this;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException("index " + index + " of a slice of " + length + " chars");
    }
    return (char) data[from + index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return toString().substring(start, end);
  }

  @Override
  public String toString() {
    return new String(data, from, length, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
