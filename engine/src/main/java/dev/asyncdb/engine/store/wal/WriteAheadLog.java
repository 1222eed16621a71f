package dev.asyncdb.engine.store.wal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The writing side of the log. Writers {@link #append} their record under the database's writer
 * lock (a memory copy) and then, outside it, {@link #sync} up to their position: the first one in
 * writes everything appended so far and fsyncs once for the whole group, so concurrent writers
 * share fsyncs (group commit). Segments are numbered files; a checkpoint {@link #rotate}s to a new
 * one and deletes the old ones once their changes are in the state files.
 */
public final class WriteAheadLog implements Closeable {
  private final Path dir;
  private final Durability durability;
  private final Object flushLock = new Object();
  private final ScheduledExecutorService flusher;

  // Guarded by this.
  private FileChannel channel;
  private long segment;
  private long segmentBytes;
  private ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 12);
  private long appended;

  // Changed under flushLock; read without it by writers checking whether their position is reached.
  private volatile long written;
  private volatile long durable;
  private volatile IOException failure;

  private WriteAheadLog(Path dir, long segment, Durability durability) throws IOException {
    this.dir = dir;
    this.durability = durability;
    this.segment = segment;
    this.channel = create(dir, segment);
    if (durability == Durability.NORMAL) {
      flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "asyncdb-wal-flush");
        t.setDaemon(true);
        return t;
      });
      flusher.scheduleWithFixedDelay(this::flushInBackground, Durability.NORMAL_SYNC_MILLIS, Durability.NORMAL_SYNC_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      flusher = null;
    }
  }

  /** Starts a log in {@code dir} whose first segment is {@code segment} (after any left by an earlier process). */
  public static WriteAheadLog open(Path dir, long segment, Durability durability) throws IOException {
    Files.createDirectories(dir);
    return new WriteAheadLog(dir, segment, durability);
  }

  public static String segmentName(long segment) {
    return String.format("%016d.wal", segment);
  }

  /** The segment number of a log file name, or -1 for other files. */
  public static long segmentOf(Path file) {
    String name = file.getFileName().toString();
    if (name.length() != 20 || !name.endsWith(".wal")) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, 16));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public Durability durability() {
    return durability;
  }

  /** Adds a record (from {@link WalCodec#encode}) and returns the log position to {@link #sync} to. */
  public synchronized long append(byte[] frame) {
    pending.write(frame, 0, frame.length);
    appended += frame.length;
    segmentBytes += frame.length;
    return appended;
  }

  /** Bytes in the current segment, to decide when to checkpoint. */
  public synchronized long segmentBytes() {
    return segmentBytes;
  }

  /**
   * Makes everything up to {@code position} as durable as the mode promises before a write is
   * acknowledged: fsynced for full, handed to the operating system for normal and off.
   */
  public void sync(long position) throws IOException {
    if (reached(position)) {
      return;
    }
    synchronized (flushLock) {
      if (reached(position)) {
        return;
      }
      IOException failed = failure;
      if (failed != null) {
        throw failed;
      }
      try {
        FileChannel ch = writePending();
        if (durability.syncsBeforeAck()) {
          ch.force(false);
          durable = written;
        }
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }

  private boolean reached(long position) {
    return (durability.syncsBeforeAck() ? durable : written) >= position;
  }

  /** Writes what is pending to the current segment; caller holds flushLock. */
  private FileChannel writePending() throws IOException {
    byte[] data;
    long end;
    FileChannel ch;
    synchronized (this) {
      data = pending.toByteArray();
      pending.reset();
      end = appended;
      ch = channel;
    }
    ByteBuffer buf = ByteBuffer.wrap(data);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    written = end;
    return ch;
  }

  private void flushInBackground() {
    synchronized (flushLock) {
      try {
        if (failure == null && written > durable) {
          long target = written;
          FileChannel ch;
          synchronized (this) {
            ch = channel;
          }
          ch.force(false);
          durable = target;
        }
      } catch (IOException e) {
        failure = e;
      }
    }
  }

  /**
   * Ends the current segment (written and fsynced unless durability is off) and starts the next.
   * Returns the new segment's number: every change before it is in the older segments.
   */
  public long rotate() throws IOException {
    synchronized (flushLock) {
      FileChannel old = writePending();
      synchronized (this) {
        if (durability != Durability.OFF) {
          old.force(false);
        }
        durable = written;
        old.close();
        segment++;
        channel = create(dir, segment);
        segmentBytes = 0;
        return segment;
      }
    }
  }

  /** Deletes the segments numbered below {@code segment}: their changes are checkpointed. */
  public void deleteBefore(long segment) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        long n = segmentOf(f);
        if (n >= 0 && n < segment) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private static FileChannel create(Path dir, long segment) throws IOException {
    FileChannel ch = FileChannel.open(dir.resolve(segmentName(segment)), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    syncDirectory(dir);
    return ch;
  }

  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Platforms that cannot open folders still keep the file; only its directory entry is at risk.
    }
  }

  @Override
  public void close() throws IOException {
    if (flusher != null) {
      flusher.shutdownNow();
    }
    synchronized (flushLock) {
      FileChannel ch = writePending();
      synchronized (this) {
        if (durability != Durability.OFF && ch.isOpen()) {
          ch.force(false);
        }
        ch.close();
      }
    }
  }
}
