package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.engine.EngineUnavailableException;
import dev.asyncdb.bench.verify.Verdict;

/**
 * What one engine achieved in one case: a checked measurement, a measurement that could not be
 * checked or whose result differed from SQLite's, an error, or "not available in this build".
 */
public record Outcome(Status status, Measurement measurement, String message) {

  /** The kind of outcome. */
  public enum Status { OK, UNCHECKED, MISMATCH, ERROR, UNAVAILABLE }

  /** A measured, verified figure. */
  public static Outcome ok(Measurement measurement) {
    return new Outcome(Status.OK, measurement, null);
  }

  /** A figure judged by {@code verdict}. */
  public static Outcome of(Measurement measurement, Verdict verdict) {
    return switch (verdict.kind()) {
      case MATCH -> ok(measurement);
      case MISMATCH -> mismatch(measurement, verdict.message());
      case UNCHECKED -> new Outcome(Status.UNCHECKED, measurement, verdict.message());
    };
  }

  /** A figure for a run whose result differed from the reference. */
  public static Outcome mismatch(Measurement measurement, String message) {
    return new Outcome(Status.MISMATCH, measurement, message);
  }

  /** The engine could not run the case. */
  public static Outcome error(String message) {
    return new Outcome(Status.ERROR, null, message);
  }

  /** The engine does not exist in this build. */
  public static Outcome unavailable(String message) {
    return new Outcome(Status.UNAVAILABLE, null, message);
  }

  /** The outcome for an exception thrown while running the case. */
  public static Outcome failed(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EngineUnavailableException) {
        return unavailable(t.getMessage());
      }
    }
    return error(describe(failure));
  }

  /** A one-line description of {@code failure}: its class and message, and its root cause's. */
  public static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (root != failure) {
      text += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return text.replaceAll("\\s+", " ").trim();
  }
}
