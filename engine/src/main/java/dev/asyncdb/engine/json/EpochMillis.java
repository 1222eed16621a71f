package dev.asyncdb.engine.json;

/**
 * An instant handed to the engine as epoch milliseconds where a JSON value is expected, standing
 * for its ISO-8601 text ({@link InstantText}, which {@link #toString()} gives). A bulk insert of a
 * date-time column passes these: the text is written straight into the stored column, with no
 * String per value and no parse to validate what was just formatted. Only
 * {@code Transaction.insertColumns} accepts them; anywhere else a value is its text.
 */
public final class EpochMillis {
  private final long millis;

  public EpochMillis(long millis) {
    this.millis = millis;
  }

  public long millis() {
    return millis;
  }

  /** Whether the text is the plain {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z} form (a year 0000–9999) that date-time fields accept as it is. */
  public boolean isPlainText() {
    return millis >= InstantText.FIRST_PLAIN && millis <= InstantText.LAST_PLAIN;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EpochMillis other && other.millis == millis;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(millis);
  }

  /** The ISO-8601 text the value stands for. */
  @Override
  public String toString() {
    return InstantText.ofEpochMilli(millis);
  }
}
