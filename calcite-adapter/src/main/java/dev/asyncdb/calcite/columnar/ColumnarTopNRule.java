package dev.asyncdb.calcite.columnar;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;

/**
 * Offers a {@link ColumnarTopN} for an {@code EnumerableLimit} over an {@code EnumerableSort} (no
 * fetch of its own) over a collection scan under at most {@link ScanChain#MAX_MIDDLES} projection.
 * The chain must read only plain columns, and the sort's input must have the chain's
 * row type: the new rel is a leaf in the limit's set, so it cannot match again.
 */
final class ColumnarTopNRule extends RelRule<RuleConfig> {
  private ColumnarTopNRule(RuleConfig config) {
    super(config);
  }

  static List<RelOptRule> rules() {
    List<RelOptRule> out = new ArrayList<>();
    for (int middles = 0; middles <= ScanChain.MAX_MIDDLES; middles++) {
      for (boolean interpreted : new boolean[] {true, false}) {
        RelRule.OperandTransform chain = ScanChain.operands(middles, interpreted);
        out.add(new RuleConfig("ColumnarTopNRule:" + middles + (interpreted ? ":interpreted" : ""),
            b -> b.operand(EnumerableLimit.class).oneInput(b1 -> b1.operand(EnumerableSort.class).oneInput(chain)),
            ColumnarTopNRule::new).toRule());
      }
    }
    return out;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    EnumerableLimit limit = call.rel(0);
    EnumerableSort sort = call.rel(1);
    if (sort.fetch != null || sort.offset != null || limit.fetch == null) {
      return;
    }
    ScanChain chain = ScanChain.of(call, 2);
    if (chain == null
        || !ColumnarAggregateRule.sameFields(sort.getInput().getRowType().getFieldList(), chain.program.getOutputRowType().getFieldList())
        || !ColumnarAggregateRule.sameFields(limit.getRowType().getFieldList(), sort.getRowType().getFieldList())) {
      return;
    }
    TopNPlan plan = TopNPlan.of(sort.getCollation().getFieldCollations(), limit.offset, limit.fetch, chain);
    if (plan == null) {
      return;
    }
    double rows = limit.estimateRowCount(call.getMetadataQuery());
    call.transformTo(new ColumnarTopN(limit.getTraitSet(), chain, limit, sort, plan, rows));
  }
}
