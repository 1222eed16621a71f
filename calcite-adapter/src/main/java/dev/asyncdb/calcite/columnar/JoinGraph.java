package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.CollectionTable;
import dev.asyncdb.calcite.ScanSnapshot;
import dev.asyncdb.calcite.SqlColumn;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.adapter.enumerable.EnumerableTableScan;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A tree of inner equi-joins of collection scans as the columnar join reads it: the scans (leaves,
 * numbered left to right as they stand in the tree — the order in which Calcite's hash joins emit
 * their rows is lexicographic in that numbering), the equalities between their columns, and the
 * leaf and table column of each field of the tree's output. Only plain column equalities,
 * projections of columns and filters the scans take themselves are understood; anything else
 * leaves the plan as it was.
 */
final class JoinGraph {
  /** One scan: its collection, the filters pushed into it (over the table's columns) and the rel, for EXPLAIN. */
  record Leaf(CollectionTable table, RelOptTable relTable, List<RexNode> filters) {
    String name() {
      List<String> names = relTable.getQualifiedName();
      return names.get(names.size() - 1);
    }
  }

  /** A column of a leaf (its index among the table's SQL columns). */
  record Ref(int leaf, int column) {}

  /** {@code a = b}, two columns of different leaves of one SQL type. */
  record Edge(Ref a, Ref b) {}

  final List<Leaf> leaves;
  final List<Edge> edges;
  /** The leaf column each output field of the tree reads. */
  final List<Ref> fields;

  private JoinGraph(List<Leaf> leaves, List<Edge> edges, List<Ref> fields) {
    this.leaves = List.copyOf(leaves);
    this.edges = List.copyOf(edges);
    this.fields = List.copyOf(fields);
  }

  /**
   * The graph of a join tree, with {@code condition} (over the tree's output, may be null) as
   * further equalities; null unless the tree joins at least two scans, is connected and every
   * condition is an equality of columns.
   */
  static JoinGraph of(RelNode tree, RexNode condition) {
    if (!(tree instanceof EnumerableHashJoin) && !(tree instanceof EnumerableCalc) && !(tree instanceof EnumerableProject)
        && !(tree instanceof EnumerableFilter)) {
      return null;
    }
    Builder b = new Builder();
    List<Ref> fields = b.flatten(tree);
    if (fields == null || b.leaves.size() < 2 || condition != null && !b.equalities(condition, fields)) {
      return null;
    }
    JoinGraph graph = new JoinGraph(b.leaves, b.edges, fields);
    return graph.connected() ? graph : null;
  }

  SqlColumn sql(Ref ref) {
    return leaves.get(ref.leaf()).table().columns().get(ref.column());
  }

  /** The fields of one leaf as {@link Expr} sees them: other leaves' fields are not columns. */
  Expr.Fields fieldsOf(int leaf) {
    return new Expr.Fields() {
      @Override
      public int column(int field) {
        Ref r = fields.get(field);
        return r.leaf() == leaf ? r.column() : -1;
      }

      @Override
      public SqlColumn sqlColumn(int column) {
        return leaves.get(leaf).table().columns().get(column);
      }
    };
  }

  /** The one leaf whose fields {@code node} reads, 0 when it reads none, -1 when it reads several. */
  int leafOf(RexNode node) {
    int[] leaf = {-2};
    node.accept(new org.apache.calcite.rex.RexVisitorImpl<Void>(true) {
      @Override
      public Void visitInputRef(RexInputRef ref) {
        int l = fields.get(ref.getIndex()).leaf();
        leaf[0] = leaf[0] == -2 || leaf[0] == l ? l : -1;
        return null;
      }
    });
    return leaf[0] == -2 ? 0 : leaf[0];
  }

  private boolean connected() {
    int[] parent = new int[leaves.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    int components = parent.length;
    for (Edge e : edges) {
      int x = root(parent, e.a().leaf());
      int y = root(parent, e.b().leaf());
      if (x != y) {
        parent[x] = y;
        components--;
      }
    }
    return components == 1;
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      i = parent[i];
    }
    return i;
  }

  /** "posts.userId = users.id" for EXPLAIN. */
  String describe(Edge e) {
    return name(e.a()) + " = " + name(e.b());
  }

  private String name(Ref r) {
    return leaves.get(r.leaf()).name() + "." + sql(r).name();
  }

  private static final class Builder {
    final List<Leaf> leaves = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();

    List<Ref> flatten(RelNode rel) {
      if (rel instanceof EnumerableHashJoin join) {
        if (join.getJoinType() != JoinRelType.INNER) {
          return null;
        }
        List<Ref> left = flatten(join.getLeft());
        List<Ref> right = left == null ? null : flatten(join.getRight());
        if (right == null) {
          return null;
        }
        List<Ref> out = new ArrayList<>(left);
        out.addAll(right);
        return equalities(join.getCondition(), out) ? out : null;
      }
      if (rel instanceof EnumerableCalc calc) {
        List<Ref> in = flatten(calc.getInput());
        RexProgram program = calc.getProgram();
        if (in == null || program.getCondition() != null && !equalities(program.expandLocalRef(program.getCondition()), in)) {
          return null;
        }
        return projected(program.getProjectList().stream().map(program::expandLocalRef).toList(), in);
      }
      if (rel instanceof EnumerableProject project) {
        List<Ref> in = flatten(project.getInput());
        return in == null ? null : projected(project.getProjects(), in);
      }
      if (rel instanceof EnumerableFilter filter) {
        List<Ref> in = flatten(filter.getInput());
        return in != null && equalities(filter.getCondition(), in) ? in : null;
      }
      if (rel instanceof EnumerableInterpreter interpreter && interpreter.getInput() instanceof Bindables.BindableTableScan scan) {
        return leaf(scan.getTable(), scan.filters, scan.projects.toIntArray());
      }
      if (rel instanceof EnumerableTableScan scan) {
        int[] all = new int[scan.getRowType().getFieldCount()];
        for (int i = 0; i < all.length; i++) {
          all[i] = i;
        }
        return leaf(scan.getTable(), List.of(), all);
      }
      return null;
    }

    private List<Ref> leaf(RelOptTable relTable, List<RexNode> filters, int[] projects) {
      CollectionTable table = relTable == null ? null : relTable.unwrap(CollectionTable.class);
      if (table == null || !ScanSnapshot.takesAll(table, filters)) {
        return null;
      }
      int leaf = leaves.size();
      leaves.add(new Leaf(table, relTable, filters));
      List<Ref> out = new ArrayList<>();
      for (int p : projects) {
        out.add(new Ref(leaf, p));
      }
      return out;
    }

    private static List<Ref> projected(List<RexNode> projects, List<Ref> in) {
      List<Ref> out = new ArrayList<>();
      for (RexNode p : projects) {
        if (!(p instanceof RexInputRef ref)) {
          return null;
        }
        out.add(in.get(ref.getIndex()));
      }
      return out;
    }

    /** Adds the conjuncts of {@code condition} as edges; false when one is not an equality of two leaves' columns of one type. */
    boolean equalities(RexNode condition, List<Ref> fields) {
      for (RexNode c : RelOptUtil.conjunctions(condition)) {
        if (c.isAlwaysTrue()) {
          continue;
        }
        if (c.getKind() != SqlKind.EQUALS || !(((RexCall) c).getOperands().get(0) instanceof RexInputRef x)
            || !(((RexCall) c).getOperands().get(1) instanceof RexInputRef y)) {
          return false;
        }
        Ref a = fields.get(x.getIndex());
        Ref b = fields.get(y.getIndex());
        SqlColumn sa = leaves.get(a.leaf()).table().columns().get(a.column());
        SqlColumn sb = leaves.get(b.leaf()).table().columns().get(b.column());
        if (a.leaf() == b.leaf() || sa.type() != sb.type() || sa.wholeRecord() || sb.wholeRecord() || !joinable(sa.type())) {
          return false;
        }
        edges.add(new Edge(a, b));
      }
      return true;
    }

    private static boolean joinable(SqlTypeName t) {
      return switch (t) {
        case VARCHAR, BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP -> true;
        default -> false;
      };
    }
  }
}
