package dev.asyncdb.engine.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.asyncdb.engine.json.Etags;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.Snapshot;
import dev.asyncdb.engine.table.TableVersion;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a backup bundle: {@code {"version":1,"kind":"db.backup","createdAt",...,"resources":{name:
 * {"kind","value","records","hash"}}}} where {@code hash} is {@code sha256:} of the compact JSON of
 * {@code value}. Everything comes from one {@link Snapshot}, so the bundle is a single point in time
 * even while writes continue. Values are streamed (a 1M-record collection is never held twice), and
 * the file appears atomically.
 */
public final class BundleWriter {
  private BundleWriter() {}

  /** One resource of a bundle as written: name, kind, record count and hash. */
  public record Entry(String name, String kind, long records, String hash) {}

  public static List<Entry> write(Path out, String project, Snapshot snapshot, List<String> resources) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + out.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    List<Entry> entries = new java.util.ArrayList<>();
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
           OutputStream file = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("version", 1);
        head.put("kind", "db.backup");
        head.put("createdAt", Instant.now().toString());
        head.put("project", project);
        head.put("snapshotVersion", snapshot.version());
        String headJson = Json.write(head);
        file.write(headJson.substring(0, headJson.length() - 1).getBytes(StandardCharsets.UTF_8));
        file.write(",\"resources\":{".getBytes(StandardCharsets.UTF_8));
        boolean first = true;
        for (String name : resources) {
          TableVersion rows = snapshot.rows(name);
          Map<String, Object> doc = snapshot.document(name);
          if (rows == null && doc == null) {
            continue;
          }
          if (!first) {
            file.write(',');
          }
          first = false;
          String kind = rows != null ? "collection" : "document";
          file.write((Json.write(name) + ":{\"kind\":\"" + kind + "\",\"value\":").getBytes(StandardCharsets.UTF_8));
          MessageDigest digest = Etags.sha256();
          OutputStream tee = new DigestOutputStream(new NonClosing(file), digest);
          long count = writeValue(tee, rows, doc);
          tee.flush();
          String hash = "sha256:" + HexFormat.of().formatHex(digest.digest());
          file.write((",\"records\":" + count + ",\"hash\":\"" + hash + "\"}").getBytes(StandardCharsets.UTF_8));
          entries.add(new Entry(name, kind, count, hash));
        }
        file.write("}}\n".getBytes(StandardCharsets.UTF_8));
        file.flush();
        ch.force(true);
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return entries;
  }

  /** The compact JSON of a collection's records (insertion order) or a document; returns the record count. */
  static long writeValue(OutputStream out, TableVersion rows, Map<String, Object> document) throws IOException {
    try (JsonGenerator g = Json.STRICT.createGenerator(new NonClosing(out))) {
      if (rows == null) {
        Json.writeValue(g, document);
        return 1;
      }
      g.writeStartArray();
      long n = 0;
      for (int s = 0, end = rows.slotCount(); s < end; s++) {
        int row = rows.rowAt(s);
        if (row >= 0) {
          Json.writeValue(g, rows.record(row));
          n++;
        }
      }
      g.writeEndArray();
      return n;
    }
  }

  /** The hash a bundle records for a value. */
  static String hashOf(Object value) throws IOException {
    MessageDigest digest = Etags.sha256();
    try (JsonGenerator g = Json.STRICT.createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), digest))) {
      Json.writeValue(g, value);
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  /** Keeps the bundle's stream open when a nested writer closes. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
