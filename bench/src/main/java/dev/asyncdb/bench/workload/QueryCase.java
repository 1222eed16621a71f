package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.engine.Dialect;
import java.util.function.Function;

/**
 * One timed query: a key for its reference result, a label for the report, its SQL (the same
 * text on every engine except for the dialect's date literals) and whether row order matters.
 *
 * @param key unique key, e.g. {@code W6.Q1}
 * @param label short name in the report, e.g. {@code Q1}
 * @param sql the query text for a dialect
 * @param ordered whether the query has an {@code ORDER BY} that defines the row order
 */
public record QueryCase(String key, String label, Function<Dialect, String> sql, boolean ordered) {

  /** A query without dialect-dependent parts. */
  public static QueryCase of(String key, String label, String sql, boolean ordered) {
    return new QueryCase(key, label, dialect -> sql, ordered);
  }
}
