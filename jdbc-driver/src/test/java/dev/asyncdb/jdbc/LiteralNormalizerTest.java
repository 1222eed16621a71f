package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralNormalizerTest {
  private static LiteralNormalizer.Normalized n(String sql) {
    return LiteralNormalizer.normalize(sql);
  }

  @Test
  void takesComparisonInListAndBetweenLiterals() {
    assertThat(n("select * from users where id = 'u_1'")).isEqualTo(new LiteralNormalizer.Normalized("select * from users where id = ?", List.of("u_1")));
    assertThat(n("select * from t where a >= 10 and b <> 'x''y'").values()).containsExactly(10L, "x'y");
    assertThat(n("select * from t where id in ('a', 'b')").template()).isEqualTo("select * from t where id in (?, ?)");
    assertThat(n("select * from t where v between 1.5 and 3 and w = 2").values()).containsExactly(new BigDecimal("1.5"), 3L, 2L);
  }

  @Test
  void leavesLiteralsWhoseMeaningWouldChange() {
    assertThat(n("select 1, 'a' from t order by 1 limit 20 offset 5")).isNull();
    assertThat(n("select * from t where d = DATE '2024-01-01'")).isNull();
    assertThat(n("select * from t where x = -5")).isNull();
    assertThat(n("select * from \"t1\" where \"a = 'b'\" is null")).isNull();
    assertThat(n("select * from t -- where a = 'x'\nwhere b is null")).isNull();
    assertThat(n("select * from t2 where col9 = 9").template()).isEqualTo("select * from t2 where col9 = ?");
  }

  @Test
  void countsParameterMarkersOutsideStringsIdentifiersAndComments() {
    assertThat(LiteralNormalizer.parameterMarkers("select * from t where a = ? and b in (?, ?)")).isEqualTo(3);
    assertThat(LiteralNormalizer.parameterMarkers("select '?', \"a?\" from t -- ?\n where x = 1 /* ? */")).isZero();
    assertThat(LiteralNormalizer.parameterMarkers("select * from t where s = 'it''s ?' and y = ?")).isEqualTo(1);
  }
}
