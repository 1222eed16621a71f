package dev.asyncdb.engine.store.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the log left by earlier processes, oldest segment first, stopping at the first record that
 * is torn (a crash in the middle of a write) or fails its checksum. Everything before that point
 * was written completely; what follows is reported, never applied, so a half-written transaction
 * is never visible.
 */
public final class WalReader {
  private WalReader() {}

  /**
   * What the log holds.
   *
   * @param writes the complete records, one per committed write, in log order
   * @param nextSegment the number a new log must start at (after every existing segment)
   * @param problems what was discarded, where and why (empty when the log ended cleanly)
   */
  public record Recovered(List<WalRecord> writes, long nextSegment, List<String> problems) {}

  public static Recovered read(Path dir) throws IOException {
    List<Path> segments = segments(dir);
    List<WalRecord> writes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    long next = segments.isEmpty() ? 1 : WriteAheadLog.segmentOf(segments.get(segments.size() - 1)) + 1;
    for (int i = 0; i < segments.size(); i++) {
      Path file = segments.get(i);
      byte[] data = Files.readAllBytes(file);
      String stop = readSegment(data, writes);
      if (stop != null) {
        int later = segments.size() - 1 - i;
        problems.add(dir.getParent().getFileName() + "/" + dir.getFileName() + "/" + file.getFileName() + ": " + stop
            + (later > 0 ? "; " + later + " later segment(s) were not replayed either" : ""));
        break;
      }
    }
    return new Recovered(writes, next, problems);
  }

  /** Appends the segment's complete records; returns why it stopped early, or null at a clean end. */
  private static String readSegment(byte[] data, List<WalRecord> writes) {
    int pos = 0;
    while (pos < data.length) {
      int remaining = data.length - pos;
      if (remaining < WalCodec.HEADER) {
        return "torn record header at byte " + pos + " (" + remaining + " byte(s) discarded)";
      }
      ByteBuffer header = ByteBuffer.wrap(data, pos, WalCodec.HEADER);
      int length = header.getInt();
      int crc = header.getInt();
      if (length == 0 && crc == 0 && allZero(data, pos)) {
        // The preallocated, never written rest of the segment: a clean end.
        return null;
      }
      if (length <= 0 || length > WalCodec.MAX_PAYLOAD || length > remaining - WalCodec.HEADER) {
        return "torn record at byte " + pos + ": header announces " + length + " byte(s), " + (remaining - WalCodec.HEADER)
            + " present (" + remaining + " byte(s) discarded)";
      }
      if (!WalCodec.checksumMatches(data, pos + WalCodec.HEADER, length, crc)) {
        return "checksum mismatch in the record at byte " + pos + " (" + remaining + " byte(s) discarded)";
      }
      try {
        writes.add(WalCodec.decode(data, pos + WalCodec.HEADER, length));
      } catch (IOException | RuntimeException e) {
        return "unreadable record at byte " + pos + ": " + e.getMessage() + " (" + remaining + " byte(s) discarded)";
      }
      pos += WalCodec.HEADER + length;
    }
    return null;
  }

  private static boolean allZero(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Segment files in order. */
  public static List<Path> segments(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> WriteAheadLog.segmentOf(f) >= 0).sorted().toList();
    }
  }
}
