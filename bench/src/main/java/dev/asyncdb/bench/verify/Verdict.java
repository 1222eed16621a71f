package dev.asyncdb.bench.verify;

/**
 * The outcome of checking one result against the reference: it matched, it differed (with what
 * differs), or it could not be checked because the reference engine produced no result.
 *
 * @param kind which of the three
 * @param message what differs or why it was not checked; null on a match
 */
public record Verdict(Kind kind, String message) {

  /** The three possible verdicts. */
  public enum Kind { MATCH, MISMATCH, UNCHECKED }

  /** The result matched (or is the reference). */
  public static Verdict match() {
    return new Verdict(Kind.MATCH, null);
  }

  /** The result differed from the reference. */
  public static Verdict mismatch(String message) {
    return new Verdict(Kind.MISMATCH, message);
  }

  /** There was no reference result to compare with. */
  public static Verdict unchecked(String message) {
    return new Verdict(Kind.UNCHECKED, message);
  }
}
