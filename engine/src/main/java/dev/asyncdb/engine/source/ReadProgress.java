package dev.asyncdb.engine.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Receives the bytes a source reader consumed, in steps; see {@link dev.asyncdb.engine.LoadProgress}. */
@FunctionalInterface
public interface ReadProgress {
  ReadProgress NONE = bytes -> { };

  void advanced(long bytes);

  /** {@code in}, reporting what is read from it to {@code progress} every {@code step} bytes and at close. */
  static InputStream counting(InputStream in, ReadProgress progress, long step) {
    if (progress == NONE) {
      return in;
    }
    return new FilterInputStream(in) {
      private long pending;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          add(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          add(n);
        }
        return n;
      }

      private void add(long n) {
        pending += n;
        if (pending >= step) {
          progress.advanced(pending);
          pending = 0;
        }
      }

      @Override
      public void close() throws IOException {
        if (pending > 0) {
          progress.advanced(pending);
          pending = 0;
        }
        super.close();
      }
    };
  }
}
