package dev.asyncdb.engine.snapshot;

import dev.asyncdb.engine.source.SourceData;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code .db/snapshots/<resource>.cols}: the columns of a large collection as loaded from its
 * source file, so the next open reads them back in bulk instead of parsing the file again.
 *
 * <p>A snapshot is a cache, never a source of truth. It names the source's path, size,
 * modification time and SHA-256; it is used only when the file still has that size and time and
 * {@code .db/state/.sources.json} records that same hash for it (the rule that already decides
 * whether runtime state is still valid). Anything else — a changed, missing or racy source, a
 * truncated or damaged snapshot (its CRC-32C), another format — is logged with the reason and the
 * source is parsed as if there were no snapshot; the open then writes a fresh one in the
 * background, after the source's hash is known. Deleting the folder is always safe.
 *
 * <p>Layout: the 8-byte magic, the body's length and its CRC-32C, then the body: source path,
 * size, modification time and hash, the positions of skipped non-object items, and the table
 * ({@link TableCodec}). Files are written under a temporary name and moved into place, so
 * concurrent readers see the old snapshot or the new one, never a partial one.
 */
public final class LoadSnapshots {
  /** Sources smaller than this parse in a few milliseconds: no snapshot is kept for them. */
  public static final long MIN_SOURCE_BYTES = 1L << 20;
  private static final byte[] MAGIC = "ADBCOLS1".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + 8 + 4;
  private static final String SUFFIX = ".cols";
  private static final Logger LOG = LoggerFactory.getLogger(LoadSnapshots.class);

  private final Path root;
  private final Path dir;
  private final List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Snapshots of the project at {@code root} whose runtime folder is {@code runtimeDir} ({@code .db}). */
  public LoadSnapshots(Path root, Path runtimeDir) {
    this.root = root;
    this.dir = runtimeDir.resolve("snapshots");
  }

  /** One line per snapshot read, ignored or written so far, for the open's sync log. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  private String shown(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** The snapshot file of a resource. */
  public Path file(String resource) {
    return dir.resolve(resource + SUFFIX);
  }

  /** A source file's identity when it was read: its path in the project, size and modification time. */
  public record SourceStamp(String path, long size, long mtime) {
    public static SourceStamp of(Path file, String relativePath) throws IOException {
      return new SourceStamp(relativePath, Files.size(file), Files.getLastModifiedTime(file).toMillis());
    }
  }

  /** A collection parsed from its source, to be written as a snapshot once the source's hash is known. */
  public record Pending(String resource, SourceStamp stamp, TableCodec.Frozen table, List<Integer> skipped) {}

  /**
   * The rows of a resource from its snapshot, or null when there is no usable one (the reason is
   * logged; a missing snapshot is the normal first open and only logged at debug level).
   *
   * @param stamp the source file as it is now
   * @param recordedHash the hash {@code .sources.json} records for the unchanged source
   */
  public SourceData.Rows read(String resource, SourceStamp stamp, String recordedHash) {
    Path file = file(resource);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = channel.size();
      ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      while (header.hasRemaining() && channel.read(header) >= 0) {
        // fill the header
      }
      header.flip();
      if (header.remaining() < HEADER) {
        throw new CorruptSnapshotException("it is " + length + " bytes long, shorter than its header");
      }
      byte[] magic = new byte[MAGIC.length];
      header.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new CorruptSnapshotException("it does not start with " + new String(MAGIC, StandardCharsets.US_ASCII)
            + " (another format or not a snapshot)");
      }
      long bodyLength = header.getLong();
      int checksum = header.getInt();
      if (bodyLength != length - HEADER) {
        throw new CorruptSnapshotException("it is truncated or padded: its header announces " + (HEADER + bodyLength)
            + " bytes, the file has " + length);
      }
      SnapshotInput in = new SnapshotInput(channel, bodyLength);
      SourceStamp written = new SourceStamp(in.readString(), in.readLong(), in.readLong());
      String hash = in.readString();
      if (!written.equals(stamp) || !hash.equals(recordedHash)) {
        notes.add("Load snapshot " + shown(file) + " not used: " + stamp.path() + " changed since it was written");
        LOG.info("Not using the load snapshot {}: it was written for {} ({} bytes, modified {}, sha256 {}), the source is now"
            + " {} bytes, modified {}, sha256 {}; parsing {} instead (a new snapshot is written after the load)", file,
            written.path(), written.size(), written.mtime(), hash, stamp.size(), stamp.mtime(), recordedHash, stamp.path());
        return null;
      }
      int skippedCount = in.readCount(4);
      int[] skipped = new int[skippedCount];
      in.readInts(skipped, 0, skippedCount);
      RecordTable table = TableCodec.read(in);
      if (in.remaining() != 0) {
        throw new CorruptSnapshotException(in.remaining() + " bytes follow the table");
      }
      if (in.checksum() != checksum) {
        throw new CorruptSnapshotException("its CRC-32C does not match its content (damaged)");
      }
      List<Integer> positions = new ArrayList<>(skippedCount);
      for (int p : skipped) {
        positions.add(p);
      }
      notes.add("Read " + resource + " from its load snapshot " + shown(file));
      return new SourceData.Rows(table, positions);
    } catch (NoSuchFileException none) {
      LOG.debug("No load snapshot for {} yet", resource);
      return null;
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() != null ? e.getMessage() : e.toString();
      notes.add("Load snapshot " + shown(file) + " not used: " + reason);
      LOG.warn("Ignoring the load snapshot {} of {}: {}; parsing {} instead (a new snapshot is written after the load)",
          file, resource, reason, stamp.path());
      return null;
    }
  }

  /**
   * Writes the snapshot of a freshly parsed collection whose source hashed to {@code hash}, unless
   * the source changed since it was read. Failures are logged and cost only the next open's parse.
   */
  public void write(Pending pending, Path source, String hash) {
    Path target = file(pending.resource());
    Path temp = null;
    try {
      SourceStamp now = SourceStamp.of(source, pending.stamp().path());
      if (!now.equals(pending.stamp())) {
        notes.add("No load snapshot for " + pending.resource() + ": " + pending.stamp().path() + " changed while it was loaded");
        LOG.info("No load snapshot for {}: {} changed while it was loaded", pending.resource(), pending.stamp().path());
        return;
      }
      Files.createDirectories(dir);
      removeLeftovers(pending.resource());
      temp = dir.resolve(pending.resource() + SUFFIX + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        channel.position(HEADER);
        SnapshotOutput out = new SnapshotOutput(channel);
        out.writeString(now.path());
        out.writeLong(now.size());
        out.writeLong(now.mtime());
        out.writeString(hash);
        out.writeInt(pending.skipped().size());
        for (int p : pending.skipped()) {
          out.writeInt(p);
        }
        TableCodec.write(pending.table(), out);
        out.flush();
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putLong(out.written()).putInt(out.checksum()).flip();
        while (header.hasRemaining()) {
          channel.write(header, HEADER - header.remaining());
        }
      }
      // No fsync: after a crash a torn snapshot fails its checksum and is rebuilt, nothing is lost.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      notes.add("Wrote load snapshot " + shown(target));
    } catch (IOException | RuntimeException e) {
      notes.add("Could not write load snapshot " + shown(target) + ": " + e);
      LOG.warn("Could not write the load snapshot {}: {}; the next open parses {} again", target, e.toString(), pending.stamp().path());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // A leftover temporary file is removed by the next write.
        }
      }
    }
  }

  /** Temporary files of a write that a killed process left behind (the caller holds the project's write lock). */
  private void removeLeftovers(String resource) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, resource + SUFFIX + ".*.tmp")) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }
}
