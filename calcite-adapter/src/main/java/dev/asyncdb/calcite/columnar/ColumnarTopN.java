package dev.asyncdb.calcite.columnar;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * {@code ORDER BY … LIMIT} over one collection computed from its columns ({@link TopNPlan}): a
 * leaf that replaces Calcite's limit over a sort over a scan, keeping that plan to run whenever an
 * execution cannot be answered from the committed columns alone.
 */
final class ColumnarTopN extends AbstractRelNode implements EnumerableRel {
  private final ScanChain chain;
  private final EnumerableLimit limit;
  private final EnumerableSort sort;
  private final TopNPlan plan;
  private final double rowCount;

  ColumnarTopN(RelTraitSet traits, ScanChain chain, EnumerableLimit limit, EnumerableSort sort, TopNPlan plan, double rowCount) {
    super(limit.getCluster(), traits);
    this.chain = chain;
    this.limit = limit;
    this.sort = sort;
    this.plan = plan;
    this.rowCount = rowCount;
    this.rowType = limit.getRowType();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ColumnarTopN(traitSet, chain, limit, sort, plan, rowCount);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return rowCount;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return chain.cost(planner);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("table", chain.relTable.getQualifiedName()).item("collation", sort.getCollation())
        .itemIf("offset", limit.offset, limit.offset != null).item("fetch", limit.fetch)
        .itemIf("exprs", chain.outputsOverTable(), !chain.program.isTrivial()).itemIf("filters", chain.filters, !chain.filters.isEmpty())
        .item("projects", chain.projectsList());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    RelNode sorted = sort.copy(sort.getTraitSet(), chain.rebuild(), sort.getCollation(), null, null);
    EnumerableRel original = (EnumerableRel) limit.copy(limit.getTraitSet(), List.of(sorted));
    Expression fallback = ColumnarAggregate.Fallback.lambda(implementor, original, physType.getFormat());
    BlockBuilder builder = new BlockBuilder();
    builder.add(Expressions.call(implementor.stash(plan, TopNPlan.class), "run", implementor.getRootExpression(),
        Expressions.constant(physType.getFormat() == JavaRowFormat.SCALAR), fallback));
    return implementor.result(physType, builder.toBlock());
  }
}
