package dev.asyncdb.engine.store;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code .db/lock}: one process owns a project for writing. The operating system's file lock is
 * the truth (it disappears with the process, so a crash never leaves a stale lock); the file's
 * content names the owner (pid, host, since when, and a server's address) for the error a second
 * writer gets.
 */
public final class ProjectLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Map<String, Object> owner = new LinkedHashMap<>();

  private ProjectLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the write lock of the project whose generated folder is {@code stateDir}; throws {@code DB_LOCKED} when another owner holds it. */
  public static ProjectLock acquire(Path stateDir) {
    Path file = stateDir.resolve("lock");
    FileChannel ch = null;
    try {
      Files.createDirectories(stateDir);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        Map<String, Object> holder = readOwner(ch);
        ch.close();
        throw locked(stateDir.getParent(), holder);
      }
      ProjectLock pl = new ProjectLock(file, ch, lock);
      pl.owner.put("pid", ProcessHandle.current().pid());
      pl.owner.put("host", hostName());
      pl.owner.put("since", Instant.now().toString());
      pl.owner.put("mode", "write");
      pl.writeOwner();
      return pl;
    } catch (IOException e) {
      closeQuietly(ch);
      throw new DbException("DB_LOCK_FAILED", 500, "Could not take the write lock " + file + ": " + e.getMessage(),
          "Check that the project's .db folder is writable, or open the project read-only.", Map.of("lockFile", file.toString()), e);
    }
  }

  /** Records the address of a server that owns the project, so a second process is told to connect through it. */
  public synchronized void advertise(String address) {
    if (address == null) {
      owner.remove("address");
    } else {
      owner.put("address", address);
    }
    try {
      writeOwner();
    } catch (IOException e) {
      // The lock itself still holds; only the owner description is stale.
    }
  }

  /** The owner description as written to the lock file. */
  public synchronized Map<String, Object> owner() {
    return Map.copyOf(owner);
  }

  private void writeOwner() throws IOException {
    byte[] bytes = (Json.pretty(owner) + "\n").getBytes(StandardCharsets.UTF_8);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(bytes), 0);
    channel.force(false);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readOwner(FileChannel ch) {
    try {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 16));
      ch.read(buf, 0);
      Object parsed = Json.parse(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
      return parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    } catch (IOException | RuntimeException unreadable) {
      // The owner may be writing its description right now; the error then names less.
      return Map.of();
    }
  }

  private static DbException locked(Path project, Map<String, Object> holder) {
    Object pid = holder.get("pid");
    boolean self = pid != null && String.valueOf(ProcessHandle.current().pid()).equals(String.valueOf(pid));
    StringBuilder who = new StringBuilder(self ? "this process (pid " + pid + ")" : pid != null ? "process " + pid : "another process");
    if (holder.get("host") != null && !self) {
      who.append(" on ").append(holder.get("host"));
    }
    if (holder.get("since") != null) {
      who.append(" since ").append(holder.get("since"));
    }
    Object address = holder.get("address");
    if (address != null) {
      who.append(", serving it at ").append(address);
    }
    String hint = address != null
        ? "Connect through that server (jdbc:asyncdb:remote:" + address + "), open read-only (readOnly=true / --read-only), or stop it first."
        : self ? "Close the other AsyncDb / connection of this project in this process first (or share it), or open read-only (readOnly=true / --read-only)."
            : "Stop that process first, or open the project read-only (readOnly=true / --read-only) to read its last state.";
    Map<String, Object> details = new LinkedHashMap<>(holder);
    details.put("project", project.toString());
    return new DbException("DB_LOCKED", 409, "Project " + project + " is open for writing by " + who + ".", hint, details);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // Closing releases the lock; nothing else to do.
      }
    }
  }

  /** Releases the lock; the file stays (removing it could race with a process that just opened it). */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it as well.
    }
    closeQuietly(channel);
  }

  public Path file() {
    return file;
  }
}
