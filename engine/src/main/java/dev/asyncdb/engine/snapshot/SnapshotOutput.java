package dev.asyncdb.engine.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Little-endian primitives and bulk arrays written through one buffer into a file channel, with a
 * running CRC-32C of everything written (the snapshot's checksum).
 */
public final class SnapshotOutput {
  private static final int BUFFER = 1 << 20;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private long written;

  SnapshotOutput(FileChannel channel) {
    this.channel = channel;
  }

  public void writeByte(int v) throws IOException {
    room(1);
    buffer.put((byte) v);
  }

  public void writeInt(int v) throws IOException {
    room(4);
    buffer.putInt(v);
  }

  public void writeLong(long v) throws IOException {
    room(8);
    buffer.putLong(v);
  }

  public void writeString(String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    writeInt(bytes.length);
    writeBytes(bytes, 0, bytes.length);
  }

  public void writeBytes(byte[] src, int from, int length) throws IOException {
    while (length > 0) {
      room(1);
      int n = Math.min(length, buffer.remaining());
      buffer.put(src, from, n);
      from += n;
      length -= n;
    }
  }

  public void writeInts(int[] src, int from, int length) throws IOException {
    while (length > 0) {
      room(4);
      int n = Math.min(length, buffer.remaining() / 4);
      buffer.asIntBuffer().put(src, from, n);
      buffer.position(buffer.position() + 4 * n);
      from += n;
      length -= n;
    }
  }

  public void writeLongs(long[] src, int from, int length) throws IOException {
    while (length > 0) {
      room(8);
      int n = Math.min(length, buffer.remaining() / 8);
      buffer.asLongBuffer().put(src, from, n);
      buffer.position(buffer.position() + 8 * n);
      from += n;
      length -= n;
    }
  }

  public void writeDoubles(double[] src, int from, int length) throws IOException {
    while (length > 0) {
      room(8);
      int n = Math.min(length, buffer.remaining() / 8);
      buffer.asDoubleBuffer().put(src, from, n);
      buffer.position(buffer.position() + 8 * n);
      from += n;
      length -= n;
    }
  }

  /** Bytes written so far, buffered ones included. */
  long written() {
    return written + buffer.position();
  }

  /** The CRC-32C of every byte written; call after {@link #flush()}. */
  int checksum() {
    return (int) crc.getValue();
  }

  void flush() throws IOException {
    buffer.flip();
    crc.update(buffer.duplicate());
    written += buffer.remaining();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  private void room(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }
}
