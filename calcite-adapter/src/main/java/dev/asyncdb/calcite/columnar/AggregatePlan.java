package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.CollectionTable;
import dev.asyncdb.calcite.ScanSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A GROUP BY (or global) aggregate over one collection as the columnar operator runs it: the
 * scan's filters, the key columns and the aggregate calls over {@link Expr}s. Immutable; every
 * execution binds it to the version it reads. Public only for the code Calcite generates.
 */
public final class AggregatePlan {
  /** One aggregate call: its kind (COUNT, SUM, SUM0, MIN, MAX), argument (null for COUNT(*)) and whether an empty group gives NULL. */
  record Call(SqlKind kind, Expr argument, boolean nullable) {}

  private final CollectionTable table;
  private final List<RexNode> filters;
  private final List<Expr.Column> keys;
  private final List<Call> calls;

  private AggregatePlan(CollectionTable table, List<RexNode> filters, List<Expr.Column> keys, List<Call> calls) {
    this.table = table;
    this.filters = filters;
    this.keys = keys;
    this.calls = calls;
  }

  /** The plan of an aggregate over a chain, or null when some part of it is not supported (the ordinary plan runs). */
  static AggregatePlan of(Aggregate aggregate, ScanChain chain) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE || chain.condition() != null) {
      return null;
    }
    List<Expr.Column> keys = new ArrayList<>();
    for (int field : aggregate.getGroupSet()) {
      if (!(Expr.of(chain.output(field), chain) instanceof Expr.Column c) || !groupable(c.type())) {
        return null;
      }
      keys.add(c);
    }
    List<Call> calls = new ArrayList<>();
    for (AggregateCall call : aggregate.getAggCallList()) {
      Call c = call(call, chain::output, node -> Expr.of(node, chain));
      if (c == null) {
        return null;
      }
      calls.add(c);
    }
    return new AggregatePlan(chain.table, chain.filters, keys, calls);
  }

  static boolean groupable(SqlTypeName t) {
    return switch (t) {
      case VARCHAR, BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP -> true;
      default -> false;
    };
  }

  /**
   * One aggregate call as the columnar operators compute it, or null when they cannot;
   * {@code output} gives the aggregate's input fields as expressions, {@code exprOf} their {@link Expr}.
   */
  static Call call(AggregateCall call, java.util.function.IntFunction<RexNode> output, java.util.function.Function<RexNode, Expr> exprOf) {
    if (call.isDistinct() || call.isApproximate() || call.hasFilter() || !call.getCollation().getFieldCollations().isEmpty()
        || call.getArgList().size() > 1 || call.rexList != null && !call.rexList.isEmpty()) {
      return null;
    }
    SqlKind kind = call.getAggregation().getKind();
    SqlTypeName result = call.getType().getSqlTypeName();
    if (call.getArgList().isEmpty()) {
      return kind == SqlKind.COUNT ? new Call(kind, null, false) : null;
    }
    RexNode argNode = output.apply(call.getArgList().get(0));
    Expr arg = exprOf.apply(argNode);
    if (arg == null || arg.type() != argNode.getType().getSqlTypeName()) {
      return null;
    }
    boolean numeric = arg.type() == SqlTypeName.BIGINT || arg.type() == SqlTypeName.DOUBLE;
    return switch (kind) {
      case COUNT -> numeric || arg instanceof Expr.Column ? new Call(kind, arg, false) : null;
      case SUM, SUM0 -> numeric && result == arg.type() ? new Call(kind, arg, call.getType().isNullable()) : null;
      case MIN, MAX -> result == arg.type() && (numeric || arg instanceof Expr.Column c && groupable(c.type()))
          ? new Call(kind, arg, call.getType().isNullable()) : null;
      default -> null;
    };
  }

  /**
   * The aggregate's rows for one execution (one value per row when {@code scalar}), computed when
   * enumerated; the ordinary plan's rows when the scan cannot decide the rows alone.
   */
  public Enumerable<Object> run(DataContext root, boolean scalar, Function0<Enumerable<Object>> fallback) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        ScanSnapshot snapshot = ScanSnapshot.open(table, root, filters);
        if (snapshot == null) {
          return fallback.apply().enumerator();
        }
        return Linq4j.enumerator(compute(snapshot, keys, calls, scalar));
      }
    };
  }

  /** The groups of {@code keys} (none: one global group) with the calls' results, over the snapshot's rows. */
  static List<Object> compute(ScanSnapshot snapshot, List<Expr.Column> keys, List<Call> calls, boolean scalar) {
    Columns columns = new Columns(snapshot);
    List<GroupKey> groupKeys = new ArrayList<>();
    for (Expr.Column k : keys) {
      groupKeys.add(GroupKey.of(k, columns));
    }
    Grouping grouping = new Grouping(groupKeys);
    Values.Binder binder = new Values.Binder(columns);
    Accumulator[] accumulators = new Accumulator[calls.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = accumulator(calls.get(i), binder, columns);
    }
    Accumulator.shareSums(calls, accumulators, c -> 0);
    RowSource source = new RowSource(columns);
    Batch batch = new Batch();
    for (Accumulator a : accumulators) {
      a.grow(grouping.groups());
    }
    while (source.next(batch)) {
      if (batch.size == 0) {
        continue;
      }
      grouping.assign(batch);
      for (Accumulator a : accumulators) {
        a.grow(grouping.groups());
        a.add(batch, grouping.gids);
      }
    }
    return grouping.results(accumulators, scalar);
  }

  static Accumulator accumulator(Call call, Values.Binder binder, Columns columns) {
    Expr arg = call.argument();
    if (arg == null) {
      return new Accumulator.CountRows();
    }
    boolean numeric = arg.type() == SqlTypeName.BIGINT || arg.type() == SqlTypeName.DOUBLE;
    if (!numeric) {
      Expr.Column c = (Expr.Column) arg;
      Accumulator.ByValue.Kind kind = switch (call.kind()) {
        case COUNT -> Accumulator.ByValue.Kind.COUNT;
        case MIN -> Accumulator.ByValue.Kind.MIN;
        default -> Accumulator.ByValue.Kind.MAX;
      };
      return new Accumulator.ByValue(kind, columns.view(c.column()), c.sql());
    }
    boolean isLong = arg.type() == SqlTypeName.BIGINT;
    return switch (call.kind()) {
      case COUNT -> new Accumulator.CountValues(binder.bind(arg));
      case SUM, SUM0 -> isLong ? new Accumulator.SumLongs(binder.longs(arg), call.kind() == SqlKind.SUM && call.nullable())
          : new Accumulator.SumDoubles(binder.doubles(arg), call.kind() == SqlKind.SUM && call.nullable());
      default -> isLong ? new Accumulator.MinMaxLongs(binder.longs(arg), call.kind() == SqlKind.MIN)
          : new Accumulator.MinMaxDoubles(binder.doubles(arg), call.kind() == SqlKind.MIN);
    };
  }
}
