package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.ScanSnapshot;
import dev.asyncdb.calcite.SqlColumn;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A global aggregate (no GROUP BY) over one collection computed by the columnar accumulators
 * without a Calcite plan: the driver's native path for simple statements. The calls and their
 * types are the ones {@link AggregatePlan#call} accepts from Calcite's plans, so both paths give
 * the same values to the last bit.
 */
public final class DirectAggregate {
  /**
   * One aggregate call: COUNT, SUM, MIN or MAX of a table column ({@code column} its index among
   * the table's SQL columns), or COUNT(*) with {@code column} -1.
   */
  public record Call(SqlKind kind, int column) {}

  private DirectAggregate() {}

  /** Whether the columnar operators compute {@code kind} over a column of this SQL type exactly as Calcite's plan does. */
  public static boolean supports(SqlKind kind, SqlColumn column) {
    if (column.wholeRecord()) {
      return false;
    }
    boolean numeric = column.type() == SqlTypeName.BIGINT || column.type() == SqlTypeName.DOUBLE;
    return switch (kind) {
      case COUNT -> numeric || AggregatePlan.groupable(column.type());
      case SUM -> numeric;
      case MIN, MAX -> numeric || AggregatePlan.groupable(column.type());
      default -> false;
    };
  }

  /** The one row of the aggregate over the snapshot's rows: each call's value (Calcite-internal), in order. */
  public static Object[] run(ScanSnapshot snapshot, List<Call> calls) {
    List<AggregatePlan.Call> planned = new ArrayList<>(calls.size());
    for (Call c : calls) {
      if (c.column() < 0) {
        planned.add(new AggregatePlan.Call(SqlKind.COUNT, null, false));
      } else {
        SqlColumn sc = snapshot.columns().get(c.column());
        // Without GROUP BY, SUM, MIN and MAX are NULL over no rows; COUNT never is.
        planned.add(new AggregatePlan.Call(c.kind(), new Expr.Column(c.column(), sc), c.kind() != SqlKind.COUNT));
      }
    }
    List<Object> rows = AggregatePlan.compute(snapshot, List.of(), planned, false);
    return (Object[]) rows.get(0);
  }
}
