package dev.asyncdb.calcite.columnar;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * An aggregate over inner equi-joins of collections computed from their columns
 * ({@link JoinAggregatePlan}): a leaf that replaces Calcite's aggregate over hash joins of scans.
 * It keeps that plan and runs it instead when an execution cannot be answered from the committed
 * columns alone.
 */
final class ColumnarJoinAggregate extends AbstractRelNode implements EnumerableRel {
  private final EnumerableAggregate aggregate;
  private final JoinGraph graph;
  private final JoinAggregatePlan plan;

  private ColumnarJoinAggregate(RelTraitSet traits, EnumerableAggregate aggregate, JoinGraph graph, JoinAggregatePlan plan) {
    super(aggregate.getCluster(), traits);
    this.aggregate = aggregate;
    this.graph = graph;
    this.plan = plan;
    this.rowType = aggregate.getRowType();
  }

  /** The columnar form of an aggregate over a join tree of collection scans, or null when some part of it is not understood. */
  static ColumnarJoinAggregate of(EnumerableAggregate aggregate) {
    RelNode input = aggregate.getInput();
    RelNode tree = input;
    RexNode condition = null;
    List<RexNode> outputs = new ArrayList<>();
    if (input instanceof EnumerableCalc calc) {
      RexProgram program = calc.getProgram();
      tree = calc.getInput();
      program.getProjectList().forEach(p -> outputs.add(program.expandLocalRef(p)));
      condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
    } else if (input instanceof EnumerableProject project) {
      tree = project.getInput();
      outputs.addAll(project.getProjects());
    } else {
      RexBuilder rex = aggregate.getCluster().getRexBuilder();
      for (int i = 0; i < input.getRowType().getFieldCount(); i++) {
        outputs.add(rex.makeInputRef(input, i));
      }
    }
    JoinGraph graph = JoinGraph.of(tree, condition);
    JoinAggregatePlan plan = graph == null ? null : JoinAggregatePlan.of(aggregate, graph, outputs::get);
    return plan == null ? null : new ColumnarJoinAggregate(aggregate.getTraitSet(), aggregate, graph, plan);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ColumnarJoinAggregate(traitSet, aggregate, graph, plan);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return aggregate.estimateRowCount(mq);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> tables = new ArrayList<>();
    List<String> filters = new ArrayList<>();
    for (JoinGraph.Leaf leaf : graph.leaves) {
      tables.add(leaf.name());
      if (!leaf.filters().isEmpty()) {
        filters.add(leaf.name() + ": " + leaf.filters());
      }
    }
    List<String> joins = graph.edges.stream().map(graph::describe).toList();
    super.explainTerms(pw).item("tables", tables).item("joins", joins).itemIf("filters", filters, !filters.isEmpty())
        .item("group", aggregate.getGroupSet());
    List<String> names = aggregate.getRowType().getFieldNames();
    List<AggregateCall> calls = aggregate.getAggCallList();
    for (int i = 0; i < calls.size(); i++) {
      pw.item(names.get(aggregate.getGroupCount() + i), calls.get(i).toString());
    }
    return pw;
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    Expression fallback = ColumnarAggregate.Fallback.lambda(implementor, aggregate, physType.getFormat());
    BlockBuilder builder = new BlockBuilder();
    builder.add(Expressions.call(implementor.stash(plan, JoinAggregatePlan.class), "run", implementor.getRootExpression(),
        Expressions.constant(physType.getFormat() == JavaRowFormat.SCALAR), fallback));
    return implementor.result(physType, builder.toBlock());
  }
}
