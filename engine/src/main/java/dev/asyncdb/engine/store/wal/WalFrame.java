package dev.asyncdb.engine.store.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * One framed log record ({@link WalCodec}'s format) held as the pieces it was encoded into, in
 * order. A bulk load's record runs to megabytes: kept in pieces below G1's humongous size it is
 * never copied into one array, and each piece dies young once written.
 */
public final class WalFrame {
  private final List<ByteBuffer> pieces;
  private final long length;

  WalFrame(List<ByteBuffer> pieces) {
    this.pieces = List.copyOf(pieces);
    long n = 0;
    for (ByteBuffer b : this.pieces) {
      n += b.remaining();
    }
    this.length = n;
  }

  /** A frame already encoded into one array (header included). */
  public static WalFrame of(byte[] frame) {
    return new WalFrame(List.of(ByteBuffer.wrap(frame)));
  }

  /** Bytes in the frame, header included. */
  public long length() {
    return length;
  }

  /** Writes the frame at {@code offset} of {@code channel}; returns the offset after it. */
  long writeTo(FileChannel channel, long offset) throws IOException {
    for (ByteBuffer piece : pieces) {
      ByteBuffer b = piece.duplicate();
      while (b.hasRemaining()) {
        offset += channel.write(b, offset);
      }
    }
    return offset;
  }

  /** The frame in one array (for tests and small records). */
  public byte[] toByteArray() {
    byte[] out = new byte[Math.toIntExact(length)];
    int at = 0;
    for (ByteBuffer piece : pieces) {
      ByteBuffer b = piece.duplicate();
      int n = b.remaining();
      b.get(out, at, n);
      at += n;
    }
    return out;
  }
}
