package dev.asyncdb.engine.store.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WalCodecTest {
  @Test
  void recordsOfEverySizeDecodeToTheirEntries() throws Exception {
    // Below and above the size where slices are encoded in parallel, and sizes that do not divide evenly.
    for (int n : new int[] {0, 1, 2, WalCodec.PARALLEL_MIN - 1, WalCodec.PARALLEL_MIN, WalCodec.PARALLEL_MIN + 3, 3 * WalCodec.PARALLEL_MIN + 1}) {
      List<WalEntry> entries = entries(n);
      byte[] frame = WalCodec.encode(entries);
      ByteBuffer header = ByteBuffer.wrap(frame);
      int length = header.getInt();
      int crc = header.getInt();
      assertThat(length).as("payload length of %d entries", n).isEqualTo(frame.length - WalCodec.HEADER);
      assertThat(WalCodec.checksumMatches(frame, WalCodec.HEADER, length, crc)).isTrue();
      assertThat(WalCodec.decode(frame, WalCodec.HEADER, length)).as("%d entries", n).isEqualTo(WalRecord.of(entries));
      if (n == 0) {
        assertThat(new String(frame, WalCodec.HEADER, length, StandardCharsets.UTF_8)).isEqualTo("{\"c\":[]}");
      }
    }
  }

  @Test
  void namesAndValuesNeedingEscapesSurvive() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("qu\"ote", "line\nbreak \u00e9 \ud83d\ude00");
    value.put("nested", Map.of("a", List.of(1L, 2.5, true)));
    value.put("nothing", null);
    List<WalEntry> entries = List.of(new WalEntry("r\u00e9s", 'I', "k\"1", value, null), new WalEntry("doc", 'P', null, value, "abc"),
        new WalEntry("r\u00e9s", 'D', "k\"1", null, null));
    byte[] frame = WalCodec.encode(entries);
    assertThat(WalCodec.decode(frame, WalCodec.HEADER, frame.length - WalCodec.HEADER).entries()).isEqualTo(entries);
  }

  @Test
  void aWriteSpanningStoresCarriesItsCommitIdAndDecidingStores() throws Exception {
    for (int n : new int[] {0, 3, WalCodec.PARALLEL_MIN + 3}) {
      WalRecord record = new WalRecord(entries(n), "c0ffee-1", List.of("app", "p\"g"));
      byte[] frame = WalCodec.encode(record);
      ByteBuffer header = ByteBuffer.wrap(frame);
      int length = header.getInt();
      assertThat(WalCodec.checksumMatches(frame, WalCodec.HEADER, length, header.getInt())).isTrue();
      assertThat(WalCodec.decode(frame, WalCodec.HEADER, length)).as("%d entries", n).isEqualTo(record);
      if (n == 0) {
        assertThat(new String(frame, WalCodec.HEADER, length, StandardCharsets.UTF_8)).isEqualTo("{\"c\":[],\"x\":\"c0ffee-1\",\"w\":[\"app\",\"p\\\"g\"]}");
      }
    }
  }

  @Test
  void aLargeRecordIsKeptInPiecesAndReadsBackFromTheLog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // Three slices' worth of entries: several chunks per slice, so the joins land inside and between chunks.
    WalRecord large = WalRecord.of(entries(3 * WalCodec.PARALLEL_MIN + 1));
    WalRecord small = WalRecord.of(entries(2));
    WalFrame frame = WalCodec.encodeFrame(large);
    assertThat(frame.length()).isGreaterThan(3L * WalCodec.CHUNK);
    byte[] joined = frame.toByteArray();
    assertThat(WalCodec.decode(joined, WalCodec.HEADER, joined.length - WalCodec.HEADER)).isEqualTo(large);
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1, Durability.FULL)) {
      log.append(WalCodec.encodeFrame(small));
      log.sync(log.append(frame));
      log.sync(log.append(WalCodec.encodeFrame(small)));
    }
    WalReader.Recovered recovered = WalReader.read(dir);
    assertThat(recovered.problems()).isEmpty();
    assertThat(recovered.writes()).containsExactly(small, large, small);
  }

  @Test
  void aRecordJustOverItsEstimateGrowsByDoublingNotByAWholeChunk() {
    // A single-row write's record is estimated at ~200 bytes; one a little longer must not cost a 256 KB array.
    WalCodec.Chunks out = new WalCodec.Chunks(16);
    byte[] bytes = new byte[100];
    java.util.Arrays.fill(bytes, (byte) 'x');
    bytes[0] = '[';
    bytes[99] = ']';
    out.write(bytes, 0, bytes.length);
    List<ByteBuffer> pieces = new ArrayList<>();
    out.addInner(pieces);
    assertThat(pieces.stream().mapToInt(ByteBuffer::remaining).sum()).isEqualTo(98);
    assertThat(pieces.stream().mapToInt(b -> b.array().length).sum()).isLessThan(256);
  }

  @Test
  void rowsWrittenStraightFromTheColumnsAreTheBytesTheGeneratorWrites() throws Exception {
    // Plain values are written by hand, anything else by the generator, entry by entry in order:
    // the record must be byte for byte the one the generator writes for the same rows, and read
    // back as the same records.
    dev.asyncdb.engine.table.RecordTable table = new dev.asyncdb.engine.table.RecordTable(dev.asyncdb.engine.table.KeySpec.single("id"));
    String[] kinds = {"plain", "qu\"ote", "back\\slash", "tab\there", "caf\u00e9", "emoji \ud83d\ude00", "del\u007f", ""};
    int n = WalCodec.PARALLEL_MIN + 2_345;
    for (int i = 0; i < n; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", i % 1_000 == 7 ? "k\"" + i : "r" + i);
      r.put("title", kinds[i % kinds.length] + " " + i);
      r.put("user", "u_" + (i % 5)); // few distinct values: dictionary-encoded
      r.put("mood", kinds[i % kinds.length]); // dictionary-encoded, some needing escapes
      if (i % 3 != 0) {
        r.put("views", i % 7 == 0 ? -i : i % 11 == 0 ? Long.MAX_VALUE : i % 13 == 0 ? Long.MIN_VALUE : (long) i);
      }
      r.put("ok", i % 2 == 0);
      if (i % 17 == 0) {
        r.put("nothing", null);
      }
      if (i % 19 == 0) {
        r.put("score", i + 0.25);
      }
      if (i % 23 == 0) {
        r.put("nested", Map.of("a", List.of(1L, "x")));
      }
      table.appendRecord(r, -1, i);
    }
    List<WalEntry> direct = new ArrayList<>();
    List<WalEntry> generated = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = table.keyOf(i);
      String hash = i == 0 ? "seed\"hash" : i == 1 ? "seedhash" : null;
      direct.add(new WalEntry("posts", 'i', key, new dev.asyncdb.engine.table.RowRecord(table, i), hash));
      generated.add(new WalEntry("posts", 'i', key, new LinkedHashMap<>(table.record(i)), hash));
      if (i % 5_000 == 4) {
        WalEntry other = new WalEntry("doc", 'p', null, Map.of("a", 1L), null);
        direct.add(other);
        generated.add(other);
      }
    }
    byte[] expected = WalCodec.encodeFrame(WalRecord.of(direct), false).toByteArray();
    byte[] actual = WalCodec.encode(direct);
    assertSameBytes(actual, expected);
    assertThat(WalCodec.decode(actual, WalCodec.HEADER, actual.length - WalCodec.HEADER)).isEqualTo(WalRecord.of(generated));

    // A run of rows as one entry (a bulk insert's commit): the same bytes as an entry per row, in slices split inside the run.
    WalEntry before = new WalEntry("doc", 'p', null, Map.of("a", 1L), null);
    List<WalEntry> ranged = List.of(before, new WalEntry("posts", 'i', null, new dev.asyncdb.engine.table.RowRange(table, 0, n), "seed\"hash"), before);
    List<WalEntry> perRow = new ArrayList<>();
    perRow.add(before);
    for (int i = 0; i < n; i++) {
      perRow.add(new WalEntry("posts", 'i', table.keyOf(i), new LinkedHashMap<>(table.record(i)), i == 0 ? "seed\"hash" : null));
    }
    perRow.add(before);
    assertThat(WalCodec.slices(ranged)).hasSizeGreaterThan(1);
    byte[] rangedDirect = WalCodec.encode(ranged);
    byte[] rangedGenerated = WalCodec.encodeFrame(WalRecord.of(ranged), false).toByteArray();
    assertSameBytes(rangedDirect, rangedGenerated);
    assertThat(WalCodec.decode(rangedDirect, WalCodec.HEADER, rangedDirect.length - WalCodec.HEADER)).isEqualTo(WalRecord.of(perRow));
  }

  /** Frames equal byte for byte; else the payload around the first difference (the header differs with it). */
  private static void assertSameBytes(byte[] actual, byte[] expected) {
    int at = java.util.Arrays.mismatch(actual, WalCodec.HEADER, actual.length, expected, WalCodec.HEADER, expected.length);
    at = at < 0 ? java.util.Arrays.mismatch(actual, expected) : at + WalCodec.HEADER;
    assertThat(at).as("first differing byte; written %s, generator %s", around(actual, at), around(expected, at)).isEqualTo(-1);
  }

  private static String around(byte[] bytes, int at) {
    int from = Math.max(WalCodec.HEADER, at - 120);
    return at < 0 ? "-" : new String(bytes, from, Math.min(bytes.length, at + 80) - from, StandardCharsets.UTF_8);
  }

  private static List<WalEntry> entries(int n) {
    List<WalEntry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("id", "r" + i);
      v.put("views", (long) i);
      v.put("title", "Row " + i);
      out.add(i % 10 == 9 ? new WalEntry(i % 2 == 0 ? "a" : "b", 'D', "r" + i, null, null) : new WalEntry(i % 2 == 0 ? "a" : "b", 'I', "r" + i, v, null));
    }
    return out;
  }
}
