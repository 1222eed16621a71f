package dev.asyncdb.engine.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads what {@link SnapshotOutput} wrote, through one buffer, keeping the CRC-32C of every byte
 * read. Every length read is checked against the bytes left in the file before anything is
 * allocated for it, so a damaged file fails with {@link CorruptSnapshotException}, never with an
 * allocation of garbage size.
 */
public final class SnapshotInput {
  private static final int BUFFER = 1 << 20;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  /** Bytes of the body not yet read from the channel. */
  private long unread;

  SnapshotInput(FileChannel channel, long bodyLength) {
    this.channel = channel;
    this.unread = bodyLength;
    buffer.limit(0);
  }

  /** Bytes of the body not yet consumed. */
  public long remaining() {
    return unread + buffer.remaining();
  }

  public int readByte() throws IOException {
    need(1);
    return buffer.get();
  }

  public int readInt() throws IOException {
    need(4);
    return buffer.getInt();
  }

  public long readLong() throws IOException {
    need(8);
    return buffer.getLong();
  }

  /** A count of {@code unit}-byte items that must still fit in the file. */
  public int readCount(int unit) throws IOException {
    int n = readInt();
    if (n < 0 || (long) n * unit > remaining()) {
      throw new CorruptSnapshotException("a length of " + n + " items does not fit in the " + remaining() + " bytes left");
    }
    return n;
  }

  public String readString() throws IOException {
    byte[] bytes = new byte[readCount(1)];
    readBytes(bytes, 0, bytes.length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public void readBytes(byte[] dst, int from, int length) throws IOException {
    while (length > 0) {
      need(1);
      int n = Math.min(length, buffer.remaining());
      buffer.get(dst, from, n);
      from += n;
      length -= n;
    }
  }

  public void readInts(int[] dst, int from, int length) throws IOException {
    while (length > 0) {
      need(4);
      int n = Math.min(length, buffer.remaining() / 4);
      buffer.asIntBuffer().get(dst, from, n);
      buffer.position(buffer.position() + 4 * n);
      from += n;
      length -= n;
    }
  }

  public void readLongs(long[] dst, int from, int length) throws IOException {
    while (length > 0) {
      need(8);
      int n = Math.min(length, buffer.remaining() / 8);
      buffer.asLongBuffer().get(dst, from, n);
      buffer.position(buffer.position() + 8 * n);
      from += n;
      length -= n;
    }
  }

  public void readDoubles(double[] dst, int from, int length) throws IOException {
    while (length > 0) {
      need(8);
      int n = Math.min(length, buffer.remaining() / 8);
      buffer.asDoubleBuffer().get(dst, from, n);
      buffer.position(buffer.position() + 8 * n);
      from += n;
      length -= n;
    }
  }

  /** The CRC-32C of every byte read; meaningful once the whole body is consumed. */
  int checksum() {
    return (int) crc.getValue();
  }

  private void need(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    buffer.compact();
    while (buffer.position() < bytes) {
      if (unread == 0) {
        throw new EOFException("the snapshot ends early");
      }
      int start = buffer.position();
      buffer.limit((int) Math.min(buffer.capacity(), start + unread));
      int n = channel.read(buffer);
      if (n < 0) {
        throw new EOFException("the snapshot ends early");
      }
      unread -= n;
      crc.update(buffer.duplicate().position(start).limit(start + n));
    }
    buffer.flip();
  }
}
