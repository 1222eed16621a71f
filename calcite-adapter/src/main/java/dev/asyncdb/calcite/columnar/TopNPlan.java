package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.CollectionTable;
import dev.asyncdb.calcite.ScanSnapshot;
import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.TableVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code ORDER BY … LIMIT n [OFFSET m]} over one collection as the columnar operator runs it: the
 * rows that pass the scan's conditions go through a heap of the {@code m + n} best by the sort
 * columns, read from the column vectors; only the winners become rows. Rows that tie on every sort
 * column keep their scan order, as Calcite's sort keeps them. Public only for the code Calcite
 * generates.
 */
public final class TopNPlan {
  private final CollectionTable table;
  private final List<RexNode> filters;
  /** The table column of each output field. */
  private final int[] outputs;
  private final List<RelFieldCollation> collations;
  private final List<Expr.Column> sortColumns;
  private final RexNode offset;
  private final RexNode fetch;

  private TopNPlan(CollectionTable table, List<RexNode> filters, int[] outputs, List<RelFieldCollation> collations,
      List<Expr.Column> sortColumns, RexNode offset, RexNode fetch) {
    this.table = table;
    this.filters = filters;
    this.outputs = outputs;
    this.collations = collations;
    this.sortColumns = sortColumns;
    this.offset = offset;
    this.fetch = fetch;
  }

  /** The plan of a sort with a limit over a chain, or null when some part is not supported. */
  static TopNPlan of(List<RelFieldCollation> collations, RexNode offset, RexNode fetch, ScanChain chain) {
    if (fetch == null || collations.isEmpty() || chain.condition() != null || !countable(offset) || !countable(fetch)) {
      return null;
    }
    int[] outputs = new int[chain.fieldCount()];
    for (int i = 0; i < outputs.length; i++) {
      if (!(chain.output(i) instanceof org.apache.calcite.rex.RexInputRef ref)) {
        return null;
      }
      outputs[i] = chain.projects[ref.getIndex()];
      if (chain.sqlColumn(outputs[i]).type() == SqlTypeName.VARBINARY) {
        return null;
      }
    }
    List<Expr.Column> sortColumns = new ArrayList<>();
    for (RelFieldCollation c : collations) {
      if (!(Expr.of(chain.output(c.getFieldIndex()), chain) instanceof Expr.Column column)) {
        return null;
      }
      sortColumns.add(column);
    }
    return new TopNPlan(chain.table, chain.filters, outputs, List.copyOf(collations), sortColumns, offset, fetch);
  }

  private static boolean countable(RexNode n) {
    return n == null || n instanceof RexLiteral || n instanceof RexDynamicParam;
  }

  /** The value of OFFSET or FETCH in this execution, or -1 when it is not a count (the ordinary plan decides then). */
  private static long countOf(RexNode n, DataContext root, long absent) {
    if (n == null) {
      return absent;
    }
    Object v = n instanceof RexLiteral lit ? lit.getValueAs(BigDecimal.class) : root.get("?" + ((RexDynamicParam) n).getIndex());
    if (v instanceof BigDecimal d) {
      return d.signum() < 0 || d.scale() > 0 && d.stripTrailingZeros().scale() > 0 ? -1 : d.longValue();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      long l = ((Number) v).longValue();
      return l < 0 ? -1 : l;
    }
    return -1;
  }

  /** The first rows by the sort (one value per row when {@code scalar}); the ordinary plan's when the scan cannot decide the rows. */
  public Enumerable<Object> run(DataContext root, boolean scalar, Function0<Enumerable<Object>> fallback) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        long skip = countOf(offset, root, 0);
        long take = countOf(fetch, root, 0);
        ScanSnapshot snapshot = skip < 0 || take < 0 ? null : ScanSnapshot.open(table, root, filters);
        if (snapshot == null) {
          return fallback.apply().enumerator();
        }
        return Linq4j.enumerator(compute(snapshot, (int) Math.min(skip, Integer.MAX_VALUE - 16), (int) Math.min(take, Integer.MAX_VALUE - 16), scalar));
      }
    };
  }

  private List<Object> compute(ScanSnapshot snapshot, int skip, int take, boolean scalar) {
    long wanted = (long) skip + take;
    if (take == 0) {
      return List.of();
    }
    Columns columns = new Columns(snapshot);
    SortKey[] keys = new SortKey[collations.size()];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = SortKey.of(collations.get(k), sortColumns.get(k), columns);
    }
    Heap heap = new Heap(keys, (int) Math.min(wanted, Integer.MAX_VALUE - 16));
    RowSource source = new RowSource(columns);
    Batch batch = new Batch();
    long seq = 0;
    while (source.next(batch)) {
      if (batch.size == 0) {
        continue;
      }
      for (SortKey k : keys) {
        k.read(batch);
      }
      for (int i = 0; i < batch.size; i++) {
        heap.offer(i, batch.rows[i], seq++);
      }
    }
    int[] winners = heap.sorted();
    List<Object> out = new ArrayList<>(Math.max(0, winners.length - skip));
    TableVersion version = snapshot.version();
    Column[] sources = new Column[outputs.length];
    for (int i = 0; i < outputs.length; i++) {
      sources[i] = snapshot.column(outputs[i]);
    }
    for (int w = skip; w < winners.length; w++) {
      int row = winners[w];
      Object[] values = new Object[outputs.length];
      for (int i = 0; i < outputs.length; i++) {
        SqlColumn sc = snapshot.columns().get(outputs[i]);
        values[i] = sc.wholeRecord() ? Json.write(version.record(row)) : sc.read(sources[i], row);
      }
      out.add(scalar ? values[0] : values);
    }
    return out;
  }

  /**
   * The best rows so far, at most {@code capacity}: a binary heap whose top is the row that sorts
   * last, so a new row either loses to it at once (usually on the first key) or replaces it.
   */
  private static final class Heap {
    private final SortKey[] keys;
    private final int capacity;
    private int[] heap = new int[16];
    private int[] rows = new int[16];
    private long[] seqs = new long[16];
    private int size;

    Heap(SortKey[] keys, int capacity) {
      this.keys = keys;
      this.capacity = capacity;
      for (SortKey k : keys) {
        k.capacity(16);
      }
    }

    void offer(int i, int row, long seq) {
      if (size < capacity) {
        if (size == heap.length) {
          int grown = (int) Math.min((long) size * 2, capacity);
          heap = Arrays.copyOf(heap, grown);
          rows = Arrays.copyOf(rows, grown);
          seqs = Arrays.copyOf(seqs, grown);
          for (SortKey k : keys) {
            k.capacity(grown);
          }
        }
        int slot = size;
        store(i, row, seq, slot);
        heap[size] = slot;
        siftUp(size++);
        return;
      }
      int top = heap[0];
      // A row tying the worst kept row on every key comes later in scan order: it loses.
      if (compareWithKept(i, row, top) < 0) {
        store(i, row, seq, top);
        siftDown(0);
      }
    }

    private void store(int i, int row, long seq, int slot) {
      for (SortKey k : keys) {
        k.keep(i, row, slot);
      }
      rows[slot] = row;
      seqs[slot] = seq;
    }

    private int compareWithKept(int i, int row, int slot) {
      for (SortKey k : keys) {
        int c = k.compareWithKept(i, row, slot);
        if (c != 0) {
          return c;
        }
      }
      return 1;
    }

    /** Order of two kept rows: by the keys, then scan order. */
    private int compare(int a, int b) {
      for (SortKey k : keys) {
        int c = k.compareKept(a, b);
        if (c != 0) {
          return c;
        }
      }
      return Long.compare(seqs[a], seqs[b]);
    }

    private void siftUp(int at) {
      int slot = heap[at];
      while (at > 0) {
        int parent = (at - 1) >>> 1;
        if (compare(heap[parent], slot) >= 0) {
          break;
        }
        heap[at] = heap[parent];
        at = parent;
      }
      heap[at] = slot;
    }

    private void siftDown(int at) {
      int slot = heap[at];
      while (true) {
        int child = 2 * at + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && compare(heap[child + 1], heap[child]) > 0) {
          child++;
        }
        if (compare(heap[child], slot) <= 0) {
          break;
        }
        heap[at] = heap[child];
        at = child;
      }
      heap[at] = slot;
    }

    /** The kept rows in sort order. */
    int[] sorted() {
      Integer[] slots = new Integer[size];
      for (int i = 0; i < size; i++) {
        slots[i] = heap[i];
      }
      Arrays.sort(slots, this::compare);
      int[] out = new int[size];
      for (int i = 0; i < size; i++) {
        out[i] = rows[slots[i]];
      }
      return out;
    }
  }
}
