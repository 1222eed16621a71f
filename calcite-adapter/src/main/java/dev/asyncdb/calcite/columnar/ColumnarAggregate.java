package dev.asyncdb.calcite.columnar;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * An aggregate over one collection computed from its columns ({@link AggregatePlan}): a leaf that
 * replaces Calcite's aggregate over a scan. It keeps that aggregate's plan and runs it instead
 * when an execution cannot be answered from the committed columns alone.
 */
final class ColumnarAggregate extends AbstractRelNode implements EnumerableRel {
  private final ScanChain chain;
  private final EnumerableAggregate aggregate;
  private final AggregatePlan plan;
  private final double rowCount;

  ColumnarAggregate(RelTraitSet traits, ScanChain chain, EnumerableAggregate aggregate, AggregatePlan plan, double rowCount) {
    super(aggregate.getCluster(), traits);
    this.chain = chain;
    this.aggregate = aggregate;
    this.plan = plan;
    this.rowCount = rowCount;
    this.rowType = aggregate.getRowType();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ColumnarAggregate(traitSet, chain, aggregate, plan, rowCount);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return rowCount;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // One pass over the columns, no row objects: cheaper than any scan-then-aggregate plan; among
    // equivalent chains the narrowest scan (the cheapest fallback) wins.
    return chain.cost(planner);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw).item("table", chain.relTable.getQualifiedName()).item("group", aggregate.getGroupSet());
    List<String> names = aggregate.getRowType().getFieldNames();
    List<AggregateCall> calls = aggregate.getAggCallList();
    for (int i = 0; i < calls.size(); i++) {
      pw.item(names.get(aggregate.getGroupCount() + i), calls.get(i).toString());
    }
    // The scan's projection tells apart chains that compute the same (their fallbacks differ).
    return pw.itemIf("exprs", chain.outputsOverTable(), !chain.program.isTrivial()).itemIf("filters", chain.filters, !chain.filters.isEmpty())
        .item("projects", chain.projectsList());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    EnumerableRel original = (EnumerableRel) aggregate.copy(aggregate.getTraitSet(), List.of(chain.rebuild()));
    Expression fallback = Fallback.lambda(implementor, original, physType.getFormat());
    BlockBuilder builder = new BlockBuilder();
    builder.add(Expressions.call(implementor.stash(plan, AggregatePlan.class), "run", implementor.getRootExpression(),
        Expressions.constant(physType.getFormat() == JavaRowFormat.SCALAR), fallback));
    return implementor.result(physType, builder.toBlock());
  }

  /** Generated code for "the original plan's rows", run only when asked. */
  static final class Fallback {
    private Fallback() {}

    static Expression lambda(EnumerableRelImplementor implementor, EnumerableRel original, JavaRowFormat format) {
      Result result = original.implement(implementor, Prefer.ARRAY);
      BlockBuilder body = new BlockBuilder();
      Expression rows = body.append("rows", result.block);
      if (result.physType.getFormat() != format) {
        rows = result.physType.convertTo(rows, format);
      }
      body.add(Expressions.return_(null, rows));
      return Expressions.lambda(Function0.class, body.toBlock());
    }
  }
}
