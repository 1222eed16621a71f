package dev.asyncdb.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {
  @Test
  void printsWhatInstantToStringPrints() {
    long[] edges = {0, 1, -1, 999, 1000, -1000, 86_399_999, 86_400_000, -86_400_001, 1_700_000_000_000L, 1_700_000_000_250L,
        951_782_400_000L /* 2000-02-29 */, -62_167_219_200_000L /* 0000-01-01 */, -62_167_219_200_001L, 253_402_300_799_999L /* 9999-12-31T23:59:59.999 */,
        253_402_300_800_000L, Long.MAX_VALUE / 1000, Long.MIN_VALUE / 1000};
    for (long millis : edges) {
      assertThat(InstantText.ofEpochMilli(millis)).as("millis %d", millis).isEqualTo(Instant.ofEpochMilli(millis).toString());
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long millis = random.nextLong(-70_000_000_000_000L, 300_000_000_000_000L);
      if (i % 2 == 0) {
        millis -= millis % 1000; // whole seconds print no fraction
      }
      assertThat(InstantText.ofEpochMilli(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
    }
  }

  @Test
  void writesThePlainFormInPlaceAndNothingOutsideIt() {
    byte[] out = new byte[4 + InstantText.MAX_LENGTH];
    for (long millis : new long[] {InstantText.FIRST_PLAIN, InstantText.LAST_PLAIN, 0, -1, 1_700_000_000_250L}) {
      int end = InstantText.write(millis, out, 4);
      assertThat(new String(out, 4, end - 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(Instant.ofEpochMilli(millis).toString());
      assertThat(new EpochMillis(millis).isPlainText()).isTrue();
      assertThat(new EpochMillis(millis)).hasToString(Instant.ofEpochMilli(millis).toString());
    }
    for (long millis : new long[] {InstantText.FIRST_PLAIN - 1, InstantText.LAST_PLAIN + 1}) {
      java.util.Arrays.fill(out, (byte) 0);
      assertThat(InstantText.write(millis, out, 4)).isEqualTo(-1);
      assertThat(out).containsOnly((byte) 0);
      assertThat(new EpochMillis(millis).isPlainText()).isFalse();
    }
  }
}
