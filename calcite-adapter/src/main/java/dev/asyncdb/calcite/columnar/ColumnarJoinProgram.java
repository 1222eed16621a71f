package dev.asyncdb.calcite.columnar;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.Program;

/**
 * Runs after Calcite has chosen its plan and replaces each aggregate over hash joins of collection
 * scans by a {@link ColumnarJoinAggregate}. It works on the finished tree rather than as a planner
 * rule because it decides the join order itself, per execution, from the filtered inputs' sizes:
 * the join tree Calcite chose only tells it which scans, filters and equalities there are (and the
 * order its rows would come in). Every other plan is returned unchanged.
 */
public final class ColumnarJoinProgram implements Program {
  @Override
  public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits, List<RelOptMaterialization> materializations,
      List<RelOptLattice> lattices) {
    return rewrite(rel);
  }

  private static RelNode rewrite(RelNode rel) {
    if (rel instanceof EnumerableAggregate aggregate) {
      RelNode columnar = ColumnarJoinAggregate.of(aggregate);
      if (columnar != null) {
        return columnar;
      }
    }
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode r = rewrite(input);
      changed |= r != input;
      inputs.add(r);
    }
    return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
  }
}
