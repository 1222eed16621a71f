package dev.asyncdb.engine.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Column views read batches of rows as stored, keep the representation they were taken from, and parse dates once. */
class ColumnViewTest {
  private static Map<String, Object> record(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void numbersComeInBatchesWithNullFlagsOnlyWhenThereAreNulls() {
    RecordTable t = new RecordTable();
    t.appendRecord(record("id", "a", "n", 5L, "x", 1L), -1, 0);
    t.appendRecord(record("id", "b", "n", null, "x", 2L), -1, 1);
    t.appendRecord(record("id", "c", "x", 3L), -1, 2);
    t.appendRecord(record("id", "d", "n", -7L, "x", 4L), -1, 3);
    t.publishLoaded(KeySpec.single("id"));
    int[] rows = {3, 0, 1, 2};
    long[] longs = new long[4];
    boolean[] nulls = new boolean[4];
    assertThat(t.column("n").view().longs(rows, 4, longs, nulls)).isTrue();
    assertThat(longs[0]).isEqualTo(-7L);
    assertThat(longs[1]).isEqualTo(5L);
    assertThat(nulls).containsExactly(false, false, true, true);

    boolean[] untouched = {true, true, true, true};
    double[] doubles = new double[4];
    ColumnView x = t.column("x").view();
    assertThat(x.doubles(rows, 4, doubles, untouched)).as("no nulls: flags not written").isFalse();
    assertThat(doubles).containsExactly(4d, 1d, 2d, 3d);
    assertThat(untouched).containsOnly(true);

    // A fraction widens the column to doubles; the view taken before still reads the integers it was taken from.
    t.appendRecord(record("id", "e", "x", 2.5), -1, 4);
    assertThat(t.column("x").kind()).isEqualTo(Column.Kind.DOUBLE);
    assertThat(x.kind()).isEqualTo(Column.Kind.LONG);
    assertThat(x.getLong(rows[0])).isEqualTo(4L);
    assertThat(t.column("x").view().getDouble(4)).isEqualTo(2.5);
  }

  @Test
  void integersAreKeptByABitSetOfKeysWithoutNullsOrValuesOutsideItsRange() {
    RecordTable t = new RecordTable();
    Long[] keys = {70L, null, 64L, 3L, 127L, 128L, Long.MIN_VALUE, 65L, Long.MAX_VALUE, 64L};
    for (int i = 0; i < keys.length; i++) {
      t.appendRecord(record("id", "r" + i, "k", keys[i]), -1, i);
    }
    t.publishLoaded(KeySpec.single("id"));
    // Bits from 64: 64, 65 and 127 are in the set, 70 is not; 3 and 128 lie outside its range.
    long[] bits = {1L | 1L << 1 | 1L << 63};
    int[] rows = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    int kept = t.column("k").view().keepLongsInBits(rows, rows.length, 64, bits);
    assertThat(Arrays.copyOf(rows, kept)).containsExactly(9, 7, 4, 2);

    // A NULL stored as 0 is never kept, even when 0 is in the set (every value of 0..127 is).
    int[] again = {0, 1, 3};
    assertThat(t.column("k").view().keepLongsInBits(again, 3, 0, new long[] {-1L, -1L})).isEqualTo(2);
    assertThat(Arrays.copyOf(again, 2)).containsExactly(0, 3);
    // A column of NULLs only keeps nothing; a column of another kind refuses.
    RecordTable nulls = new RecordTable();
    nulls.appendRecord(record("id", "a", "k", null), -1, 0);
    nulls.appendRecord(record("id", "b", "k", null), -1, 1);
    nulls.publishLoaded(KeySpec.single("id"));
    assertThat(nulls.column("k").kind()).isEqualTo(Column.Kind.NULL);
    assertThat(nulls.column("k").view().keepLongsInBits(new int[] {0, 1}, 2, 0, new long[] {-1L})).isZero();
    assertThatThrownBy(() -> t.column("id").view().keepLongsInBits(new int[] {0}, 1, 0, bits))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("check kind()");
  }

  @Test
  void dictionaryCodesAndDatesParsedOnceReadAsStored() {
    RecordTable t = new RecordTable();
    String[] days = {"2024-03-01", "not a date", null, "2024-02-29", "2023-02-29"};
    for (int i = 0; i < days.length; i++) {
      t.appendRecord(record("id", "r" + i, "day", days[i]), -1, i);
    }
    t.publishLoaded(KeySpec.single("id"));
    ColumnView view = t.column("day").view();
    assertThat(view.isDictionaryEncoded()).isTrue();
    int[] rows = {0, 1, 2, 3, 4};
    int[] codes = new int[5];
    view.codes(rows, 5, codes);
    assertThat(codes[2]).isEqualTo(-1);
    assertThat(view.dictionaryValue(codes[3])).isEqualTo("2024-02-29");
    long[] values = new long[5];
    boolean[] nulls = new boolean[5];
    assertThat(view.epochDays(rows, 5, values, nulls)).isTrue();
    assertThat(values[0]).isEqualTo(LocalDate.of(2024, 3, 1).toEpochDay());
    assertThat(values[3]).isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay());
    // Text that is no date (or no valid day) reads as NULL, as SQL reads it.
    assertThat(nulls).containsExactly(false, true, true, false, true);
  }

  @Test
  void manyDistinctDateTimesArePackedTextParsedAsRowsAreRead() {
    RecordTable t = new RecordTable();
    int n = 2000;
    for (int i = 0; i < n; i++) {
      t.appendRecord(record("id", "r" + i, "at", "2024-01-01T00:00:" + String.format("%02d", i % 60) + "." + String.format("%03d", i % 1000) + "Z"), -1, i);
    }
    t.publishLoaded(KeySpec.single("id"));
    ColumnView view = t.column("at").view();
    assertThat(view.isDictionaryEncoded()).isFalse();
    int[] rows = {5, 1999};
    long[] millis = new long[2];
    boolean[] nulls = new boolean[2];
    assertThat(view.epochMillis(rows, 2, millis, nulls)).isFalse();
    long base = LocalDate.of(2024, 1, 1).toEpochDay() * 86_400_000L;
    assertThat(millis).containsExactly(base + 5_005, base + 1999 % 60 * 1000 + 999);
    // Rows appended later are parsed when first read; text that is not ASCII is decoded first.
    t.appendRecord(record("id", "late", "at", "1970-01-01T00:00:01+01:00"), -1, n);
    t.appendRecord(record("id", "odd", "at", "1970-01-01T00:00:01Zé"), -1, n + 1);
    assertThat(t.column("at").view().epochMillis(new int[] {n, n + 1}, 2, millis, nulls)).isTrue();
    assertThat(millis[0]).isEqualTo(1000L - 3_600_000L);
    assertThat(nulls).containsExactly(false, true);
  }

  @Test
  void dateIntervalsKeepTheRowsInRangeAndNeverANullOrANonDate() {
    // Packed text (every value distinct) with NULLs and text that is no date, and a dictionary column.
    RecordTable t = new RecordTable();
    int n = 3000;
    LocalDate start = LocalDate.of(2000, 1, 1);
    for (int i = 0; i < n; i++) {
      Object day = i % 97 == 0 ? null : i % 89 == 0 ? "not a date" : start.plusDays(i).toString();
      t.appendRecord(record("id", "r" + i, "day", day, "few", i % 3 == 0 ? null : start.plusDays(i % 5 * 600L).toString()), -1, i);
    }
    t.publishLoaded(KeySpec.single("id"));
    long low = start.plusDays(100).toEpochDay();
    long high = start.plusDays(2500).toEpochDay();
    for (String column : new String[] {"day", "few"}) {
      ColumnView view = t.column(column).view();
      assertThat(view.isDictionaryEncoded()).as(column).isEqualTo(column.equals("few"));
      // The day 1970-01-01 (0) lies in the interval: a NULL, stored as 0, must still be dropped.
      for (long[] interval : new long[][] {{low, high}, {-1, start.plusDays(3).toEpochDay()}}) {
        int[] rows = java.util.stream.IntStream.range(0, n).map(r -> (r * 7) % n).toArray();
        long[] values = new long[n];
        boolean[] nulls = new boolean[n];
        boolean anyNull = view.epochDays(rows, n, values, nulls);
        assertThat(anyNull).isTrue();
        java.util.List<Integer> expected = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (!nulls[i] && values[i] >= interval[0] && values[i] <= interval[1]) {
            expected.add(rows[i]);
          }
        }
        assertThat(expected).isNotEmpty().hasSizeLessThan(n);
        int kept = view.keepTimesIn(false, rows, n, interval[0], interval[1], new long[n], new boolean[n]);
        assertThat(Arrays.stream(rows, 0, kept).boxed().toList()).as(column).isEqualTo(expected);
      }
    }
  }

  @Test
  void aVectorTheColumnDoesNotHaveIsRefused() {
    RecordTable t = new RecordTable();
    t.appendRecord(record("id", "a", "s", "text"), -1, 0);
    t.publishLoaded(KeySpec.single("id"));
    ColumnView view = t.column("s").view();
    assertThatThrownBy(() -> view.longs(new int[] {0}, 1, new long[1], new boolean[1]))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("a STRING column has no such vector");
    assertThat(Arrays.asList(view.kind(), view.get(0))).containsExactly(Column.Kind.STRING, "text");
  }

  @Test
  void packedStringsHashAndCompareFromTheirBytesAcrossColumns() {
    RecordTable t = new RecordTable();
    int n = 600;
    for (int i = 0; i < n; i++) {
      // Every value distinct: packed, not dictionary-encoded; one value is not ASCII.
      t.appendRecord(record("id", "r" + i, "a", "k" + i, "b", i == 7 ? "ké" : "k" + (n - 1 - i), "few", i % 2 == 0 ? "x" : "y", "num", (long) i), -1, i);
    }
    t.publishLoaded(KeySpec.single("id"));
    ColumnView a = t.column("a").view();
    ColumnView b = t.column("b").view();
    assertThat(a.isDictionaryEncoded()).isFalse();
    assertThat(a.stringHash(5)).isEqualTo("k5".hashCode());
    assertThat(b.stringHash(7)).isEqualTo("ké".hashCode());
    assertThat(a.stringEquals(5, "k5")).isTrue();
    assertThat(a.stringEquals(5, "k50")).isFalse();
    assertThat(b.stringEquals(7, "ké")).isTrue();
    assertThat(a.sameString(5, b, n - 1 - 5)).isTrue();
    assertThat(a.sameString(5, b, 6)).isFalse();
    assertThat(a.sameString(5, a, 5)).isTrue();
    // Strings of up to 7 UTF-8 bytes pack into one long, the same from the row as from the String.
    assertThat(a.shortString(5)).isEqualTo(ColumnView.shortString("k5")).isNotEqualTo(ColumnView.shortString("k50"))
        .isNotEqualTo(ColumnView.shortString("k5\0"));
    assertThat(b.shortString(7)).isEqualTo(ColumnView.shortString("ké")).isPositive();
    assertThat(ColumnView.shortString("")).isEqualTo(0L);
    assertThat(ColumnView.shortString("1234567")).isPositive();
    assertThat(ColumnView.shortString("12345678")).isEqualTo(-1L);
    assertThat(ColumnView.shortString("ééééé")).as("5 chars, 10 bytes").isEqualTo(-1L);
    t.appendRecord(record("id", "long", "a", "a string of many bytes"), -1, n);
    assertThat(t.column("a").view().shortString(n)).isEqualTo(-1L);
    ColumnView few = t.column("few").view();
    assertThat(few.isDictionaryEncoded()).isTrue();
    assertThatThrownBy(() -> few.stringHash(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("STRING (dictionary) column has no packed strings (stringHash asked)");
    assertThatThrownBy(() -> a.sameString(0, few, 0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no packed strings (sameString asked)");
    assertThatThrownBy(() -> t.column("num").view().stringEquals(0, "0")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a LONG column has no packed strings (stringEquals asked)");
  }

  @Test
  void shortStringsOfABatchEqualThoseOfSingleRowsForEveryLengthNullAndChunkEnd() {
    RecordTable t = new RecordTable();
    int n = 40_000; // more than one chunk of rows, so batches cross chunk ends
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      // Lengths 0 to 9 bytes, some with two-byte characters, every 13th NULL; distinct enough to be stored packed.
      String digits = Integer.toString(i * 7919 + 1_000_000_000);
      values[i] = i % 13 == 0 ? null : (i % 5 == 0 ? "é" : "") + digits.substring(0, i % 10);
      t.appendRecord(record("id", "r" + i, "s", values[i]), -1, i);
    }
    t.publishLoaded(KeySpec.single("id"));
    ColumnView view = t.column("s").view();
    int[] rows = new int[1024];
    long[] out = new long[1024];
    boolean[] nulls = new boolean[1024];
    for (int from = n - 1; from >= 0; from -= 1024) {
      int k = Math.min(1024, from + 1);
      for (int i = 0; i < k; i++) {
        rows[i] = from - i; // descending: any order of rows is allowed
      }
      assertThat(view.shortStrings(rows, k, out, nulls)).isTrue();
      for (int i = 0; i < k; i++) {
        String v = values[rows[i]];
        assertThat(nulls[i]).as("row %d", rows[i]).isEqualTo(v == null);
        if (v != null) {
          assertThat(out[i]).as("row %d (%s)", rows[i], v).isEqualTo(ColumnView.shortString(v)).isEqualTo(view.shortString(rows[i]));
        }
      }
    }
    t.appendRecord(record("id", "num", "n", 5L), -1, n);
    assertThatThrownBy(() -> t.column("n").view().shortStrings(rows, 1, out, nulls)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a LONG column has no packed strings (shortStrings asked)");
  }
}
