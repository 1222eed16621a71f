package dev.asyncdb.calcite;

import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Orders the joins of a query over {@value #MIN_JOINS} or more joins by a heuristic before Calcite's
 * cost-based planner runs, and keeps that planner from searching every join order itself. With its
 * default rules (join commute, associate, push-through) the search grows exponentially: TPC-H Q5,
 * six collections, took 5–9 s to plan. The joins are gathered into one multi-join with their
 * conditions and re-ordered greedily, never into a cross product where a condition connects the
 * inputs ({@code LoptOptimizeJoinRule}, as Calcite's own {@code Programs.heuristicJoinOrder} does).
 * Queries with fewer joins, or with sub-queries still to be expanded, are planned as before; the
 * columnar join operator picks its own order per execution anyway.
 */
final class JoinOrderProgram implements Program {
  /** Joins (inputs minus one) from which the order is chosen heuristically. */
  static final int MIN_JOINS = 3;

  private static final List<RelOptRule> EXHAUSTIVE = List.of(CoreRules.JOIN_COMMUTE, CoreRules.JOIN_ASSOCIATE,
      JoinPushThroughJoinRule.LEFT, JoinPushThroughJoinRule.RIGHT);

  private static final HepProgram ORDER = new HepProgramBuilder()
      .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
      .addMatchOrder(HepMatchOrder.BOTTOM_UP)
      .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
      .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE)
      .build();

  @Override
  public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits, List<RelOptMaterialization> materializations,
      List<RelOptLattice> lattices) {
    if (RelOptUtil.countJoins(rel) < MIN_JOINS || hasSubQuery(rel)) {
      return rel;
    }
    for (RelOptRule rule : EXHAUSTIVE) {
      planner.removeRule(rule); // this statement's planner only: each prepare makes its own
    }
    return Programs.of(ORDER, false, DefaultRelMetadataProvider.INSTANCE)
        .run(planner, rel, requiredOutputTraits, materializations, lattices);
  }

  /** Whether a sub-query or correlation is still in the tree (expanded later by the standard program). */
  private static boolean hasSubQuery(RelNode rel) {
    boolean[] found = {false};
    RexShuttle finder = new RexShuttle() {
      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        found[0] = true;
        return subQuery;
      }
    };
    rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        if (other instanceof Correlate) {
          found[0] = true;
        }
        other.accept(finder);
        return found[0] ? other : super.visit(other);
      }
    });
    return found[0];
  }
}
