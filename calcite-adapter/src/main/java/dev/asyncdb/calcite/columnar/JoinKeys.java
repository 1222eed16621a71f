package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.ColumnView;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Join key columns read as long codes, for one execution: columns that an equality joins share a
 * code space, in which two rows' codes are equal exactly when Calcite's hash join would match their
 * SQL values (Java {@code equals} of the values). Integers stored as longs are their own codes;
 * strings of up to 7 UTF-8 bytes are their bytes packed in a long ({@link ColumnView#shortString}),
 * longer ones get negative codes from ids in {@link StringIds}, compared by their bytes; any other
 * value gets a dense id from a map shared by the columns of its class. NULL has no code: it matches
 * nothing.
 */
final class JoinKeys {
  private final JoinGraph graph;
  private final Columns[] columns;
  private final Map<JoinGraph.Ref, Reader> readers = new HashMap<>();
  private final Map<JoinGraph.Ref, JoinGraph.Ref> parent = new HashMap<>();
  private final Map<JoinGraph.Ref, Map<Object, Integer>> idsOfClass = new HashMap<>();
  private final Map<JoinGraph.Ref, Boolean> longsOfClass = new HashMap<>();
  private final Map<JoinGraph.Ref, Boolean> stringsOfClass = new HashMap<>();
  private final Map<JoinGraph.Ref, StringIds> stringIdsOfClass = new HashMap<>();

  JoinKeys(JoinGraph graph, Columns[] columns) {
    this.graph = graph;
    this.columns = columns;
    for (JoinGraph.Edge e : graph.edges) {
      JoinGraph.Ref x = root(e.a());
      JoinGraph.Ref y = root(e.b());
      if (!x.equals(y)) {
        parent.put(x, y);
      }
    }
    // A class reads longs only when every column of it is stored as longs (or not at all).
    for (JoinGraph.Edge e : graph.edges) {
      for (JoinGraph.Ref r : List.of(e.a(), e.b())) {
        longsOfClass.merge(root(r), storedAsLongs(r), Boolean::logicalAnd);
        stringsOfClass.merge(root(r), storedAsStrings(r), Boolean::logicalAnd);
      }
    }
  }

  private boolean storedAsLongs(JoinGraph.Ref r) {
    ColumnView view = columns[r.leaf()].view(r.column());
    return graph.sql(r).type() == org.apache.calcite.sql.type.SqlTypeName.BIGINT
        && (view == null || view.kind() == Column.Kind.LONG || view.kind() == Column.Kind.NULL);
  }

  private boolean storedAsStrings(JoinGraph.Ref r) {
    ColumnView view = columns[r.leaf()].view(r.column());
    return graph.sql(r).type() == org.apache.calcite.sql.type.SqlTypeName.VARCHAR && (view == null || view.kind() == Column.Kind.STRING);
  }

  private JoinGraph.Ref root(JoinGraph.Ref r) {
    JoinGraph.Ref p;
    while ((p = parent.get(r)) != null) {
      r = p;
    }
    return r;
  }

  /** Whether a join column's codes are its stored integers (so a {@link dev.asyncdb.engine.table.LongKeyIndex} of it finds them). */
  boolean readsLongs(JoinGraph.Ref ref) {
    return columns[ref.leaf()].view(ref.column()) != null && Boolean.TRUE.equals(longsOfClass.get(root(ref)));
  }

  /** The reader of a join column. */
  Reader reader(JoinGraph.Ref ref) {
    return readers.computeIfAbsent(ref, r -> newReader(r, columns[r.leaf()], true));
  }

  /**
   * A new reader of a join column for one probing thread once every build side is built: it never
   * numbers a value the build sides did not (such a value matches nothing, so it reads as NULL), so
   * several threads can probe at once while the shared numbering is only read.
   */
  Reader probeReader(JoinGraph.Ref ref) {
    return newReader(ref, columns[ref.leaf()], false);
  }

  /** A {@link #probeReader} over other views of the column's leaf, for a second scanning thread. */
  Reader probeReader(JoinGraph.Ref ref, Columns over) {
    return newReader(ref, over, false);
  }

  private Reader newReader(JoinGraph.Ref r, Columns over, boolean adding) {
    ColumnView view = over.view(r.column());
    JoinGraph.Ref cls = root(r);
    if (view == null) {
      return new Absent();
    }
    if (Boolean.TRUE.equals(longsOfClass.get(cls))) {
      return new Longs(view);
    }
    if (Boolean.TRUE.equals(stringsOfClass.get(cls))) {
      StringIds ids = adding ? stringIdsOfClass.computeIfAbsent(cls, c -> new StringIds()) : stringIdsOfClass.getOrDefault(cls, new StringIds());
      return view.isDictionaryEncoded() ? new ByCode(view, value -> stringCode(value, ids, adding)) : new PackedStrings(view, ids, adding);
    }
    Map<Object, Integer> ids = adding ? idsOfClass.computeIfAbsent(cls, c -> new HashMap<>()) : idsOfClass.getOrDefault(cls, Map.of());
    SqlColumn sc = graph.sql(r);
    return view.isDictionaryEncoded() ? new ByCode(view, value -> {
      Object v = sc.convert(value);
      return v == null ? NULL : valueCode(ids, v, adding);
    }) : new ByValue(view, sc, ids, adding);
  }

  /** The number of a value in its class's map; without {@code adding}, {@link #NULL} for a value it lacks. */
  private static long valueCode(Map<Object, Integer> ids, Object v, boolean adding) {
    if (adding) {
      return ids.computeIfAbsent(v, k -> ids.size());
    }
    Integer id = ids.get(v);
    return id == null ? NULL : id;
  }

  /** What a dictionary string's code function returns for a NULL SQL value. */
  private static final long NULL = Long.MIN_VALUE;

  /**
   * The code of a string in a class of strings: packed when short, else an id below every packed
   * code; without {@code adding}, {@link #NULL} for a long string the class has not numbered.
   */
  private static long stringCode(String value, StringIds ids, boolean adding) {
    long bits = ColumnView.shortString(value);
    if (bits >= 0) {
      return bits;
    }
    int id = adding ? ids.idOf(value) : ids.find(value);
    return id < 0 ? NULL : Long.MIN_VALUE + 1 + id;
  }

  /** Codes of a column for rows of its leaf. */
  abstract static class Reader {
    /**
     * Writes the codes of {@code rows[0..n)} ({@code n} at most {@link Batch#SIZE}) to {@code out};
     * returns whether any is NULL, and only then are {@code nulls} written.
     */
    abstract boolean codes(int[] rows, int n, long[] out, boolean[] nulls);

    /**
     * Keeps the rows of {@code rows[0..n)} whose code is in {@code partners} (NULL never is),
     * compacted in place, in order; returns how many. {@code codes} and {@code nulls} are scratch.
     */
    int keep(KeySet partners, int[] rows, int n, long[] codes, boolean[] nulls) {
      if (!codes(rows, n, codes, nulls)) {
        return partners.keep(codes, rows, n, rows);
      }
      int kept = 0;
      for (int i = 0; i < n; i++) {
        if (!nulls[i] && partners.contains(codes[i])) {
          rows[kept++] = rows[i];
        }
      }
      return kept;
    }
  }

  private static final class Absent extends Reader {
    @Override
    boolean codes(int[] rows, int n, long[] out, boolean[] nulls) {
      Arrays.fill(nulls, 0, n, true);
      return n > 0;
    }
  }

  private static final class Longs extends Reader {
    private final ColumnView view;

    Longs(ColumnView view) {
      this.view = view;
    }

    @Override
    boolean codes(int[] rows, int n, long[] out, boolean[] nulls) {
      return view.longs(rows, n, out, nulls);
    }

    @Override
    int keep(KeySet partners, int[] rows, int n, long[] codes, boolean[] nulls) {
      // Integers are their own codes: checked where they are stored, not copied out first.
      return partners.isBits() ? view.keepLongsInBits(rows, n, partners.min(), partners.bits()) : super.keep(partners, rows, n, codes, nulls);
    }
  }

  /** Dictionary-coded strings: each code's code is looked up once. */
  private static final class ByCode extends Reader {
    private final ColumnView view;
    /** The code of a dictionary string, {@link #NULL} when its SQL value is NULL. */
    private final java.util.function.ToLongFunction<String> codeOf;
    private final long[] codeOfCode;
    private final boolean[] known;
    private final int[] codes = new int[Batch.SIZE];

    ByCode(ColumnView view, java.util.function.ToLongFunction<String> codeOf) {
      this.view = view;
      this.codeOf = codeOf;
      this.codeOfCode = new long[view.dictionarySize()];
      this.known = new boolean[view.dictionarySize()];
    }

    @Override
    boolean codes(int[] rows, int n, long[] out, boolean[] nulls) {
      view.codes(rows, n, codes);
      boolean any = false;
      for (int i = 0; i < n; i++) {
        int code = codes[i];
        long c = NULL;
        if (code >= 0) {
          if (!known[code]) {
            codeOfCode[code] = codeOf.applyAsLong(view.dictionaryValue(code));
            known[code] = true;
          }
          c = codeOfCode[code];
        }
        out[i] = c;
        nulls[i] = c == NULL;
        any |= c == NULL;
      }
      return any;
    }
  }

  /** Packed strings: short ones packed, longer ones numbered, both from their bytes. */
  private static final class PackedStrings extends Reader {
    private final ColumnView view;
    private final StringIds ids;
    private final boolean adding;

    PackedStrings(ColumnView view, StringIds ids, boolean adding) {
      this.view = view;
      this.ids = ids;
      this.adding = adding;
    }

    @Override
    boolean codes(int[] rows, int n, long[] out, boolean[] nulls) {
      boolean any = view.shortStrings(rows, n, out, nulls);
      for (int i = 0; i < n; i++) {
        if (any && nulls[i]) {
          out[i] = 0;
        } else if (out[i] < 0) {
          int id = adding ? ids.idOf(view, rows[i]) : ids.find(view, rows[i]);
          if (id < 0) {
            // unknown to every build side: matches nothing, like NULL
            if (!any) {
              java.util.Arrays.fill(nulls, 0, n, false);
              any = true;
            }
            nulls[i] = true;
            out[i] = 0;
          } else {
            out[i] = Long.MIN_VALUE + 1 + id;
          }
        }
      }
      return any;
    }
  }

  /** Any other column: each row's SQL value looked up in the class's map. */
  private static final class ByValue extends Reader {
    private final ColumnView view;
    private final SqlColumn sc;
    private final Map<Object, Integer> ids;
    private final boolean adding;

    ByValue(ColumnView view, SqlColumn sc, Map<Object, Integer> ids, boolean adding) {
      this.view = view;
      this.sc = sc;
      this.ids = ids;
      this.adding = adding;
    }

    @Override
    boolean codes(int[] rows, int n, long[] out, boolean[] nulls) {
      boolean any = false;
      for (int i = 0; i < n; i++) {
        Object v = sc.convert(view.get(rows[i]));
        long code = v == null ? NULL : valueCode(ids, v, adding);
        boolean isNull = code == NULL;
        out[i] = isNull ? 0 : code;
        nulls[i] = isNull;
        any |= isNull;
      }
      return any;
    }
  }
}
