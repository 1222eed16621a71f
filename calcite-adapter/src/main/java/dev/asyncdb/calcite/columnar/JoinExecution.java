package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.ScanSnapshot;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.LongKeyIndex;
import dev.asyncdb.engine.validate.SplitWork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One execution of a {@link JoinGraph} over the committed columns: each scan's rows are filtered
 * into a list (its positions; the largest input's through a join-column index of the version when
 * a neighbour kept few keys), the largest input is chosen as the probe side, the other inputs are
 * reduced to rows that have a partner among their neighbours (semi-joins: an inner join drops the
 * others anyway), and are then joined one at a time — the most selective first, by their share of
 * the collection that is left and whether the join key is unique in them — through hash tables
 * built from their key columns. The probe side streams through those steps a batch at a time, and
 * every joined tuple (one position per leaf) goes to a {@link Sink}. No row object is built.
 */
final class JoinExecution {
  /** Receives joined tuples: {@code positions[leaf][i]} for {@code i < n}, at most {@link Batch#SIZE} at a time. */
  interface Sink {
    void accept(int[][] positions, int n);
  }

  private final JoinGraph graph;
  private final ScanSnapshot[] snapshots;
  final Columns[] columns;
  /** Per leaf, the physical rows that pass its filters, in scan (slot) order; a row's index here is its position. */
  final int[][] rows;
  private final JoinKeys keys;
  private final int leafCount;
  private int probe = -1;
  private Step[] steps;
  /** Scratch rows of the single-threaded phases (filtering, build sides). */
  private final int[] slots = new int[Batch.SIZE];
  private final Map<JoinGraph.Ref, Boolean> unique = new HashMap<>();
  /** Per semi-joined pair (target leaf and column, other leaf and column), their row counts when last joined. */
  private final Map<List<Integer>, Long> done = new HashMap<>();
  /**
   * Inputs at least this long are filtered and probed in two halves, one on a query thread when
   * one is free; system property {@code asyncdb.columnar.parallelRows} (tests run small tables in halves).
   */
  static final int PARALLEL_ROWS = Integer.getInteger("asyncdb.columnar.parallelRows", 2 * SplitWork.MIN_ROWS);

  JoinExecution(JoinGraph graph, ScanSnapshot[] snapshots) {
    this.graph = graph;
    this.snapshots = snapshots;
    this.leafCount = graph.leaves.size();
    this.columns = new Columns[leafCount];
    this.rows = new int[leafCount][];
    for (int l = 0; l < leafCount; l++) {
      columns[l] = new Columns(snapshots[l]);
    }
    this.keys = new JoinKeys(graph, columns);
    // The largest collection is read last: once its neighbours are filtered and reduced, the keys
    // they kept can drop its rows while it is scanned (sideways information passing).
    int largest = 0;
    for (int l = 1; l < leafCount; l++) {
      if (snapshots[l].version().size() > snapshots[largest].version().size()) {
        largest = l;
      }
    }
    for (int l = 0; l < leafCount; l++) {
      if (l != largest) {
        rows[l] = input(l, List.of());
      }
    }
    List<KeyCheck> checks = List.of();
    if (!anyEmptyBut(largest)) {
      probe = largest;
      reduce();
      checks = keyChecks(largest);
    }
    rows[largest] = anyEmptyBut(largest) ? new int[0] : largestInput(largest, checks);
    if (!anyEmpty() && probeLeaf() != largest) {
      // Its key checks left the largest collection with fewer rows than another input, which will
      // be the probe side instead: every input is now reduced by every neighbour's keys, so that
      // the new probe side does not stream rows the scanned one has no partner for.
      probe = -1;
      reduce();
    }
  }

  /**
   * The largest input's rows. When a neighbour kept few keys (their rows, as the version's key
   * index counts them on average, are at most a quarter of the collection) and the version has a
   * key index of the joined column, only the rows of those keys are read, in scan order, then
   * filtered by the leaf's conditions and its other key checks; else the whole collection is scanned.
   */
  private int[] largestInput(int leaf, List<KeyCheck> checks) {
    ScanSnapshot s = snapshots[leaf];
    KeyCheck best = null;
    LongKeyIndex bestIndex = null;
    double fewest = s.version().size() / 4.0;
    for (KeyCheck c : checks) {
      Column column = s.rows() == null && keys.readsLongs(c.ref()) ? s.column(c.ref().column()) : null;
      LongKeyIndex index = column == null ? null : s.version().joinIndex(column);
      // Each of the neighbour's rows has at most one key; a key has size / distinct rows on average.
      double estimate = index == null ? Double.MAX_VALUE
          : (double) c.partnerRows() * index.size() / Math.max(1, index.distinctValues());
      if (estimate <= fewest) {
        best = c;
        bestIndex = index;
        fewest = estimate;
      }
    }
    if (best == null) {
      return input(leaf, checks);
    }
    int[] picked = bestIndex.rowsOf(best.partners().min(), best.partners().bits(), s.version().sharedLiveRows());
    List<RowFilter> rest = new ArrayList<>();
    for (KeyCheck c : checks) {
      if (c != best) {
        rest.add(c.filter(keys, columns[leaf]));
      }
    }
    return filtered(new RowSource(columns[leaf], picked, rest), picked.length);
  }

  /** The largest input's join key column and the keys a neighbour kept (from its {@code partnerRows} rows), checked while it is scanned. */
  private record KeyCheck(JoinGraph.Ref ref, KeySet partners, int partnerRows) {
    JoinKeyFilter filter(JoinKeys keys, Columns over) {
      return new JoinKeyFilter(keys.probeReader(ref, over), partners);
    }
  }

  /**
   * The key checks worth making on {@code leaf}'s scan: one per join edge to a neighbour that its
   * own filters and semi-joins left with at most half of its collection (else nearly every row
   * would pass) and whose keys form a bit set (a check then costs about one read of the key).
   */
  private List<KeyCheck> keyChecks(int leaf) {
    List<KeyCheck> out = new ArrayList<>();
    for (JoinGraph.Edge e : graph.edges) {
      JoinGraph.Ref own = e.a().leaf() == leaf ? e.a() : e.b().leaf() == leaf ? e.b() : null;
      JoinGraph.Ref other = own == e.a() ? e.b() : e.a();
      if (own == null || other.leaf() == leaf || 2L * rows[other.leaf()].length > snapshots[other.leaf()].version().size()) {
        continue;
      }
      Codes c = codes(other);
      KeySet partners = new KeySet(c.values, c.nulls);
      if (partners.isBits()) {
        out.add(new KeyCheck(own, partners, rows[other.leaf()].length));
      }
    }
    return out;
  }

  private boolean anyEmptyBut(int leaf) {
    for (int l = 0; l < leafCount; l++) {
      if (l != leaf && rows[l].length == 0) {
        return true;
      }
    }
    return false;
  }

  /** A leaf's rows that pass its conditions and {@code checks}; without either, the version's shared list (never written to). */
  private int[] input(int leaf, List<KeyCheck> checks) {
    ScanSnapshot s = snapshots[leaf];
    if (s.rows() == null && s.conditions().isEmpty() && checks.isEmpty()) {
      return s.version().sharedLiveRows();
    }
    return filtered(columns[leaf], over -> checks.stream().<RowFilter>map(c -> c.filter(keys, over)).toList());
  }

  /**
   * The rows of a scan that pass its conditions and the filters {@code extra} makes for a set of
   * views, in scan order; a long scan in two halves, the second on a free query thread with columns
   * of its own (views keep scratch space).
   */
  private static int[] filtered(Columns columns, Function<Columns, List<RowFilter>> extra) {
    ScanSnapshot s = columns.snapshot();
    int end = RowSource.length(s);
    if (end < PARALLEL_ROWS || !QueryThreads.available()) {
      return filtered(new RowSource(columns, 0, end, extra.apply(columns)), s.version().size());
    }
    int mid = end / 2;
    RowSource first = new RowSource(columns, 0, mid, extra.apply(columns));
    Columns others = new Columns(s);
    RowSource second = new RowSource(others, mid, end, extra.apply(others));
    SplitWork.Pair<int[]> halves = SplitWork.run(QueryThreads.pool(), () -> filtered(first, mid), () -> filtered(second, end - mid));
    int[] out = Arrays.copyOf(halves.first(), halves.first().length + halves.second().length);
    System.arraycopy(halves.second(), 0, out, halves.first().length, halves.second().length);
    return out;
  }

  /** The rows a source passes; sized for every live row, so an unfiltered input is one array, not copied. */
  private static int[] filtered(RowSource source, int live) {
    Batch batch = new Batch();
    int[] out = new int[Math.max(live, Batch.SIZE)];
    int n = 0;
    while (source.next(batch)) {
      if (n + batch.size > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, n + batch.size));
      }
      System.arraycopy(batch.rows, 0, out, n, batch.size);
      n += batch.size;
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** Joins the inputs and hands every tuple to {@code sink}. */
  void run(Sink sink) {
    if (anyEmpty()) {
      return;
    }
    probe = probeLeaf();
    reduce();
    if (anyEmpty()) {
      return;
    }
    plan();
    int[] probeRows = rows[probe];
    if (probeRows.length < PARALLEL_ROWS || !QueryThreads.available()) {
      new Prober(sink).probe(0, probeRows.length);
      return;
    }
    // Two halves of the probe side: the first here, straight into the sink; the second on a free
    // query thread into a buffer handed on afterwards (or here too, straight, when none was free).
    // Both probers are made here: the other thread only reads what is built by now.
    Thread caller = Thread.currentThread();
    int mid = probeRows.length / 2;
    Collected collected = new Collected(leafCount);
    Prober first = new Prober(sink);
    Prober second = new Prober(collected);
    SplitWork.Pair<Collected> halves = SplitWork.run(QueryThreads.pool(), () -> {
      first.probe(0, mid);
      return null;
    }, () -> {
      if (Thread.currentThread() == caller) {
        first.probe(mid, probeRows.length);
        return null;
      }
      second.probe(mid, probeRows.length);
      return collected;
    });
    if (halves.second() != null) {
      halves.second().replay(sink);
    }
  }

  /** The input {@link #run} streams through the others: the largest (the first of equals). */
  int probeLeaf() {
    int largest = 0;
    for (int l = 1; l < leafCount; l++) {
      if (rows[l].length > rows[largest].length) {
        largest = l;
      }
    }
    return largest;
  }

  private boolean anyEmpty() {
    for (int[] r : rows) {
      if (r.length == 0) {
        return true;
      }
    }
    return false;
  }

  /** Semi-joins between the build sides until none drops a row (at most one pass per leaf). */
  private void reduce() {
    // A reduction can enable another one edge further; a pair is tried again only when one of its leaves changed.
    boolean changed = true;
    for (int pass = 0; changed && pass < leafCount; pass++) {
      changed = false;
      for (JoinGraph.Edge e : graph.edges) {
        if (e.a().leaf() != probe && e.b().leaf() != probe) {
          // The larger side first, by a set of the smaller one's keys; then back, by what it kept.
          boolean aLarger = rows[e.a().leaf()].length >= rows[e.b().leaf()].length;
          JoinGraph.Ref larger = aLarger ? e.a() : e.b();
          JoinGraph.Ref smaller = aLarger ? e.b() : e.a();
          changed |= semiJoin(larger, smaller);
          changed |= semiJoin(smaller, larger);
        }
      }
    }
  }

  /**
   * Keeps the rows of {@code target}'s leaf whose value of it some row of {@code by}'s leaf has;
   * whether any was dropped. Skipped when neither leaf changed since the pair was last joined.
   */
  private boolean semiJoin(JoinGraph.Ref target, JoinGraph.Ref by) {
    List<Integer> pair = List.of(target.leaf(), target.column(), by.leaf(), by.column());
    long state = (long) rows[target.leaf()].length << 32 | rows[by.leaf()].length;
    if (Long.valueOf(state).equals(done.put(pair, state))) {
      return false;
    }
    Codes present = codes(by);
    KeySet set = new KeySet(present.values, present.nulls);
    // The target's keys are checked a batch at a time by the kernels a probe side's scan uses (a
    // value the other side never numbered reads as NULL: it has no partner).
    JoinKeys.Reader reader = keys.probeReader(target);
    long[] scratchCodes = new long[Batch.SIZE];
    boolean[] scratchNulls = new boolean[Batch.SIZE];
    int[] in = rows[target.leaf()];
    int[] kept = new int[in.length];
    int n = 0;
    for (int from = 0; from < in.length; from += Batch.SIZE) {
      int size = Math.min(Batch.SIZE, in.length - from);
      System.arraycopy(in, from, slots, 0, size);
      int k = reader.keep(set, slots, size, scratchCodes, scratchNulls);
      System.arraycopy(slots, 0, kept, n, k);
      n += k;
    }
    if (n < in.length) {
      rows[target.leaf()] = Arrays.copyOf(kept, n);
      unique.keySet().removeIf(r -> r.leaf() == target.leaf());
      done.put(pair, (long) n << 32 | rows[by.leaf()].length);
      return true;
    }
    return false;
  }

  /** A column's codes over its leaf's current rows, null flags only when some is NULL. */
  private record Codes(long[] values, boolean[] nulls, int[] of) {}

  private final Map<JoinGraph.Ref, Codes> codes = new HashMap<>();

  private Codes codes(JoinGraph.Ref ref) {
    int[] r = rows[ref.leaf()];
    Codes c = codes.get(ref);
    if (c != null && c.of() == r) {
      return c;
    }
    JoinKeys.Reader reader = keys.reader(ref);
    long[] values = new long[r.length];
    boolean[] nulls = null;
    long[] chunk = new long[Batch.SIZE];
    boolean[] chunkNulls = new boolean[Batch.SIZE];
    for (int from = 0; from < r.length; from += Batch.SIZE) {
      int n = Math.min(Batch.SIZE, r.length - from);
      System.arraycopy(r, from, slots, 0, n);
      if (reader.codes(slots, n, chunk, chunkNulls)) {
        if (nulls == null) {
          nulls = new boolean[r.length];
        }
        System.arraycopy(chunkNulls, 0, nulls, from, n);
      }
      System.arraycopy(chunk, 0, values, from, n);
    }
    c = new Codes(values, nulls, r);
    codes.put(ref, c);
    return c;
  }

  /**
   * Whether no two joined tuples that differ in the column's leaf have the same value of it: it is
   * a column of an equality (so never NULL in a tuple) and no two rows of its leaf share a value.
   */
  boolean distinctInTuples(JoinGraph.Ref ref) {
    return graph.edges.stream().anyMatch(e -> e.a().equals(ref) || e.b().equals(ref)) && unique(ref);
  }

  /** Whether no two rows of the column's leaf share a non-NULL value. */
  private boolean unique(JoinGraph.Ref ref) {
    if (graph.leaves.get(ref.leaf()).table().uniqueColumn(ref.column())) {
      return true; // a subset of a collection's unique key column stays unique
    }
    return unique.computeIfAbsent(ref, r -> {
      Codes c = codes(r);
      LongIntMap seen = new LongIntMap(c.values.length);
      int values = 0;
      for (int i = 0; i < c.values.length; i++) {
        if (c.nulls == null || !c.nulls[i]) {
          seen.idOf(c.values[i]);
          values++;
        }
      }
      return seen.size() == values;
    });
  }

  /**
   * Orders the build sides: at each step, of the leaves joined to those already bound, the one
   * that keeps the smallest share of its collection, those with a unique key first (they cannot
   * multiply the probe's rows). Each step matches on every equality with the bound leaves.
   */
  private void plan() {
    boolean[] bound = new boolean[leafCount];
    bound[probe] = true;
    List<Step> out = new ArrayList<>();
    List<Integer> boundLeaves = new ArrayList<>(List.of(probe));
    for (int s = 1; s < leafCount; s++) {
      int best = -1;
      double bestScore = Double.MAX_VALUE;
      List<JoinGraph.Ref> bestBuild = null;
      List<JoinGraph.Ref> bestProbe = null;
      for (int x = 0; x < leafCount; x++) {
        if (bound[x]) {
          continue;
        }
        List<JoinGraph.Ref> build = new ArrayList<>();
        List<JoinGraph.Ref> probeSide = new ArrayList<>();
        for (JoinGraph.Edge e : graph.edges) {
          if (e.a().leaf() == x && bound[e.b().leaf()]) {
            build.add(e.a());
            probeSide.add(e.b());
          } else if (e.b().leaf() == x && bound[e.a().leaf()]) {
            build.add(e.b());
            probeSide.add(e.a());
          }
        }
        if (build.isEmpty()) {
          continue;
        }
        boolean uniqueKey = build.stream().anyMatch(this::unique);
        double score = (uniqueKey ? 0 : 1) + (double) rows[x].length / Math.max(1, snapshots[x].version().size());
        if (score < bestScore) {
          best = x;
          bestScore = score;
          bestBuild = build;
          bestProbe = probeSide;
        }
      }
      bound[best] = true;
      out.add(new Step(best, bestBuild, bestProbe, List.copyOf(boundLeaves)));
      boundLeaves.add(best);
    }
    steps = out.toArray(new Step[0]);
  }

  /**
   * One thread's probing: its own batch buffers, probe keys and column readers over the shared,
   * read-only build sides, handing tuples to its own sink.
   */
  private final class Prober {
    private final Sink sink;
    private final Tuples[] buffers;
    private final Probe[] probes;
    /** Scratch rows of the single-threaded phases (filtering, build sides). */
  private final int[] slots = new int[Batch.SIZE];

    Prober(Sink sink) {
      this.sink = sink;
      this.buffers = new Tuples[steps.length + 1];
      for (int s = 0; s <= steps.length; s++) {
        buffers[s] = new Tuples(leafCount);
      }
      this.probes = new Probe[steps.length];
      for (int s = 0; s < steps.length; s++) {
        probes[s] = new Probe(steps[s]);
      }
    }

    /** Joins the probe side's positions {@code from..to-1}. */
    void probe(int from, int to) {
      Tuples first = buffers[0];
      for (int start = from, batches = 0; start < to; start += Batch.SIZE, batches++) {
        if ((batches & 63) == 0) {
          snapshots[probe].checkCancelled();
        }
        int n = Math.min(Batch.SIZE, to - start);
        int[] p = first.pos[probe];
        for (int i = 0; i < n; i++) {
          p[i] = start + i;
        }
        first.n = n;
        process(0, first);
      }
      // Tuples left in the buffers go on in order, level by level.
      for (int level = 1; level <= steps.length; level++) {
        if (buffers[level].n > 0) {
          process(level, buffers[level]);
          buffers[level].n = 0;
        }
      }
    }

    /** Runs the tuples of one level through its step (or into the sink after the last step). */
    private void process(int level, Tuples in) {
      if (level == steps.length) {
        sink.accept(in.pos, in.n);
        return;
      }
      Step step = steps[level];
      Probe probe = probes[level];
      Tuples out = buffers[level + 1];
      int n = in.n;
      probe.keys(in, n, slots);
      int[] heads = probe.heads;
      step.index.firsts(probe.keys, probe.miss, n, heads);
      int[] target = out.pos[step.leaf];
      for (int i = 0; i < n; i++) {
        for (int p = heads[i]; p >= 0; p = step.index.next(p)) {
          if (out.n == Batch.SIZE) {
            process(level + 1, out);
            out.n = 0;
          }
          int o = out.n++;
          for (int l : step.before) {
            out.pos[l][o] = in.pos[l][i];
          }
          target[o] = p;
        }
      }
    }
  }

  /** Joined tuples kept by a probing thread, to be handed to the real sink afterwards in the same order. */
  private static final class Collected implements Sink {
    private final int[][] pos;
    private int size;

    Collected(int leaves) {
      pos = new int[leaves][Batch.SIZE];
    }

    @Override
    public void accept(int[][] positions, int n) {
      if (size + n > pos[0].length) {
        for (int l = 0; l < pos.length; l++) {
          pos[l] = Arrays.copyOf(pos[l], Math.max(pos[l].length * 2, size + n));
        }
      }
      for (int l = 0; l < pos.length; l++) {
        System.arraycopy(positions[l], 0, pos[l], size, n);
      }
      size += n;
    }

    void replay(Sink sink) {
      int[][] batch = new int[pos.length][Batch.SIZE];
      for (int from = 0; from < size; from += Batch.SIZE) {
        int n = Math.min(Batch.SIZE, size - from);
        for (int l = 0; l < pos.length; l++) {
          System.arraycopy(pos[l], from, batch[l], 0, n);
        }
        sink.accept(batch, n);
      }
    }
  }

  /** Tuples of one level: positions per leaf (only bound leaves' are set). */
  private static final class Tuples {
    final int[][] pos;
    int n;

    Tuples(int leaves) {
      pos = new int[leaves][Batch.SIZE];
    }
  }

  /** One build side: its leaf, its key columns and those of the bound leaves they equal, and its hash table. */
  private final class Step {
    final int leaf;
    final int[] before;
    final JoinGraph.Ref[] probeRefs;
    final CompositeKey composite;
    final PositionIndex index;

    Step(int leaf, List<JoinGraph.Ref> build, List<JoinGraph.Ref> probe, List<Integer> before) {
      this.leaf = leaf;
      this.before = before.stream().mapToInt(Integer::intValue).toArray();
      int k = build.size();
      this.probeRefs = probe.toArray(new JoinGraph.Ref[0]);
      this.composite = new CompositeKey(k);
      long[] keys = new long[Batch.SIZE];
      boolean[] miss = new boolean[Batch.SIZE];
      long[][] codes = new long[k][Batch.SIZE];
      boolean[][] nulls = new boolean[k][Batch.SIZE];
      boolean[] anyNull = new boolean[k];
      int[] r = rows[leaf];
      this.index = new PositionIndex(r.length);
      long[] all = new long[r.length];
      boolean[] valid = new boolean[r.length];
      Codes[] columns = new Codes[k];
      for (int j = 0; j < k; j++) {
        columns[j] = codes(build.get(j));
      }
      for (int from = 0; from < r.length; from += Batch.SIZE) {
        int n = Math.min(Batch.SIZE, r.length - from);
        for (int j = 0; j < k; j++) {
          System.arraycopy(columns[j].values(), from, codes[j], 0, n);
          anyNull[j] = columns[j].nulls() != null;
          if (anyNull[j]) {
            System.arraycopy(columns[j].nulls(), from, nulls[j], 0, n);
          }
        }
        composite.build(codes, nulls, anyNull, n, keys, miss);
        for (int i = 0; i < n; i++) {
          all[from + i] = keys[i];
          valid[from + i] = !miss[i];
        }
      }
      for (int p = r.length - 1; p >= 0; p--) {
        if (valid[p]) {
          index.add(all[p], p);
        }
      }
      index.seal();
    }
  }

  /** One thread's probe of a step: its key readers and the scratch arrays of a batch. */
  private final class Probe {
    private final Step step;
    private final JoinKeys.Reader[] readers;
    final long[] keys = new long[Batch.SIZE];
    final boolean[] miss = new boolean[Batch.SIZE];
    /** The first match of each probed tuple, -1 for none. */
    final int[] heads = new int[Batch.SIZE];
    private final long[][] codes;
    private final boolean[][] nulls;
    private final boolean[] anyNull;

    Probe(Step step) {
      this.step = step;
      int k = step.probeRefs.length;
      this.readers = new JoinKeys.Reader[k];
      for (int j = 0; j < k; j++) {
        readers[j] = JoinExecution.this.keys.probeReader(step.probeRefs[j]);
      }
      this.codes = new long[k][Batch.SIZE];
      this.nulls = new boolean[k][Batch.SIZE];
      this.anyNull = new boolean[k];
    }

    /** Fills {@link #keys} and {@link #miss} for the tuples of a level. */
    void keys(Tuples in, int n, int[] slots) {
      for (int j = 0; j < readers.length; j++) {
        int l = step.probeRefs[j].leaf();
        int[] p = in.pos[l];
        int[] r = rows[l];
        for (int i = 0; i < n; i++) {
          slots[i] = r[p[i]];
        }
        anyNull[j] = readers[j].codes(slots, n, codes[j], nulls[j]);
      }
      step.composite.probe(codes, nulls, anyNull, n, keys, miss);
    }
  }
}
