package dev.asyncdb.bench.verify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the reference engine's (SQLite's) result for each query case and checks every other
 * engine's result for the same case against it.
 */
public final class ReferenceResults {

  private final Map<String, QueryResult> byCase = new ConcurrentHashMap<>();
  private final ResultComparator comparator;

  public ReferenceResults(ResultComparator comparator) {
    this.comparator = comparator;
  }

  /**
   * Judges {@code result} of {@code caseKey}: the reference engine's result is recorded and
   * matches by definition; any other engine's is compared with it.
   */
  public Verdict judge(String caseKey, QueryResult result, boolean reference) {
    if (reference) {
      byCase.put(caseKey, result);
      return Verdict.match();
    }
    QueryResult expected = byCase.get(caseKey);
    if (expected == null) {
      return Verdict.unchecked("not checked: SQLite produced no result for this case");
    }
    return comparator.difference(expected, result)
        .map(d -> Verdict.mismatch("differs from SQLite: " + d))
        .orElseGet(Verdict::match);
  }
}
