package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.ScanSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A GROUP BY (or global) aggregate over a {@link JoinGraph} as the columnar join runs it: the
 * joined tuples ({@link JoinExecution}) feed the grouping and accumulators of the single-collection
 * aggregate, each key and argument reading the columns of its own leaf for the tuples' rows (only
 * the columns the aggregate needs are read). Sums of doubles depend on the order they add in; when
 * there are any, the tuples are put in the order Calcite's hash joins would produce them before
 * they are added, so results are bit for bit those of the row plan. Public only for the code
 * Calcite generates.
 */
public final class JoinAggregatePlan {
  private final JoinGraph graph;
  private final List<Expr.Column> keys;
  private final int[] keyLeaf;
  private final List<AggregatePlan.Call> calls;
  private final int[] callLeaf;
  private final boolean orderSensitive;

  private JoinAggregatePlan(JoinGraph graph, List<Expr.Column> keys, int[] keyLeaf, List<AggregatePlan.Call> calls, int[] callLeaf) {
    this.graph = graph;
    this.keys = keys;
    this.keyLeaf = keyLeaf;
    this.calls = calls;
    this.callLeaf = callLeaf;
    this.orderSensitive = calls.stream().anyMatch(c -> c.argument() != null && c.argument().type() == SqlTypeName.DOUBLE);
  }

  /**
   * The plan of an aggregate over a join graph whose input field {@code i} is {@code output(i)} over
   * the graph's fields, or null when a key is not a plain column or an argument is not one the
   * columnar aggregate computes from the columns of one leaf.
   */
  static JoinAggregatePlan of(Aggregate aggregate, JoinGraph graph, IntFunction<RexNode> output) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return null;
    }
    List<Expr.Column> keys = new ArrayList<>();
    int[] keyLeaf = new int[aggregate.getGroupCount()];
    int k = 0;
    for (int field : aggregate.getGroupSet()) {
      if (!(output.apply(field) instanceof RexInputRef ref)) {
        return null;
      }
      JoinGraph.Ref r = graph.fields.get(ref.getIndex());
      Expr.Column c = new Expr.Column(r.column(), graph.sql(r));
      if (c.sql().wholeRecord() || !AggregatePlan.groupable(c.type())) {
        return null;
      }
      keys.add(c);
      keyLeaf[k++] = r.leaf();
    }
    List<AggregatePlan.Call> calls = new ArrayList<>();
    int[] callLeaf = new int[aggregate.getAggCallList().size()];
    int i = 0;
    for (AggregateCall call : aggregate.getAggCallList()) {
      int leaf = call.getArgList().isEmpty() ? 0 : graph.leafOf(output.apply(call.getArgList().get(0)));
      if (leaf < 0) {
        return null;
      }
      AggregatePlan.Call c = AggregatePlan.call(call, output, node -> Expr.of(node, graph.fieldsOf(leaf)));
      if (c == null) {
        return null;
      }
      calls.add(c);
      callLeaf[i++] = leaf;
    }
    return new JoinAggregatePlan(graph, keys, keyLeaf, calls, callLeaf);
  }

  /** The aggregate's rows for one execution; the ordinary plan's when a scan cannot decide its rows alone. */
  public Enumerable<Object> run(DataContext root, boolean scalar, Function0<Enumerable<Object>> fallback) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        ScanSnapshot[] snapshots = new ScanSnapshot[graph.leaves.size()];
        for (int l = 0; l < snapshots.length; l++) {
          JoinGraph.Leaf leaf = graph.leaves.get(l);
          snapshots[l] = ScanSnapshot.open(leaf.table(), root, leaf.filters());
          if (snapshots[l] == null) {
            return fallback.apply().enumerator();
          }
        }
        return Linq4j.enumerator(compute(new JoinExecution(graph, snapshots), scalar));
      }
    };
  }

  List<Object> compute(JoinExecution join, boolean scalar) {
    Columns[] columns = join.columns;
    int leaves = columns.length;
    List<GroupKey> groupKeys = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      groupKeys.add(GroupKey.of(keys.get(k), columns[keyLeaf[k]]));
    }
    Batch[] batches = new Batch[leaves];
    for (int l = 0; l < leaves; l++) {
      batches[l] = new Batch();
    }
    int decider = decidingLeaf(join);
    Grouping grouping = decider < 0 ? new Grouping(groupKeys) : new Grouping(groupKeys, join.rows[decider].length);
    IntFunction<Batch> batchOfKey = k -> batches[keyLeaf[k]];
    Values.Binder[] binders = new Values.Binder[leaves];
    Accumulator[] accumulators = new Accumulator[calls.size()];
    for (int c = 0; c < accumulators.length; c++) {
      int l = callLeaf[c];
      if (binders[l] == null) {
        binders[l] = new Values.Binder(columns[l]);
      }
      accumulators[c] = AggregatePlan.accumulator(calls.get(c), binders[l], columns[l]);
      accumulators[c].grow(grouping.groups());
    }
    Accumulator.shareSums(calls, accumulators, c -> callLeaf[c]);
    // Late materialisation: only the leaves a key or an argument reads get their rows looked up.
    boolean[] used = new boolean[leaves];
    for (int l : keyLeaf) {
      used[l] = true;
    }
    for (int l : callLeaf) {
      used[l] = true;
    }
    JoinExecution.Sink aggregate = (positions, n) -> {
      for (int l = 0; l < leaves; l++) {
        if (used[l]) {
          Batch b = batches[l];
          int[] p = positions[l];
          int[] r = join.rows[l];
          for (int i = 0; i < n; i++) {
            b.rows[i] = r[p[i]];
          }
          b.size = n;
          b.id++;
        }
      }
      if (decider >= 0) {
        grouping.assignByPosition(positions[decider], batchOfKey, n);
      } else {
        grouping.assign(batchOfKey, n);
      }
      for (int c = 0; c < accumulators.length; c++) {
        accumulators[c].grow(grouping.groups());
        accumulators[c].add(batches[callLeaf[c]], grouping.gids);
      }
    };
    if (orderSensitive && !(decider >= 0 && groupsArriveInOrder(decider, join))) {
      TupleOrder order = new TupleOrder(leaves);
      join.run(order);
      order.replay(join.rows, aggregate);
    } else {
      join.run(aggregate);
    }
    return grouping.results(accumulators, scalar);
  }

  /**
   * The leaf whose row decides each tuple's group, or -1: every key is a column of it or equals one
   * through a join equality, and one of those columns of it is an equality's column whose value no
   * two of its rows share (GROUP BY o_orderkey, o_orderdate over orders joined on o_orderkey, or
   * l_orderkey joined to it). Tuples then group by that leaf's position, without hashing key values.
   */
  private int decidingLeaf(JoinExecution join) {
    for (int leaf = 0; !keys.isEmpty() && leaf < graph.leaves.size(); leaf++) {
      if (decides(leaf, join)) {
        return leaf;
      }
    }
    return -1;
  }

  private boolean decides(int leaf, JoinExecution join) {
    boolean distinct = false;
    for (int k = 0; k < keys.size(); k++) {
      JoinGraph.Ref key = new JoinGraph.Ref(keyLeaf[k], keys.get(k).column());
      JoinGraph.Ref own = key.leaf() == leaf ? key : null;
      for (int e = 0; own == null && e < graph.edges.size(); e++) {
        JoinGraph.Edge edge = graph.edges.get(e);
        own = edge.a().equals(key) && edge.b().leaf() == leaf ? edge.b() : edge.b().equals(key) && edge.a().leaf() == leaf ? edge.a() : null;
      }
      if (own == null) {
        return false;
      }
      distinct = distinct || join.distinctInTuples(own);
    }
    return distinct;
  }

  /**
   * Whether each group's tuples reach the sink in the order the row plan adds them, unsorted: all
   * inputs but one have one row per group — the deciding leaf, and leaves joined to a leaf with one
   * row on a column unique in them — so within a group that order is the other input's, and that
   * input's rows come in their order: the probe side streams in it, and a build side's matches for
   * one probe row come in it (Q3 probes the 15,000 orders; each one's line items come in order,
   * with its one customer). The probe side is never checked for a unique column: it may be the
   * one input that varies, and the check would hash every one of its rows.
   */
  private boolean groupsArriveInOrder(int decider, JoinExecution join) {
    boolean[] fixed = new boolean[graph.leaves.size()];
    fixed[decider] = true;
    int probe = join.probeLeaf();
    for (boolean grew = true; grew;) {
      grew = false;
      for (JoinGraph.Edge e : graph.edges) {
        grew |= fixes(fixed, e.a(), e.b(), probe, join) | fixes(fixed, e.b(), e.a(), probe, join);
      }
    }
    int varying = 0;
    for (boolean f : fixed) {
      varying += f ? 0 : 1;
    }
    return varying <= 1;
  }

  /** Marks {@code to}'s leaf (not the probe side) as one row per group when {@code from}'s is and {@code to} is unique in its leaf. */
  private static boolean fixes(boolean[] fixed, JoinGraph.Ref from, JoinGraph.Ref to, int probe, JoinExecution join) {
    if (fixed[from.leaf()] && !fixed[to.leaf()] && to.leaf() != probe && join.distinctInTuples(to)) {
      fixed[to.leaf()] = true;
      return true;
    }
    return false;
  }

  /**
   * Collects joined tuples and hands them on in the row engine's order: lexicographic by the
   * leaves' positions, leaf 0 first (a hash join emits its left input's rows in order, each with
   * its matches in the right input's order). Tuples that already come in that order are not sorted.
   */
  static final class TupleOrder implements JoinExecution.Sink {
    /** Up to this many tuples are sorted by comparison; more, by counting positions leaf by leaf. */
    private static final int SMALL = 1 << 14;
    private final int leaves;
    private int[][] positions;
    private int size;
    private boolean sorted = true;

    TupleOrder(int leaves) {
      this.leaves = leaves;
      this.positions = new int[leaves][Batch.SIZE];
    }

    @Override
    public void accept(int[][] in, int n) {
      if (size + n > positions[0].length) {
        int capacity = Math.max(positions[0].length * 2, size + n);
        for (int l = 0; l < leaves; l++) {
          positions[l] = Arrays.copyOf(positions[l], capacity);
        }
      }
      for (int l = 0; l < leaves; l++) {
        System.arraycopy(in[l], 0, positions[l], size, n);
      }
      for (int i = size == 0 ? 1 : size; sorted && i < size + n; i++) {
        sorted = compare(i - 1, i) <= 0;
      }
      size += n;
    }

    private int compare(int a, int b) {
      for (int l = 0; l < leaves; l++) {
        int c = Integer.compare(positions[l][a], positions[l][b]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }

    /**
     * Sorts the tuples by packing each one's positions into one long, leaf 0 in the highest bits,
     * so that the numeric order of the longs is the order of the tuples; false (nothing changed)
     * when the positions of all leaves need more than 63 bits.
     */
    private boolean packSorted(int[][] rows) {
      int[] bits = new int[leaves];
      int total = 0;
      for (int l = 0; l < leaves; l++) {
        bits[l] = 32 - Integer.numberOfLeadingZeros(Math.max(1, rows[l].length));
        total += bits[l];
      }
      if (total > 63) {
        return false;
      }
      long[] packed = new long[size];
      for (int l = 0; l < leaves; l++) {
        int[] p = positions[l];
        int shift = bits[l];
        for (int i = 0; i < size; i++) {
          packed[i] = (packed[i] << shift) | p[i];
        }
      }
      Arrays.sort(packed);
      for (int l = leaves - 1; l >= 0; l--) {
        int[] p = positions[l];
        long mask = (1L << bits[l]) - 1;
        int shift = bits[l];
        for (int i = 0; i < size; i++) {
          p[i] = (int) (packed[i] & mask);
          packed[i] >>>= shift;
        }
      }
      return true;
    }

    private static int[] identity(int n) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      return order;
    }

    /** Passes the tuples on in order, a batch at a time. */
    void replay(int[][] rows, JoinExecution.Sink sink) {
      int[] order = identity(size);
      // Few tuples whose positions fit in one long together are sorted in place as primitives
      // (packSorted), and the identity order then reads them in order.
      if (!sorted && size <= SMALL && !packSorted(rows)) {
        // Few tuples (Q5 joins 600k line items into under a thousand): compare them, no counts per position.
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
          boxed[i] = i;
        }
        Arrays.sort(boxed, this::compare);
        for (int i = 0; i < size; i++) {
          order[i] = boxed[i];
        }
      } else if (!sorted && size > SMALL) {
        // Least significant leaf first, each pass a stable counting sort by that leaf's position.
        int[] scratch = new int[size];
        for (int l = leaves - 1; l >= 0; l--) {
          int[] p = positions[l];
          int[] counts = new int[rows[l].length + 1];
          for (int i = 0; i < size; i++) {
            counts[p[order[i]] + 1]++;
          }
          for (int v = 1; v < counts.length; v++) {
            counts[v] += counts[v - 1];
          }
          for (int i = 0; i < size; i++) {
            int t = order[i];
            scratch[counts[p[t]]++] = t;
          }
          int[] swap = order;
          order = scratch;
          scratch = swap;
        }
      }
      int[][] batch = new int[leaves][Batch.SIZE];
      for (int from = 0; from < size; from += Batch.SIZE) {
        int n = Math.min(Batch.SIZE, size - from);
        for (int l = 0; l < leaves; l++) {
          int[] p = positions[l];
          int[] b = batch[l];
          for (int i = 0; i < n; i++) {
            b[i] = p[order[from + i]];
          }
        }
        sink.accept(batch, n);
      }
    }
  }
}
