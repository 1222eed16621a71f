package dev.asyncdb.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.OpenOptions;
import dev.asyncdb.engine.source.DataReader;
import dev.asyncdb.engine.source.SourceData;
import dev.asyncdb.engine.source.SourceFormat;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableCodec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load snapshots over real projects: a reopen reads the columns back with the same records and
 * diagnostics, and every way a snapshot can be wrong (stale, truncated, damaged, not a snapshot)
 * falls back to parsing the source, says why, and rebuilds it.
 */
class LoadSnapshotsTest {
  private static final String SNAPSHOT = ".db/snapshots/items.cols";

  @TempDir
  Path project;

  /** About 1.3 MB of records of every value kind: strings packed and dictionary-encoded, numbers, booleans, nested values, nulls, absent fields, one item that is no object. */
  private static String items(int count, String variant) {
    StringBuilder json = new StringBuilder("[\n");
    String[] statuses = {"draft", "published", "archived"};
    for (int i = 0; i < count; i++) {
      if (i == 5) {
        json.append("42,\n");
      }
      json.append("{\"id\":\"i").append(i).append("\",\"n\":").append(i * 7L)
          .append(",\"x\":").append(i % 3 == 0 ? String.valueOf(i) : i + ".25")
          .append(",\"flag\":").append(i % 2 == 0)
          .append(",\"status\":\"").append(statuses[i % 3]).append('"')
          .append(",\"name\":").append(i % 10 == 0 ? "null" : "\"" + variant + " näme ünïcode " + i + " " + "x".repeat(i % 40) + "\"");
      if (i % 4 != 0) {
        json.append(",\"meta\":{\"a\":").append(i).append(",\"tags\":[\"t").append(i % 5).append("\"]}");
      }
      if (i % 7 == 0) {
        json.append(",\"createdAt\":\"2024-0").append(1 + i % 9).append("-1").append(i % 10).append("T10:00:00Z\"");
      }
      json.append('}').append(i < count - 1 ? ",\n" : "\n");
    }
    return json.append("]\n").toString();
  }

  private Path writeItems(String content, Instant mtime) throws IOException {
    Path file = project.resolve("db/items.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    // Sources modified just now are "racy" (their recorded hash is not trusted): these are older.
    Files.setLastModifiedTime(file, FileTime.from(mtime));
    return file;
  }

  private record Opened(List<Map<String, Object>> records, List<String> diagnostics, List<String> log) {}

  private Opened openAndClose() {
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).build())) {
      List<String> log = db.awaitSync();
      return new Opened(db.collection("items").all(), db.diagnostics().stream().map(Diagnostic::format).toList(), log);
    }
  }

  @Test
  void aReopenReadsTheColumnsFromTheSnapshotWithTheSameRecordsDiagnosticsAndWrites() throws Exception {
    writeItems(items(12_000, "a"), Instant.now().minusSeconds(3600));
    assertThat(Files.size(project.resolve("db/items.json"))).isGreaterThan(LoadSnapshots.MIN_SOURCE_BYTES);

    Opened parsed = openAndClose();
    assertThat(parsed.log()).contains("Wrote load snapshot " + SNAPSHOT).noneMatch(l -> l.startsWith("Read items"));
    assertThat(project.resolve(SNAPSHOT)).exists();
    assertThat(parsed.diagnostics()).anyMatch(d -> d.contains("are not objects (positions [5])"));

    Opened snapshot = openAndClose();
    assertThat(snapshot.log()).contains("Read items from its load snapshot " + SNAPSHOT)
        .noneMatch(l -> l.startsWith("Wrote load snapshot"));
    assertThat(snapshot.records()).isEqualTo(parsed.records());
    assertThat(snapshot.diagnostics()).isEqualTo(parsed.diagnostics());

    // A table read from a snapshot takes writes and finds keys like a parsed one.
    try (AsyncDb db = AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).build())) {
      assertThat(db.collection("items").get("i11999")).containsEntry("n", 83_993L);
      Map<String, Object> added = new LinkedHashMap<>();
      added.put("id", "new");
      added.put("n", 5L);
      added.put("x", 2.75);
      added.put("flag", true);
      added.put("status", "published");
      added.put("name", "ß");
      db.collection("items").create(added);
      assertThat(db.collection("items").get("new")).containsEntry("x", 2.75).containsEntry("name", "ß");
      assertThat(db.collection("items").get("i3")).containsEntry("n", 21L);
    }
    // The write is runtime state; the source and so the snapshot stay valid.
    Opened reopened = openAndClose();
    assertThat(reopened.log()).contains("Read items from its load snapshot " + SNAPSHOT);
    assertThat(reopened.records()).hasSize(parsed.records().size() + 1);
  }

  @Test
  void concurrentOpensOfAWriterAndAReaderBothReadTheSnapshot() throws Exception {
    writeItems(items(12_000, "a"), Instant.now().minusSeconds(3600));
    List<Map<String, Object>> expected = openAndClose().records();

    CompletableFuture<List<Map<String, Object>>> reader = CompletableFuture.supplyAsync(() -> {
      try (AsyncDb db = AsyncDb.open(OpenOptions.builder(project).allowSourceErrors(true).readOnly(true).build())) {
        return db.collection("items").all();
      }
    });
    Opened writer = openAndClose();
    assertThat(writer.records()).isEqualTo(expected);
    assertThat(reader.get()).isEqualTo(expected);
  }

  @Test
  void aSnapshotOfAnEarlierVersionOfTheSourceIsNotUsedAndIsReplaced() throws Exception {
    writeItems(items(12_000, "a"), Instant.now().minusSeconds(7200));
    openAndClose();
    Path old = Files.copy(project.resolve(SNAPSHOT), project.resolve("old.cols"));

    writeItems(items(12_000, "b"), Instant.now().minusSeconds(3600));
    Opened changed = openAndClose();
    assertThat(changed.log()).contains("Wrote load snapshot " + SNAPSHOT).noneMatch(l -> l.startsWith("Read items"));
    assertThat(changed.records().get(1)).containsEntry("name", "b näme ünïcode 1 x");

    // An old snapshot beside new metadata (say its rewrite failed) is refused for what it describes.
    Files.copy(old, project.resolve(SNAPSHOT), StandardCopyOption.REPLACE_EXISTING);
    Opened refused = openAndClose();
    assertThat(refused.log()).contains("Load snapshot " + SNAPSHOT + " not used: db/items.json changed since it was written",
        "Wrote load snapshot " + SNAPSHOT);
    assertThat(refused.records()).isEqualTo(changed.records());
    assertThat(openAndClose().log()).contains("Read items from its load snapshot " + SNAPSHOT);
  }

  @Test
  void truncatedDamagedAndForeignSnapshotsAreIgnoredWithTheReasonAndRebuilt() throws Exception {
    writeItems(items(12_000, "a"), Instant.now().minusSeconds(3600));
    List<Map<String, Object>> expected = openAndClose().records();
    Path snapshot = project.resolve(SNAPSHOT);
    long length = Files.size(snapshot);

    try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
      file.setLength(length - 100);
    }
    Opened truncated = openAndClose();
    assertThat(truncated.log()).anyMatch(l -> l.startsWith("Load snapshot " + SNAPSHOT + " not used: it is truncated or padded"))
        .contains("Wrote load snapshot " + SNAPSHOT);
    assertThat(truncated.records()).isEqualTo(expected);
    assertThat(Files.size(snapshot)).isEqualTo(length);

    try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
      file.seek(length / 2);
      int b = file.read();
      file.seek(length / 2);
      file.write(b ^ 0x5a);
    }
    Opened damaged = openAndClose();
    assertThat(damaged.log()).anyMatch(l -> l.startsWith("Load snapshot " + SNAPSHOT + " not used: ")
        && (l.contains("CRC-32C does not match") || l.contains("does not fit") || l.contains("outside") || l.contains("ends")));
    assertThat(damaged.records()).isEqualTo(expected);

    Files.writeString(snapshot, "not a snapshot at all, just text");
    Opened foreign = openAndClose();
    assertThat(foreign.log()).contains("Load snapshot " + SNAPSHOT + " not used: it does not start with ADBCOLS1 (another format or not a snapshot)");
    assertThat(foreign.records()).isEqualTo(expected);

    Files.writeString(snapshot, "short");
    assertThat(openAndClose().log()).anyMatch(l -> l.contains("shorter than its header"));
    assertThat(openAndClose().log()).contains("Read items from its load snapshot " + SNAPSHOT);
  }

  /** Rewrites a snapshot's body and fixes its length and checksum, as a buggy writer would leave it. */
  private static void rewriteBody(Path snapshot, java.util.function.UnaryOperator<byte[]> change) throws IOException {
    byte[] file = Files.readAllBytes(snapshot);
    byte[] body = change.apply(java.util.Arrays.copyOfRange(file, 20, file.length));
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(body);
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(20 + body.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    out.put(file, 0, 8).putLong(body.length).putInt((int) crc.getValue()).put(body);
    Files.write(snapshot, out.array());
  }

  @Test
  void snapshotsWithAValidChecksumButInconsistentContentAreRefused() throws Exception {
    writeItems(items(12_000, "a"), Instant.now().minusSeconds(3600));
    List<Map<String, Object>> expected = openAndClose().records();
    Path snapshot = project.resolve(SNAPSHOT);

    // The last int of the body is the last slot of the key index: point it past the last row.
    rewriteBody(snapshot, body -> {
      java.nio.ByteBuffer.wrap(body).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(body.length - 4, 12_001 + 5);
      return body;
    });
    Opened badIndex = openAndClose();
    assertThat(badIndex.log()).contains("Load snapshot " + SNAPSHOT + " not used: the key index points at row 12005 of 12000");
    assertThat(badIndex.records()).isEqualTo(expected);

    rewriteBody(snapshot, body -> java.util.Arrays.copyOf(body, body.length + 4));
    Opened trailing = openAndClose();
    assertThat(trailing.log()).contains("Load snapshot " + SNAPSHOT + " not used: 4 bytes follow the table");
    assertThat(trailing.records()).isEqualTo(expected);
    assertThat(openAndClose().log()).contains("Read items from its load snapshot " + SNAPSHOT);
  }

  @Test
  void smallSourcesMixedColumnsAndRacySourcesGetNoSnapshot() throws Exception {
    writeItems("[{\"id\":\"a\",\"n\":1}]", Instant.now().minusSeconds(3600));
    assertThat(openAndClose().log()).noneMatch(l -> l.contains("load snapshot"));
    assertThat(project.resolve(".db/snapshots")).doesNotExist();

    StringBuilder mixed = new StringBuilder(items(12_000, "a"));
    mixed.insert(mixed.lastIndexOf("]"), ",{\"id\":\"m\",\"n\":\"seven\"}");
    writeItems(mixed.toString().replace("}\n,{\"id\":\"m\"", "},{\"id\":\"m\""), Instant.now().minusSeconds(3600));
    Opened opened = openAndClose();
    assertThat(opened.log()).noneMatch(l -> l.contains("load snapshot"));
    assertThat(opened.records()).anyMatch(r -> "seven".equals(r.get("n")));

    // Modified just now: its hash is not trusted yet, so no snapshot is read (one is still written).
    writeItems(items(12_000, "c"), Instant.now());
    Opened racy = openAndClose();
    assertThat(racy.log()).noneMatch(l -> l.startsWith("Read items"));
    assertThat(openAndClose().log()).noneMatch(l -> l.startsWith("Read items"));
  }

  @Test
  void aTableFrozenAtLoadIsWrittenAsLoadedAndAWidenedColumnIsRefused() throws Exception {
    Path source = writeItems(items(12_000, "a"), Instant.now().minusSeconds(3600));
    SourceData.Rows rows = (SourceData.Rows) DataReader.read(source, SourceFormat.JSON, false);
    RecordTable table = rows.table();
    int loaded = table.physicalRows();
    TableCodec.Frozen frozen = TableCodec.freeze(table, new String[1]);
    LoadSnapshots snapshots = new LoadSnapshots(project, project.resolve(".db"));
    LoadSnapshots.SourceStamp stamp = LoadSnapshots.SourceStamp.of(source, "db/items.json");

    // Rows appended after the freeze (a write) are not part of the snapshot.
    Map<String, Object> later = new LinkedHashMap<>();
    later.put("id", "later");
    later.put("flag", null);
    table.appendRecord(later, -1, loaded);
    snapshots.write(new LoadSnapshots.Pending("items", stamp, frozen, rows.skipped()), source, "hash-1");
    SourceData.Rows back = snapshots.read("items", stamp, "hash-1");
    assertThat(back.table().physicalRows()).isEqualTo(loaded);
    assertThat(back.skipped()).containsExactly(5);
    for (int r : new int[] {0, 1, 7, 4999, loaded - 1}) {
      assertThat(back.table().record(r)).isEqualTo(table.record(r));
    }
    assertThat(back.table().column("flag").counts().nulls()).isZero();
    assertThat(snapshots.read("items", stamp, "another-hash")).isNull();

    // A write that widened a column since the freeze: the snapshot is not written, the old one stays.
    Map<String, Object> widening = new LinkedHashMap<>();
    widening.put("id", "wide");
    widening.put("n", "not a number");
    table.appendRecord(widening, -1, loaded + 1);
    snapshots.write(new LoadSnapshots.Pending("items", stamp, frozen, rows.skipped()), source, "hash-2");
    assertThat(snapshots.notes()).anyMatch(n -> n.startsWith("Could not write load snapshot .db/snapshots/items.cols")
        && n.contains("column \"n\" changed representation after the load"));
    assertThat(snapshots.read("items", stamp, "hash-1")).isNotNull();
    try (var leftovers = Files.list(project.resolve(".db/snapshots"))) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("items.cols");
    }

    // A source that changed after it was read gets no snapshot.
    Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(60)));
    snapshots.write(new LoadSnapshots.Pending("other", stamp, frozen, List.of()), source, "hash-3");
    assertThat(snapshots.notes()).contains("No load snapshot for other: db/items.json changed while it was loaded");
    assertThat(project.resolve(".db/snapshots/other.cols")).doesNotExist();
  }

  @Test
  void aMixedColumnCannotBeFrozen() throws Exception {
    Path source = project.resolve("mixed.json");
    Files.writeString(source, "[{\"v\":1},{\"v\":\"one\"}]");
    RecordTable table = ((SourceData.Rows) DataReader.read(source, SourceFormat.JSON, false)).table();
    String[] why = new String[1];
    assertThat(TableCodec.freeze(table, why)).isNull();
    assertThat(why[0]).isEqualTo("column \"v\" mixes value types");
    assertThatThrownBy(() -> LoadSnapshots.SourceStamp.of(project.resolve("missing.json"), "missing.json"))
        .isInstanceOf(IOException.class);
  }
}
