package dev.asyncdb.calcite;

import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
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
  final List<RowPredicate> predicates;
  /** A declared index that narrows the rows to read (when no key lookup applies), or null. */
  final IndexProbe probe;

  private ScanFilter(List<String> keys, List<RowPredicate> predicates, IndexProbe probe) {
    this.keys = keys;
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
    KeySpec keySpec = rows.keySpec();
    // Conditions with bound parameters arrive as one AND tree (literals are folded into SEARCH ranges
    // instead): the scan takes its conjuncts one by one. Calcite lets a table only remove filters from
    // the list, so an AND leaves it when all its conjuncts were taken, and otherwise stays for Calcite
    // to apply whole (on the rows the taken conjuncts let through).
    List<RexNode> work = new ArrayList<>();
    for (RexNode f : filters) {
      work.addAll(RelOptUtil.conjunctions(f));
    }
    try {
      return analyze(table, rows, work, root, keySpec);
    } finally {
      java.util.Set<RexNode> left = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      left.addAll(work);
      filters.removeIf(f -> RelOptUtil.conjunctions(f).stream().noneMatch(left::contains));
    }
  }

  private static ScanFilter analyze(CollectionTable table, RecordTable rows, List<RexNode> filters, DataContext root, KeySpec keySpec) {
    List<String> keys = null;
    List<RowPredicate> predicates = new ArrayList<>();
    IndexProbe probe = null;
    for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
      RexNode f = it.next();
      if (!(f instanceof RexCall call)) {
        continue;
      }
      SqlKind kind = call.getKind();
      if (kind == SqlKind.IS_NULL || kind == SqlKind.IS_NOT_NULL) {
        if (call.getOperands().get(0) instanceof RexInputRef ref && !table.column(ref.getIndex()).wholeRecord()) {
          SqlColumn sc = table.column(ref.getIndex());
          Column c = rows.column(sc.name());
          boolean wantNull = kind == SqlKind.IS_NULL;
          predicates.add(row -> (sc.read(c, row) == null) == wantNull);
          it.remove();
        }
        continue;
      }
      if (kind == SqlKind.SEARCH) {
        IndexProbe range = rangeOf(call, table, rows);
        if (range != null) {
          SqlColumn sc = table.column(((RexInputRef) call.getOperands().get(0)).getIndex());
          Column c = rows.column(sc.name());
          if (range.low() != null) {
            predicates.add(predicate(sc, c, range.lowInclusive() ? SqlKind.GREATER_THAN_OR_EQUAL : SqlKind.GREATER_THAN, range.low()));
          }
          if (range.high() != null) {
            predicates.add(predicate(sc, c, range.highInclusive() ? SqlKind.LESS_THAN_OR_EQUAL : SqlKind.LESS_THAN, range.high()));
          }
          if (table.indexable(sc, c)) {
            probe = probe == null ? range : probe;
          }
          it.remove();
          continue;
        }
        List<Object> points = points(call, table, root);
        if (points != null) {
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
            predicates.add(row -> {
              Object v = sc.read(c, row);
              if (v == null) {
                return false;
              }
              for (Object p : points) {
                if (compare(v, p) == 0) {
                  return true;
                }
              }
              return false;
            });
          }
          it.remove();
        }
        continue;
      }
      if (!isComparison(kind) || call.getOperands().size() != 2) {
        continue;
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
        continue;
      }
      SqlColumn sc = table.column(ref.getIndex());
      if (!pushable(sc)) {
        continue;
      }
      Object value = value(right, sc, root);
      if (value == NOT_CONSTANT) {
        continue;
      }
      it.remove();
      if (value == null) {
        predicates.add(row -> false);
        continue;
      }
      if (kind == SqlKind.EQUALS && isKey(sc, keySpec) && keys == null) {
        keys = List.of(KeySpec.scalarKey(value));
        continue;
      }
      Column c = rows.column(sc.name());
      predicates.add(predicate(sc, c, kind, value));
      if (kind != SqlKind.NOT_EQUALS && table.indexable(sc, c)) {
        IndexProbe p = kind == SqlKind.EQUALS ? IndexProbe.of(sc.name(), List.of(value)) : IndexProbe.range(sc.name(), kind, value);
        // Equality narrows best; two bounds on one field make one range.
        probe = probe == null || (p.points() != null && probe.points() == null) ? p : probe.and(p);
      }
    }
    return new ScanFilter(keys, predicates, probe);
  }

  /** A SEARCH over one column whose Sarg is a single non-point range with literal bounds (BETWEEN, or a pair of comparisons), else null. */
  private static IndexProbe rangeOf(RexCall call, CollectionTable table, RecordTable rows) {
    if (!(call.getOperands().get(0) instanceof RexInputRef ref) || !(call.getOperands().get(1) instanceof RexLiteral lit)) {
      return null;
    }
    SqlColumn sc = table.column(ref.getIndex());
    if (!pushable(sc)) {
      return null;
    }
    Sarg<?> sarg = lit.getValueAs(Sarg.class);
    if (sarg == null || sarg.isPoints() || sarg.rangeSet.asRanges().size() != 1 || sarg.nullAs != org.apache.calcite.rex.RexUnknownAs.UNKNOWN) {
      return null;
    }
    Range<?> r = sarg.rangeSet.asRanges().iterator().next();
    Object low = r.hasLowerBound() ? normalize(r.lowerEndpoint(), sc) : null;
    Object high = r.hasUpperBound() ? normalize(r.upperEndpoint(), sc) : null;
    if (low == NOT_CONSTANT || high == NOT_CONSTANT || (low == null && high == null)) {
      return null;
    }
    return new IndexProbe(sc.name(), null, low, r.hasLowerBound() && r.lowerBoundType() == com.google.common.collect.BoundType.CLOSED,
        high, r.hasUpperBound() && r.upperBoundType() == com.google.common.collect.BoundType.CLOSED);
  }

  private static boolean isKey(SqlColumn sc, KeySpec keySpec) {
    return !keySpec.isCompound() && keySpec.fields().get(0).equals(sc.name());
  }

  private static RowPredicate predicate(SqlColumn sc, Column c, SqlKind kind, Object value) {
    if (c == null) {
      return row -> false;
    }
    if (kind == SqlKind.EQUALS && value instanceof String s && c.isDictionaryEncoded()) {
      int code = c.dictionaryLookup(s);
      return code < 0 ? row -> false : row -> c.dictionaryCode(row) == code;
    }
    if (kind == SqlKind.NOT_EQUALS && value instanceof String s && c.isDictionaryEncoded()) {
      int code = c.dictionaryLookup(s);
      return row -> {
        int rc = c.dictionaryCode(row);
        return rc >= 0 && rc != code;
      };
    }
    boolean numericVector = sc.type() == SqlTypeName.BIGINT ? c.kind() == Column.Kind.LONG
        : sc.type() == SqlTypeName.DOUBLE && (c.kind() == Column.Kind.LONG || c.kind() == Column.Kind.DOUBLE);
    if (value instanceof Number n && numericVector) {
      double d = n.doubleValue();
      return switch (kind) {
        case EQUALS -> row -> !c.isNull(row) && c.getDouble(row) == d;
        case NOT_EQUALS -> row -> !c.isNull(row) && c.getDouble(row) != d;
        case LESS_THAN -> row -> !c.isNull(row) && c.getDouble(row) < d;
        case LESS_THAN_OR_EQUAL -> row -> !c.isNull(row) && c.getDouble(row) <= d;
        case GREATER_THAN -> row -> !c.isNull(row) && c.getDouble(row) > d;
        default -> row -> !c.isNull(row) && c.getDouble(row) >= d;
      };
    }
    return row -> {
      Object v = sc.read(c, row);
      if (v == null) {
        return false;
      }
      int cmp = compare(v, value);
      return switch (kind) {
        case EQUALS -> cmp == 0;
        case NOT_EQUALS -> cmp != 0;
        case LESS_THAN -> cmp < 0;
        case LESS_THAN_OR_EQUAL -> cmp <= 0;
        case GREATER_THAN -> cmp > 0;
        default -> cmp >= 0;
      };
    };
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if ((x instanceof Long || x instanceof Integer) && (y instanceof Long || y instanceof Integer)) {
        return Long.compare(x.longValue(), y.longValue());
      }
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof String s && b instanceof String t) {
      return s.compareTo(t);
    }
    if (a instanceof Boolean s && b instanceof Boolean t) {
      return Boolean.compare(s, t);
    }
    return a.toString().compareTo(b.toString());
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
    } else if (raw instanceof org.apache.calcite.util.TimestampString ts) {
      raw = ts.getMillisSinceEpoch(); // a BETWEEN over timestamps arrives as a Sarg of these
    } else if (raw instanceof org.apache.calcite.util.DateString ds) {
      raw = ds.getDaysSinceEpoch();
    }
    switch (sc.type()) {
      case VARCHAR:
        return raw instanceof String ? raw : NOT_CONSTANT;
      case BOOLEAN:
        return raw instanceof Boolean ? raw : NOT_CONSTANT;
      case TIMESTAMP:
        return raw instanceof java.sql.Timestamp t ? (Object) t.getTime() : raw instanceof Long ? raw : NOT_CONSTANT;
      case DATE:
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
