package dev.asyncdb.calcite.columnar;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;

/** Registers the columnar operators' rules with a planner; they match collection scans only. */
public final class ColumnarRules {
  private ColumnarRules() {}

  public static void register(RelOptPlanner planner) {
    for (RelOptRule rule : ColumnarAggregateRule.rules()) {
      planner.addRule(rule);
    }
    for (RelOptRule rule : ColumnarTopNRule.rules()) {
      planner.addRule(rule);
    }
  }
}
