package dev.asyncdb.engine;

/**
 * A row of a multi-row insert ({@link Transaction#insertRows}) was refused: which one (0-based) and
 * the engine's error for it. Nothing of the call stays staged.
 */
public final class RowFailure extends RuntimeException {
  private final int index;

  RowFailure(int index, DbException error) {
    super(error.getMessage(), error, false, false);
    this.index = index;
  }

  /** The 0-based position of the refused row among the call's rows. */
  public int index() {
    return index;
  }

  /** Why the row was refused. */
  public DbException error() {
    return (DbException) getCause();
  }
}
