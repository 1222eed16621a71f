package dev.asyncdb.engine.store.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The writing side of the log. Writers {@link #append} their record under the database's writer
 * lock (a memory copy) and then, outside it, {@link #sync} up to their position: the first one in
 * writes everything appended so far and fsyncs once for the whole group, so concurrent writers
 * share fsyncs (group commit): one writer at a time is the leader that writes and fsyncs, the
 * others wait on a condition and return as soon as a sync covered their position. Segments are numbered files; a checkpoint {@link #rotate}s to a new
 * one and deletes the old ones once their changes are in the state files.
 */
public final class WriteAheadLog implements Closeable {
  private final Path dir;
  private final Durability durability;
  /** Guards {@link #flushing}; followers wait on {@link #synced}. */
  private final ReentrantLock flushState = new ReentrantLock();
  private final Condition synced = flushState.newCondition();
  private boolean flushing;
  private final ScheduledExecutorService flusher;

  // Guarded by this.
  private FileChannel channel;
  private long segment;
  private long segmentBytes;
  /** Frames appended since the last write, kept as they are (a 100k-row batch is one large frame; no copies). */
  private List<WalFrame> pending = new ArrayList<>();
  private long appended;

  /** Zeros written ahead of the log per extension. */
  static final long PREALLOCATE_BYTES = 1L << 20;

  // Used by the flush leader only: where the next record goes in the segment, and how far it is zero-filled.
  private long fileOffset;
  private long allocated;

  // Changed by the flush leader; read by writers checking whether their position is reached.
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
  public long append(byte[] frame) {
    return append(WalFrame.of(frame));
  }

  /** {@link #append(byte[])} of a record kept in pieces ({@link WalCodec#encodeFrame}). */
  public synchronized long append(WalFrame frame) {
    pending.add(frame);
    appended += frame.length();
    segmentBytes += frame.length();
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
    sync(position, durability.syncsBeforeAck());
  }

  /**
   * Makes everything up to {@code position} reach the operating system, and with {@code force} the
   * disk (fsync) whatever the durability mode: a record other stores' commits depend on must be on
   * disk before they commit.
   */
  public void sync(long position, boolean force) throws IOException {
    if (reached(position, force)) {
      return;
    }
    if (!lead(position, force)) {
      return;
    }
    try {
      IOException failed = failure;
      if (failed != null) {
        throw failed;
      }
      FileChannel ch = writePending();
      if (force) {
        ch.force(false);
        durable = written;
      }
    } catch (IOException e) {
      failure = e;
      throw e;
    } finally {
      resign();
    }
  }

  /**
   * Waits until {@code position} is reached (false) or this thread is the flush leader (true).
   * A position of {@link Long#MAX_VALUE} always ends in leadership.
   */
  private boolean lead(long position) throws IOException {
    return lead(position, durability.syncsBeforeAck());
  }

  private boolean lead(long position, boolean forced) throws IOException {
    flushState.lock();
    try {
      while (true) {
        if (position != Long.MAX_VALUE && reached(position, forced)) {
          return false;
        }
        if (failure != null) {
          throw failure;
        }
        if (!flushing) {
          flushing = true;
          return true;
        }
        synced.awaitUninterruptibly();
      }
    } finally {
      flushState.unlock();
    }
  }

  private void resign() {
    flushState.lock();
    try {
      flushing = false;
      synced.signalAll();
    } finally {
      flushState.unlock();
    }
  }

  private boolean reached(long position, boolean forced) {
    return (forced ? durable : written) >= position;
  }

  /** Writes what is pending to the current segment; only the flush leader calls it. */
  private FileChannel writePending() throws IOException {
    List<WalFrame> frames;
    long end;
    FileChannel ch;
    synchronized (this) {
      frames = pending;
      pending = new ArrayList<>();
      end = appended;
      ch = channel;
    }
    long bytes = 0;
    for (WalFrame f : frames) {
      bytes += f.length();
    }
    if (fileOffset + bytes > allocated) {
      if (bytes <= PREALLOCATE_BYTES) {
        preallocate(ch, fileOffset + bytes);
      } else {
        // A large batch is written where it lands: zero-filling its range first would write it twice.
        allocated = fileOffset + bytes;
      }
    }
    for (WalFrame f : frames) {
      fileOffset = f.writeTo(ch, fileOffset);
    }
    written = end;
    return ch;
  }

  /**
   * Extends the segment with zeros ahead of the writes. Overwriting allocated blocks lets an fsync
   * flush just the data, not the file's size and extents on every write; recovery reads the zeros
   * as the end of the log.
   */
  private void preallocate(FileChannel ch, long needed) throws IOException {
    long target = Math.max(needed, allocated + PREALLOCATE_BYTES);
    ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(PREALLOCATE_BYTES, 1 << 20));
    long pos = allocated;
    while (pos < target) {
      zeros.clear();
      zeros.limit((int) Math.min(zeros.capacity(), target - pos));
      pos += ch.write(zeros, pos);
    }
    allocated = target;
  }

  private void flushInBackground() {
    flushState.lock();
    try {
      if (flushing || failure != null || written <= durable) {
        return;
      }
      flushing = true;
    } finally {
      flushState.unlock();
    }
    try {
      long target = written;
      FileChannel ch;
      synchronized (this) {
        ch = channel;
      }
      ch.force(false);
      durable = target;
    } catch (IOException e) {
      failure = e;
    } finally {
      resign();
    }
  }

  /**
   * Ends the current segment (written and fsynced unless durability is off) and starts the next.
   * Returns the new segment's number: every change before it is in the older segments.
   */
  public long rotate() throws IOException {
    lead(Long.MAX_VALUE);
    try {
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
        fileOffset = 0;
        allocated = 0;
        return segment;
      }
    } finally {
      resign();
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
    lead(Long.MAX_VALUE);
    try {
      FileChannel ch = writePending();
      synchronized (this) {
        if (durability != Durability.OFF && ch.isOpen()) {
          ch.force(false);
        }
        ch.close();
      }
    } finally {
      resign();
    }
  }
}
