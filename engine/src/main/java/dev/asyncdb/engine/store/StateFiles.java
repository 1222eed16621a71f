package dev.asyncdb.engine.store;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.asyncdb.engine.json.JsPrettyPrinter;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.table.JsonBytes;
import dev.asyncdb.engine.table.RowJsonWriter;
import dev.asyncdb.engine.table.TableVersion;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic, durable replacement of state files in the original's format (JSON pretty-printed with
 * two spaces and a trailing newline): temp file in the same folder, fsync, rename, fsync of the
 * folder. A crash leaves either the old or the new file, never a torn one.
 */
public final class StateFiles {
  private StateFiles() {}

  /** Writes a collection version's records in insertion order. */
  public static void writeRows(Path file, TableVersion rows) throws IOException {
    writeRows(file, rows, true);
  }

  /**
   * {@link #writeRows(Path, TableVersion)}; {@code direct} writes each row of plain values straight
   * from the columns ({@link RowJsonWriter#writePretty}, the bytes the generator writes, placed by
   * the generator), false writes every row through the generator (tests compare the two).
   */
  static void writeRows(Path file, TableVersion rows, boolean direct) throws IOException {
    replace(file, out -> {
      try (JsonGenerator g = Json.STRICT.createGenerator(out)) {
        g.setPrettyPrinter(new JsPrettyPrinter());
        g.writeStartArray();
        RowJsonWriter writer = direct ? new RowJsonWriter(rows.table()) : null;
        JsonBytes buffer = new JsonBytes(1024);
        com.fasterxml.jackson.core.SerializableString raw = buffer.asRawValue();
        for (int s = 0, end = rows.slotCount(); s < end; s++) {
          int row = rows.rowAt(s);
          if (row < 0) {
            continue;
          }
          buffer.truncate(0);
          if (writer != null && writer.writePretty(row, buffer)) {
            g.writeRawValue(raw);
          } else {
            Json.writeValue(g, rows.record(row));
          }
        }
        g.writeEndArray();
      }
    });
  }

  public static void writeValue(Path file, Object value) throws IOException {
    replace(file, out -> Json.write(value, out, true));
  }

  /** Writes a small text file only when its content differs (keeps mtimes stable for watchers). */
  public static boolean writeIfChanged(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
      return false;
    }
    replace(file, out -> out.write(bytes));
    return true;
  }

  /** Content writer for {@link #replace}. */
  interface Content {
    void write(OutputStream out) throws IOException;
  }

  static void replace(Path file, Content content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String name = file.getFileName().toString();
    Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + "."
        + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
           OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
           OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
        content.write(out);
        out.write('\n');
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** fsync of a folder so a rename survives power loss (a no-op where the platform cannot). */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms (Windows) cannot open folders; the rename is still atomic there.
    }
  }
}
