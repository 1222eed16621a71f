package dev.asyncdb.calcite;

import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;
import org.apache.calcite.util.Sarg;
import com.google.common.collect.Range;

/**
 * The part of a query's filter a collection scan can answer itself: equality (or an IN list) on
 * the key becomes hash lookups, and comparisons and null tests on scalar columns become row
 * predicates evaluated on the columns. Conditions it takes are removed from Calcite's list;
 * everything else stays for Calcite to apply.
 */
final class ScanFilter {
  /** Keys to look up, or null for a scan. */
  final List<String> keys;
  /** The conditions the scan evaluates, and the same compiled for one row at a time. */
  final List<ScanCondition> conditions;
  final List<RowPredicate> predicates;
  /** A declared index that narrows the rows to read (when no key lookup applies), or null. */
  final IndexProbe probe;

  private ScanFilter(List<String> keys, List<ScanCondition> conditions, List<RowPredicate> predicates, IndexProbe probe) {
    this.keys = keys;
    this.conditions = List.copyOf(conditions);
    this.predicates = predicates;
    this.probe = keys == null ? probe : null;
  }

  /**
   * Rows of an indexed field to read instead of scanning: listed values, or a range (null bound =
   * open). The conditions stay among the predicates too, so the index only narrows.
   */
  record IndexProbe(String field, List<Object> points, Object low, boolean lowInclusive, Object high, boolean highInclusive) {
    static IndexProbe of(String field, List<Object> points) {
      return new IndexProbe(field, points, null, false, null, false);
    }

    static IndexProbe range(String field, SqlKind kind, Object value) {
      return switch (kind) {
        case LESS_THAN -> new IndexProbe(field, null, null, false, value, false);
        case LESS_THAN_OR_EQUAL -> new IndexProbe(field, null, null, false, value, true);
        case GREATER_THAN -> new IndexProbe(field, null, value, false, null, false);
        default -> new IndexProbe(field, null, value, true, null, false);
      };
    }

    /** This range narrowed by another on the same field (a BETWEEN written as two comparisons). */
    IndexProbe and(IndexProbe other) {
      if (points != null || other.points != null || !field.equals(other.field)) {
        return this;
      }
      return new IndexProbe(field, null, low != null ? low : other.low, low != null ? lowInclusive : other.lowInclusive,
          high != null ? high : other.high, high != null ? highInclusive : other.highInclusive);
    }

    String describe() {
      if (points != null) {
        return points.size() == 1 ? "index " + field + " =" : "index " + field + " IN (" + points.size() + " values)";
      }
      return "index " + field + " range";
    }
  }

  static ScanFilter analyze(CollectionTable table, RecordTable rows, List<RexNode> filters, DataContext root) {
    Analysis a = new Analysis(table, rows, root);
    for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
      RexNode f = it.next();
      if (f.getKind() == SqlKind.AND) {
        // A conjunction leaves the list only when the scan takes every part; otherwise Calcite
        // applies it again to the rows the parts the scan took let through.
        boolean all = true;
        for (RexNode part : ((RexCall) f).getOperands()) {
          all &= a.take(part);
        }
        if (all) {
          it.remove();
        }
      } else if (a.take(f)) {
        it.remove();
      }
    }
    List<RowPredicate> predicates = new ArrayList<>();
    for (ScanCondition condition : a.conditions) {
      predicates.add(predicate(table, rows, condition));
    }
    return new ScanFilter(a.keys, a.conditions, predicates, a.probe);
  }

  /** The conditions, key lookups and index probe taken from the filters so far. */
  private static final class Analysis {
    private final CollectionTable table;
    private final RecordTable rows;
    private final DataContext root;
    private final KeySpec keySpec;
    private List<String> keys;
    private final List<ScanCondition> conditions = new ArrayList<>();
    private IndexProbe probe;

    Analysis(CollectionTable table, RecordTable rows, DataContext root) {
      this.table = table;
      this.rows = rows;
      this.root = root;
      this.keySpec = rows.keySpec();
    }

    /** Takes one condition into the scan; false when the scan cannot evaluate it. */
    boolean take(RexNode f) {
      if (f instanceof RexInputRef ref && table.column(ref.getIndex()).type() == SqlTypeName.BOOLEAN) {
        // "flag = TRUE" reaches the scan as the column itself.
        conditions.add(ScanCondition.of(ref.getIndex(), ScanCondition.Op.EQUALS, true));
        return true;
      }
      if (f.getKind() == SqlKind.NOT && ((RexCall) f).getOperands().get(0) instanceof RexInputRef ref
          && table.column(ref.getIndex()).type() == SqlTypeName.BOOLEAN) {
        conditions.add(ScanCondition.of(ref.getIndex(), ScanCondition.Op.EQUALS, false));
        return true;
      }
      if (!(f instanceof RexCall call)) {
        return false;
      }
      SqlKind kind = call.getKind();
      if (kind == SqlKind.IS_NULL || kind == SqlKind.IS_NOT_NULL) {
        if (call.getOperands().get(0) instanceof RexInputRef ref && !table.column(ref.getIndex()).wholeRecord()) {
          conditions.add(ScanCondition.of(ref.getIndex(), kind == SqlKind.IS_NULL ? ScanCondition.Op.IS_NULL : ScanCondition.Op.IS_NOT_NULL, null));
          return true;
        }
        return false;
      }
      if (kind == SqlKind.SEARCH) {
        return takeSearch(call);
      }
      if (kind == SqlKind.OR) {
        return takeOr(call);
      }
      if (!isComparison(kind) || call.getOperands().size() != 2) {
        return false;
      }
      RexNode left = call.getOperands().get(0);
      RexNode right = call.getOperands().get(1);
      if (!(left instanceof RexInputRef) && right instanceof RexInputRef) {
        RexNode t = left;
        left = right;
        right = t;
        kind = kind.reverse();
      }
      if (!(left instanceof RexInputRef ref)) {
        return false;
      }
      SqlColumn sc = table.column(ref.getIndex());
      if (!pushable(sc)) {
        return false;
      }
      Object value = value(right, sc, root);
      if (value == NOT_CONSTANT) {
        return false;
      }
      if (value == null) {
        conditions.add(ScanCondition.of(ref.getIndex(), ScanCondition.Op.NEVER, null));
        return true;
      }
      if (kind == SqlKind.EQUALS && isKey(sc, keySpec) && keys == null) {
        keys = List.of(KeySpec.scalarKey(value));
        return true;
      }
      Column c = rows.column(sc.name());
      conditions.add(ScanCondition.of(ref.getIndex(), ScanCondition.Op.valueOf(kind.name()), value));
      if (kind != SqlKind.NOT_EQUALS && table.indexable(sc, c)) {
        IndexProbe p = kind == SqlKind.EQUALS ? IndexProbe.of(sc.name(), List.of(value)) : IndexProbe.range(sc.name(), kind, value);
        // Equality narrows best; two bounds on one field make one range.
        probe = probe == null || (p.points() != null && probe.points() == null) ? p : probe.and(p);
      }
      return true;
    }

    /**
     * An OR of equalities of one column with constants: an IN list whose members are parameters
     * (the plan cache turns {@code IN ('a', 'b')} into {@code IN (?, ?)}, which Calcite plans as ORs).
     */
    private boolean takeOr(RexCall call) {
      int column = -1;
      List<Object> points = new ArrayList<>();
      for (RexNode part : call.getOperands()) {
        if (part.getKind() != SqlKind.EQUALS) {
          return false;
        }
        List<RexNode> sides = ((RexCall) part).getOperands();
        int refAt = sides.get(0) instanceof RexInputRef ? 0 : sides.get(1) instanceof RexInputRef ? 1 : -1;
        if (refAt < 0) {
          return false;
        }
        int index = ((RexInputRef) sides.get(refAt)).getIndex();
        if (column >= 0 && index != column) {
          return false;
        }
        column = index;
        SqlColumn sc = table.column(index);
        if (!pushable(sc)) {
          return false;
        }
        Object value = value(sides.get(1 - refAt), sc, root);
        if (value == NOT_CONSTANT) {
          return false;
        }
        if (value != null) {
          points.add(value);
        }
      }
      SqlColumn sc = table.column(column);
      if (points.isEmpty()) {
        conditions.add(ScanCondition.of(column, ScanCondition.Op.NEVER, null));
      } else if (isKey(sc, keySpec) && keys == null) {
        keys = new ArrayList<>();
        for (Object p : points) {
          keys.add(KeySpec.scalarKey(p));
        }
      } else {
        Column c = rows.column(sc.name());
        if (table.indexable(sc, c) && (probe == null || probe.points() == null)) {
          probe = IndexProbe.of(sc.name(), points);
        }
        conditions.add(ScanCondition.in(column, points));
      }
      return true;
    }

    /** A SEARCH: a range (BETWEEN, a pair of comparisons) or a list of values (IN). */
    private boolean takeSearch(RexCall call) {
      List<Object> holes = new ArrayList<>();
      IndexProbe range = rangeOf(call, table, holes);
      if (range != null) {
        int index = ((RexInputRef) call.getOperands().get(0)).getIndex();
        SqlColumn sc = table.column(index);
        Column c = rows.column(sc.name());
        if (range.low() != null) {
          conditions.add(ScanCondition.of(index, range.lowInclusive() ? ScanCondition.Op.GREATER_THAN_OR_EQUAL : ScanCondition.Op.GREATER_THAN, range.low()));
        }
        if (range.high() != null) {
          conditions.add(ScanCondition.of(index, range.highInclusive() ? ScanCondition.Op.LESS_THAN_OR_EQUAL : ScanCondition.Op.LESS_THAN, range.high()));
        }
        for (Object hole : holes) {
          conditions.add(ScanCondition.of(index, ScanCondition.Op.NOT_EQUALS, hole));
        }
        if (table.indexable(sc, c) && (range.low() != null || range.high() != null)) {
          probe = probe == null ? range : probe;
        }
        return true;
      }
      List<Object> points = points(call, table, root);
      if (points == null) {
        return false;
      }
      RexInputRef ref = (RexInputRef) call.getOperands().get(0);
      SqlColumn sc = table.column(ref.getIndex());
      if (isKey(sc, keySpec) && keys == null) {
        keys = new ArrayList<>();
        for (Object p : points) {
          keys.add(KeySpec.scalarKey(p));
        }
      } else {
        Column c = rows.column(sc.name());
        if (table.indexable(sc, c) && (probe == null || probe.points() == null)) {
          probe = IndexProbe.of(sc.name(), points);
        }
        conditions.add(ScanCondition.in(ref.getIndex(), points));
      }
      return true;
    }
  }

  /**
   * The span of a SEARCH over one column whose Sarg is a range with literal bounds (BETWEEN, a pair
   * of comparisons) or several ranges that only leave out single values ({@code x > 1 AND x < 9
   * AND x <> 5}), adding those values to {@code holes}; else null.
   */
  private static IndexProbe rangeOf(RexCall call, CollectionTable table, List<Object> holes) {
    if (!(call.getOperands().get(0) instanceof RexInputRef ref) || !(call.getOperands().get(1) instanceof RexLiteral lit)) {
      return null;
    }
    SqlColumn sc = table.column(ref.getIndex());
    if (!pushable(sc)) {
      return null;
    }
    Sarg<?> sarg = lit.getValueAs(Sarg.class);
    if (sarg == null || sarg.isPoints() || sarg.rangeSet.isEmpty() || sarg.nullAs != org.apache.calcite.rex.RexUnknownAs.UNKNOWN) {
      return null;
    }
    List<? extends Range<?>> ranges = new ArrayList<>(sarg.rangeSet.asRanges());
    for (int i = 0; i + 1 < ranges.size(); i++) {
      Range<?> a = ranges.get(i);
      Range<?> b = ranges.get(i + 1);
      // Between two ranges only one value may be missing: (..v) then (v..).
      if (!a.hasUpperBound() || !b.hasLowerBound() || a.upperBoundType() != com.google.common.collect.BoundType.OPEN
          || b.lowerBoundType() != com.google.common.collect.BoundType.OPEN || !a.upperEndpoint().equals(b.lowerEndpoint())) {
        return null;
      }
      Object hole = normalize(a.upperEndpoint(), sc);
      if (hole == NOT_CONSTANT || hole == null) {
        return null;
      }
      holes.add(hole);
    }
    Range<?> first = ranges.get(0);
    Range<?> last = ranges.get(ranges.size() - 1);
    Object low = first.hasLowerBound() ? normalize(first.lowerEndpoint(), sc) : null;
    Object high = last.hasUpperBound() ? normalize(last.upperEndpoint(), sc) : null;
    if (low == NOT_CONSTANT || high == NOT_CONSTANT || (low == null && high == null && holes.isEmpty())) {
      return null;
    }
    return new IndexProbe(sc.name(), null, low, first.hasLowerBound() && first.lowerBoundType() == com.google.common.collect.BoundType.CLOSED,
        high, last.hasUpperBound() && last.upperBoundType() == com.google.common.collect.BoundType.CLOSED);
  }

  private static boolean isKey(SqlColumn sc, KeySpec keySpec) {
    return !keySpec.isCompound() && keySpec.fields().get(0).equals(sc.name());
  }

  /** The row form of a condition: dictionary codes and numeric vectors compared in place, other columns by their SQL values. */
  private static RowPredicate predicate(CollectionTable table, RecordTable rows, ScanCondition condition) {
    SqlColumn sc = table.column(condition.column());
    Column c = rows.column(sc.name());
    ScanCondition.Op op = condition.op();
    Object value = condition.value();
    if (op == ScanCondition.Op.NEVER) {
      return row -> false;
    }
    if (!condition.isComparison()) {
      return row -> condition.test(sc.read(c, row));
    }
    if (c == null) {
      return row -> false;
    }
    if (op == ScanCondition.Op.EQUALS && value instanceof String s && c.isDictionaryEncoded()) {
      int code = c.dictionaryLookup(s);
      return code < 0 ? row -> false : row -> c.dictionaryCode(row) == code;
    }
    if (op == ScanCondition.Op.NOT_EQUALS && value instanceof String s && c.isDictionaryEncoded()) {
      int code = c.dictionaryLookup(s);
      return row -> {
        int rc = c.dictionaryCode(row);
        return rc >= 0 && rc != code;
      };
    }
    if (value instanceof Number n && numericVector(sc, c.kind())) {
      double d = n.doubleValue();
      return switch (op) {
        case EQUALS -> row -> !c.isNull(row) && c.getDouble(row) == d;
        case NOT_EQUALS -> row -> !c.isNull(row) && c.getDouble(row) != d;
        case LESS_THAN -> row -> !c.isNull(row) && c.getDouble(row) < d;
        case LESS_THAN_OR_EQUAL -> row -> !c.isNull(row) && c.getDouble(row) <= d;
        case GREATER_THAN -> row -> !c.isNull(row) && c.getDouble(row) > d;
        default -> row -> !c.isNull(row) && c.getDouble(row) >= d;
      };
    }
    return row -> condition.test(sc.read(c, row));
  }

  /**
   * Whether a numeric column's stored vector holds its SQL values, so comparisons with a number
   * read it as doubles (a BIGINT column stored as integers, a DOUBLE column as integers or doubles).
   */
  static boolean numericVector(SqlColumn sc, Column.Kind kind) {
    return sc.type() == SqlTypeName.BIGINT ? kind == Column.Kind.LONG
        : sc.type() == SqlTypeName.DOUBLE && (kind == Column.Kind.LONG || kind == Column.Kind.DOUBLE);
  }

  private static boolean isComparison(SqlKind kind) {
    return kind == SqlKind.EQUALS || kind == SqlKind.NOT_EQUALS || kind == SqlKind.LESS_THAN
        || kind == SqlKind.LESS_THAN_OR_EQUAL || kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL;
  }

  /** Scalar columns whose converted values compare like their SQL values. */
  private static boolean pushable(SqlColumn sc) {
    return !sc.wholeRecord() && (sc.type() == SqlTypeName.VARCHAR || sc.type() == SqlTypeName.BIGINT
        || sc.type() == SqlTypeName.DOUBLE || sc.type() == SqlTypeName.BOOLEAN
        || sc.type() == SqlTypeName.TIMESTAMP || sc.type() == SqlTypeName.DATE);
  }

  private static final Object NOT_CONSTANT = new Object();

  /** The Java value of a literal or bound parameter, typed for the column; NOT_CONSTANT otherwise. */
  private static Object value(RexNode node, SqlColumn sc, DataContext root) {
    Object raw;
    if (node instanceof RexLiteral lit) {
      if (lit.isNull()) {
        return null;
      }
      raw = switch (sc.type()) {
        case VARCHAR -> lit.getValueAs(String.class);
        case BOOLEAN -> lit.getValueAs(Boolean.class);
        case TIMESTAMP -> lit.getTypeName() == SqlTypeName.TIMESTAMP ? lit.getValueAs(Long.class) : NOT_CONSTANT;
        case DATE -> lit.getTypeName() == SqlTypeName.DATE ? lit.getValueAs(Integer.class) : NOT_CONSTANT;
        default -> lit.getValueAs(BigDecimal.class);
      };
    } else if (node instanceof RexDynamicParam param) {
      raw = root.get("?" + param.getIndex());
      if (raw == null) {
        return null;
      }
    } else {
      return NOT_CONSTANT;
    }
    return normalize(raw, sc);
  }

  private static Object normalize(Object raw, SqlColumn sc) {
    if (raw instanceof NlsString nls) {
      raw = nls.getValue();
    }
    switch (sc.type()) {
      case VARCHAR:
        return raw instanceof String ? raw : NOT_CONSTANT;
      case BOOLEAN:
        return raw instanceof Boolean ? raw : NOT_CONSTANT;
      case TIMESTAMP:
        if (raw instanceof TimestampString ts) {
          return ts.getMillisSinceEpoch();
        }
        return raw instanceof java.sql.Timestamp t ? (Object) t.getTime() : raw instanceof Long ? raw : NOT_CONSTANT;
      case DATE:
        if (raw instanceof DateString ds) {
          // The bounds of a range over dates (a Sarg) come as date strings.
          return ds.getDaysSinceEpoch();
        }
        return raw instanceof java.sql.Date d ? (Object) (int) d.toLocalDate().toEpochDay() : raw instanceof Integer ? raw : NOT_CONSTANT;
      default:
        if (raw instanceof BigDecimal d) {
          return d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
              ? (Object) d.longValueExact() : (Object) d.doubleValue();
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
          return ((Number) raw).longValue();
        }
        return raw instanceof Number n ? (Object) n.doubleValue() : NOT_CONSTANT;
    }
  }

  /** The points of a SEARCH over a column when its Sarg is a plain set of values, else null. */
  private static List<Object> points(RexCall call, CollectionTable table, DataContext root) {
    if (!(call.getOperands().get(0) instanceof RexInputRef ref) || !(call.getOperands().get(1) instanceof RexLiteral lit)) {
      return null;
    }
    SqlColumn sc = table.column(ref.getIndex());
    if (!pushable(sc)) {
      return null;
    }
    Sarg<?> sarg = lit.getValueAs(Sarg.class);
    if (sarg == null || !sarg.isPoints() || sarg.nullAs != org.apache.calcite.rex.RexUnknownAs.UNKNOWN) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (Range<?> r : sarg.rangeSet.asRanges()) {
      Object v = normalize(r.lowerEndpoint(), sc);
      if (v == NOT_CONSTANT || v == null) {
        return null;
      }
      out.add(v);
    }
    return out;
  }
}
