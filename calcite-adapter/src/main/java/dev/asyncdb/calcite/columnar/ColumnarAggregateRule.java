package dev.asyncdb.calcite.columnar;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Offers a {@link ColumnarAggregate} for an {@code EnumerableAggregate} whose input is a
 * collection scan under at most {@link ScanChain#MAX_MIDDLES} projection. The new rel
 * is a leaf in the aggregate's set, so it cannot match this rule again.
 */
final class ColumnarAggregateRule extends RelRule<RuleConfig> {
  private ColumnarAggregateRule(RuleConfig config) {
    super(config);
  }

  /** One rule per chain shape (0..MAX_MIDDLES projections, interpreted scan or not). */
  static List<RelOptRule> rules() {
    List<RelOptRule> out = new ArrayList<>();
    for (int middles = 0; middles <= ScanChain.MAX_MIDDLES; middles++) {
      for (boolean interpreted : new boolean[] {true, false}) {
        RelRule.OperandTransform chain = ScanChain.operands(middles, interpreted);
        out.add(new RuleConfig("ColumnarAggregateRule:" + middles + (interpreted ? ":interpreted" : ""),
            b -> b.operand(EnumerableAggregate.class).oneInput(chain), ColumnarAggregateRule::new).toRule());
      }
    }
    return out;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    EnumerableAggregate aggregate = call.rel(0);
    ScanChain chain = ScanChain.of(call, 1);
    if (chain == null || !sameFields(aggregate.getInput().getRowType().getFieldList(), chain.program.getOutputRowType().getFieldList())) {
      return;
    }
    AggregatePlan plan = AggregatePlan.of(aggregate, chain);
    if (plan == null) {
      return;
    }
    double rows = aggregate.estimateRowCount(call.getMetadataQuery());
    call.transformTo(new ColumnarAggregate(aggregate.getTraitSet(), chain, aggregate, plan, rows));
  }

  static boolean sameFields(List<RelDataTypeField> a, List<RelDataTypeField> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).getType().equals(b.get(i).getType())) {
        return false;
      }
    }
    return true;
  }

}
