package dev.asyncdb.bench.workload.mix;

/** A target answered an operation without failing, but the answer is not the right one. */
public final class WrongAnswer extends Exception {
  private static final long serialVersionUID = 1L;

  public WrongAnswer(String message) {
    super(message);
  }
}
