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
