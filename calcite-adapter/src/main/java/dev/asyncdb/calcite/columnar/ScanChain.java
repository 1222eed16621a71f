package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.CollectionTable;
import dev.asyncdb.calcite.ScanSnapshot;
import dev.asyncdb.calcite.SqlColumn;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableTableScan;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexShuttle;

/**
 * The rows under an aggregate or sort when they come straight from one collection: a scan (with
 * the filters and projection Calcite pushed into it) under a projection, merged
 * into one program over the scan's fields. It can also rebuild that input as Calcite would run it,
 * which is what the columnar operators fall back on.
 */
final class ScanChain implements Expr.Fields {
  /**
   * Projections allowed between the operator and the scan. Filters need none: Calcite pushes every
   * filter into the scan of a collection, and the chain's program must not filter anyway. Operands
   * name exact classes, so the planner tries these rules only on rels that can match.
   */
  static final int MAX_MIDDLES = 1;

  final CollectionTable table;
  final RelOptTable relTable;
  /** The scan: a {@code BindableTableScan} (under {@link #interpreter}) or an {@code EnumerableTableScan}; a leaf. */
  final RelNode scan;
  final EnumerableInterpreter interpreter;
  /** Conditions pushed into the scan, over the table's columns. */
  final List<RexNode> filters;
  /** Table column of each field the scan returns. */
  final int[] projects;
  /** The projections and filters above the scan, over the scan's fields. */
  final RexProgram program;

  private ScanChain(CollectionTable table, RelOptTable relTable, RelNode scan, EnumerableInterpreter interpreter, List<RexNode> filters,
      int[] projects, RexProgram program) {
    this.table = table;
    this.relTable = relTable;
    this.scan = scan;
    this.interpreter = interpreter;
    this.filters = filters;
    this.projects = projects;
    this.program = program;
  }

  /** Operands matching a chain with {@code middles} projections over a collection scan, interpreted or not. */
  static RelRule.OperandTransform operands(int middles, boolean interpreted) {
    if (middles > 0) {
      return b -> b.operand(EnumerableProject.class).oneInput(operands(middles - 1, interpreted));
    }
    if (interpreted) {
      return b -> b.operand(EnumerableInterpreter.class).oneInput(
          b2 -> b2.operand(Bindables.BindableTableScan.class).predicate(ScanChain::isCollection).noInputs());
    }
    return b -> b.operand(EnumerableTableScan.class).predicate(ScanChain::isCollection).noInputs();
  }

  private static boolean isCollection(RelNode scan) {
    return scan.getTable() != null && scan.getTable().unwrap(CollectionTable.class) != null;
  }

  /**
   * The chain matched by {@link #operands} from rel {@code first} of a rule call on, or null when
   * the scan could not evaluate its filters itself.
   */
  static ScanChain of(RelOptRuleCall call, int first) {
    List<RelNode> rels = call.getRelList().subList(first, call.getRelList().size());
    RelNode scan = rels.get(rels.size() - 1);
    EnumerableInterpreter interpreter = null;
    int middles = rels.size() - 1;
    if (rels.size() >= 2 && rels.get(rels.size() - 2) instanceof EnumerableInterpreter i) {
      interpreter = i;
      middles--;
    }
    RelOptTable relTable = scan.getTable();
    CollectionTable table = relTable.unwrap(CollectionTable.class);
    List<RexNode> filters = List.of();
    int[] projects;
    if (scan instanceof Bindables.BindableTableScan b) {
      filters = b.filters;
      projects = b.projects.toIntArray();
    } else {
      projects = new int[scan.getRowType().getFieldCount()];
      for (int i = 0; i < projects.length; i++) {
        projects[i] = i;
      }
    }
    if (!ScanSnapshot.takesAll(table, filters)) {
      return null;
    }
    RexBuilder rexBuilder = scan.getCluster().getRexBuilder();
    RexProgram program = RexProgram.createIdentity(scan.getRowType());
    for (int i = middles - 1; i >= 0; i--) {
      RelNode m = rels.get(i);
      if (!m.getInput(0).getRowType().getFieldList().equals(program.getOutputRowType().getFieldList())) {
        return null;
      }
      program = RexProgramBuilder.mergePrograms(programOf(m, rexBuilder), program, rexBuilder);
    }
    return new ScanChain(table, relTable, scan, interpreter, filters, projects, program);
  }

  private static RexProgram programOf(RelNode middle, RexBuilder rexBuilder) {
    Project p = (Project) middle;
    return RexProgram.create(p.getInput().getRowType(), p.getProjects(), null, p.getRowType(), rexBuilder);
  }

  /** Output {@code i} of the chain as an expression over the scan's fields. */
  RexNode output(int i) {
    return program.expandLocalRef(program.getProjectList().get(i));
  }

  /** The filter of the projections and filters above the scan, over the scan's fields, or null. */
  RexNode condition() {
    return program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
  }

  int fieldCount() {
    return program.getOutputRowType().getFieldCount();
  }

  @Override
  public SqlColumn sqlColumn(int tableColumn) {
    return table.columns().get(tableColumn);
  }

  @Override
  public int column(int field) {
    return projects[field];
  }

  /** An expression over the scan's fields rewritten over the table's columns (for plans people read). */
  RexNode overTable(RexNode node) {
    return node.accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(projects[ref.getIndex()], ref.getType());
      }
    });
  }

  /** The chain's outputs over the table's columns, for EXPLAIN. */
  List<RexNode> outputsOverTable() {
    List<RexNode> out = new ArrayList<>();
    for (int i = 0; i < fieldCount(); i++) {
      out.add(overTable(output(i)));
    }
    return out;
  }

  List<Integer> projectsList() {
    List<Integer> out = new ArrayList<>();
    for (int p : projects) {
      out.add(p);
    }
    return out;
  }

  /**
   * The cost of a columnar operator over this chain: far below any plan that builds rows (Volcano
   * compares row counts), and lower the fewer fields the scan (and so the fallback) reads.
   */
  RelOptCost cost(RelOptPlanner planner) {
    double units = 1 + projects.length + (interpreter == null ? table.columns().size() : 0);
    return planner.getCostFactory().makeCost(units * 1e-3, units * 1e-3, 0);
  }

  /** The chain as Calcite runs it: the scan (interpreted when it was), then one Calc unless the program is trivial. */
  EnumerableRel rebuild() {
    RelNode input = interpreter != null ? interpreter.copy(interpreter.getTraitSet(), List.of(scan)) : scan;
    if (program.isTrivial()) {
      return (EnumerableRel) input;
    }
    return new EnumerableCalc(scan.getCluster(), scan.getCluster().traitSetOf(EnumerableConvention.INSTANCE), input, program);
  }
}
