package dev.asyncdb.bench.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparatorTest {

  private final ResultComparator comparator = new ResultComparator(1e-6);

  @Test
  void equalResultsMatch() {
    QueryResult a = result(false, row("draft", 10L, 1.5), row("published", 20L, 2.5));
    QueryResult b = result(false, row("draft", 10L, 1.5), row("published", 20L, 2.5));
    assertThat(comparator.difference(a, b)).isEmpty();
  }

  @Test
  void reorderedRowsMatchWhenTheQueryHadNoOrderBy() {
    QueryResult expected = result(false, row("a", 1L), row("b", 2L), row("c", 3L));
    QueryResult actual = result(false, row("c", 3L), row("a", 1L), row("b", 2L));
    assertThat(comparator.difference(expected, actual)).isEmpty();
  }

  @Test
  void reorderedRowsDifferWhenTheQueryOrderedThem() {
    QueryResult expected = result(true, row("a", 1L), row("b", 2L));
    QueryResult actual = result(true, row("b", 2L), row("a", 1L));
    assertThat(comparator.difference(expected, actual))
        .hasValue("row 1 column 1: expected a but got b");
  }

  @Test
  void numbersWithinTheRelativeToleranceMatch() {
    QueryResult expected = result(true, row(1_234_567.891_234, 0.05));
    QueryResult actual = result(true, row(1_234_567.891_235, 0.050_000_000_01));
    assertThat(comparator.difference(expected, actual)).isEmpty();
  }

  @Test
  void numbersBeyondTheToleranceDiffer() {
    QueryResult expected = result(true, row(100.0));
    QueryResult actual = result(true, row(100.01));
    assertThat(comparator.difference(expected, actual))
        .hasValue("row 1 column 1: expected 100.0 but got 100.01");
  }

  @Test
  void wholeNumbersMustBeExact() {
    assertThat(comparator.valuesMatch(10_000_000_001L, 10_000_000_002L)).isFalse();
    assertThat(comparator.valuesMatch(10L, 10.0)).isTrue();
  }

  @Test
  void differentRowCountsDiffer() {
    QueryResult expected = result(false, row("a"), row("b"));
    QueryResult actual = result(false, row("a"));
    assertThat(comparator.difference(expected, actual))
        .hasValueSatisfying(d -> assertThat(d).startsWith("expected 2 rows but got 1"));
  }

  @Test
  void aDifferentValueIsReported() {
    QueryResult expected = result(false, row("DE", 5L), row("FR", 7L));
    QueryResult actual = result(false, row("DE", 5L), row("FR", 8L));
    assertThat(comparator.difference(expected, actual))
        .hasValue("row 2 column 2: expected 7 but got 8");
  }

  @Test
  void nullsCompareEqualOnlyToNulls() {
    assertThat(comparator.difference(result(false, row((Object) null)),
        result(false, row((Object) null)))).isEmpty();
    assertThat(comparator.difference(result(false, row((Object) null)),
        result(false, row(0L)))).isPresent();
  }

  @Test
  void driverSpecificValuesAreNormalizedBeforeComparing() {
    QueryResult sqlite = result(true, normalizedRow(1, "2024-03-01T12:34:56Z", "1994-01-01"));
    QueryResult h2 = result(true, normalizedRow(true,
        java.sql.Timestamp.valueOf("2024-03-01 12:34:56"), java.sql.Date.valueOf("1994-01-01")));
    assertThat(comparator.difference(sqlite, h2)).isEmpty();
  }

  @Test
  void referenceResultsJudgeOtherEnginesAgainstTheReference() {
    ReferenceResults references = new ReferenceResults(comparator);
    QueryResult sqlite = result(false, row("a", 1L));
    assertThat(references.judge("k", result(false, row("a", 1L)), false).kind())
        .isEqualTo(Verdict.Kind.UNCHECKED);
    assertThat(references.judge("k", sqlite, true)).isEqualTo(Verdict.match());
    assertThat(references.judge("k", result(false, row("a", 1L)), false))
        .isEqualTo(Verdict.match());
    assertThat(references.judge("k", result(false, row("a", 2L)), false))
        .isEqualTo(Verdict.mismatch("differs from SQLite: row 1 column 2: expected 1 but got 2"));
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private static List<Object> normalizedRow(Object... values) {
    return Arrays.stream(values).map(ValueNormalizer::normalize).toList();
  }

  @SafeVarargs
  private static QueryResult result(boolean ordered, List<Object>... rows) {
    List<List<Object>> list = new ArrayList<>();
    for (List<Object> row : rows) {
      list.add(row);
    }
    return QueryResult.of(ordered, list);
  }
}
