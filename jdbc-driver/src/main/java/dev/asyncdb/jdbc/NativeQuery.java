package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.CollectionTable;
import dev.asyncdb.calcite.ScanCondition;
import dev.asyncdb.calcite.ScanSnapshot;
import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.calcite.columnar.DirectAggregate;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The driver's native path for the simplest statements: {@code SELECT} of aggregates — COUNT(*),
 * COUNT, SUM, MIN and MAX of columns, without GROUP BY — over one collection, filtered by an AND of
 * comparisons of columns with literals ({@code = <> < <= > >=}, {@code IS [NOT] NULL},
 * {@code IN (literals)}). Such a statement is parsed with Calcite's parser (cheap) and answered by
 * the columnar accumulators from the collection's committed version, without Calcite's validator,
 * planner or generated code — which a fresh JVM takes seconds to set up. Its values and result
 * metadata are Calcite's own (the differential test holds the two paths to that); every statement
 * whose shape or types are not certain, and every read inside a transaction that changed the
 * collection, goes to Calcite instead. Set {@code asyncdb.nativeQueries=false} (system property) to
 * send everything to Calcite.
 */
final class NativeQuery {
  /** The system property that turns the native path off (for comparing it with Calcite's answers). */
  static final String ENABLED_PROPERTY = "asyncdb.nativeQueries";

  /** The connection's parser settings (Driver.calciteProperties): a statement parses here as it would in Calcite. */
  private static final SqlParser.Config PARSER = SqlParser.config().withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false)
      .withConformance(org.apache.calcite.sql.validate.SqlConformanceEnum.LENIENT);

  /** One output column: its label and type, and the aggregate computing it. */
  private record Output(String label, SqlTypeName type, boolean nullable, DirectAggregate.Call call) {}

  private final ResourceSchema schema;
  private final List<ScanCondition> conditions;
  private final List<Output> outputs;

  private NativeQuery(ResourceSchema schema, List<ScanCondition> conditions, List<Output> outputs) {
    this.schema = schema;
    this.conditions = conditions;
    this.outputs = outputs;
  }

  static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY));
  }

  /** The native statement {@code sql} is, or null when Calcite must run it. */
  static NativeQuery recognise(String sql, AsyncDb db) {
    if (!enabled() || !mayBeNative(sql) || NOT_NATIVE.contains(sql)) {
      return null;
    }
    SqlNode node;
    try {
      PARSES.incrementAndGet();
      node = SqlParser.create(sql, PARSER).parseQuery();
    } catch (SqlParseException e) {
      NOT_NATIVE.add(sql);
      return null;
    }
    if (!(node instanceof SqlSelect select) || !nativeShape(select)) {
      NOT_NATIVE.add(sql);
      return null;
    }
    SqlIdentifier from = (SqlIdentifier) select.getFrom();
    ResourceSchema schema = table(db, from);
    if (schema == null || !schema.isCollection()) {
      return null;
    }
    List<SqlColumn> columns = CollectionTable.columnsOf(schema);
    List<Output> outputs = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (SqlNode item : select.getSelectList()) {
      Output out = output(item, outputs.size(), columns);
      if (out == null || !labels.add(out.label().toUpperCase(Locale.ROOT))) {
        return null;
      }
      outputs.add(out);
    }
    List<ScanCondition> conditions = new ArrayList<>();
    if (select.getWhere() != null && !conditions(select.getWhere(), columns, conditions)) {
      return null;
    }
    return new NativeQuery(schema, List.copyOf(conditions), List.copyOf(outputs));
  }

  /**
   * Words no native statement has (joins, grouping, sorting, set operations, windows); where one
   * appears, even inside a string, the statement goes to Calcite without being parsed here first.
   */
  private static final Pattern NEVER_NATIVE = Pattern.compile(
      "(?i)\\b(JOIN|GROUP|ORDER|HAVING|UNION|INTERSECT|EXCEPT|MINUS|LIMIT|FETCH|OFFSET|OVER|WINDOW|QUALIFY|DISTINCT|VALUES|LATERAL)\\b");

  /** A call of an aggregate the native path answers: every native statement has at least one. */
  private static final Pattern AGGREGATE_CALL = Pattern.compile("(?i)\\b(COUNT|SUM|MIN|MAX)\\s*\\(");

  /**
   * Whether a statement could take the native path: a SELECT with an aggregate call and without any
   * of {@link #NEVER_NATIVE}'s words. A cheap screen before Calcite's parser, which every other query
   * would otherwise go through twice (here and when it is planned or its plan looked up) — a point
   * lookup with a new literal each time (W2) would be parsed for nothing on every execution; a
   * false "no" only sends a statement the native path could answer to Calcite, which answers it the same.
   */
  static boolean mayBeNative(String sql) {
    return sql.stripLeading().regionMatches(true, 0, "select", 0, 6) && AGGREGATE_CALL.matcher(sql).find()
        && !NEVER_NATIVE.matcher(sql).find();
  }

  /**
   * Statements whose text alone rules the native path out (they do not parse, or their shape is
   * not a simple aggregate whatever the schema): a repeated one is not parsed again. Bounded, the
   * least recently added forgotten first.
   */
  private static final Set<String> NOT_NATIVE = java.util.Collections.newSetFromMap(java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > 1024;
        }
      }));

  /** Calcite parses made by {@link #recognise}, for tests. */
  static final AtomicLong PARSES = new AtomicLong();

  /**
   * Whether a parsed SELECT has the native shape as far as its text tells: one table in FROM, no
   * grouping, sorting, windows or hints, and items that are COUNT/SUM/MIN/MAX of a plain column
   * (or COUNT(*)), optionally named. Whether the columns exist and fit is the schema's question.
   */
  private static boolean nativeShape(SqlSelect select) {
    if (select.isDistinct() || select.getGroup() != null || select.getHaving() != null || select.getOrderList() != null
        || select.getFetch() != null || select.getOffset() != null || !select.getWindowList().isEmpty() || select.getQualify() != null
        || (select.getHints() != null && !select.getHints().isEmpty()) || !(select.getFrom() instanceof SqlIdentifier)) {
      return false;
    }
    for (SqlNode item : select.getSelectList()) {
      if (aggregate(item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item) == null) {
        return false;
      }
    }
    return true;
  }

  /** COUNT, SUM, MIN or MAX when {@code value} is that function of one plain identifier (or {@code *}), else null. */
  private static SqlKind aggregate(SqlNode value) {
    if (!(value instanceof SqlBasicCall call) || call.getFunctionQuantifier() != null || call.operandCount() != 1
        || !(call.operand(0) instanceof SqlIdentifier)) {
      return null;
    }
    return switch (call.getOperator().getName().toUpperCase(Locale.ROOT)) {
      case "COUNT" -> SqlKind.COUNT;
      case "SUM" -> SqlKind.SUM;
      case "MIN" -> SqlKind.MIN;
      case "MAX" -> SqlKind.MAX;
      default -> null;
    };
  }

  /** A select item that is an aggregate of a column (or COUNT(*)), optionally with an alias; else null. */
  private static Output output(SqlNode item, int ordinal, List<SqlColumn> columns) {
    String label = "EXPR$" + ordinal;
    if (item.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) item;
      if (as.operandCount() != 2 || !(as.operand(1) instanceof SqlIdentifier alias) || !alias.isSimple()
          || alias.getSimple().toUpperCase(Locale.ROOT).startsWith("EXPR$")) {
        return null;
      }
      label = alias.getSimple();
      item = as.operand(0);
    }
    SqlKind kind = aggregate(item);
    if (kind == null) {
      return null;
    }
    SqlIdentifier arg = (SqlIdentifier) ((SqlBasicCall) item).operand(0);
    if (arg.isStar()) {
      return kind == SqlKind.COUNT && arg.names.size() == 1 ? new Output(label, SqlTypeName.BIGINT, false, new DirectAggregate.Call(kind, -1)) : null;
    }
    int index = column(columns, arg);
    if (index < 0 || !DirectAggregate.supports(kind, columns.get(index))) {
      return null;
    }
    SqlColumn c = columns.get(index);
    return kind == SqlKind.COUNT ? new Output(label, SqlTypeName.BIGINT, false, new DirectAggregate.Call(kind, index))
        : new Output(label, c.type(), true, new DirectAggregate.Call(kind, index));
  }

  /** Adds the conditions of an AND of simple comparisons; false when some part is anything else. */
  private static boolean conditions(SqlNode node, List<SqlColumn> columns, List<ScanCondition> out) {
    if (!(node instanceof SqlBasicCall call)) {
      return false;
    }
    SqlKind kind = call.getKind();
    if (kind == SqlKind.AND) {
      for (SqlNode operand : call.getOperandList()) {
        if (!conditions(operand, columns, out)) {
          return false;
        }
      }
      return true;
    }
    if (kind == SqlKind.IS_NULL || kind == SqlKind.IS_NOT_NULL) {
      int index = call.operand(0) instanceof SqlIdentifier id ? column(columns, id) : -1;
      if (index < 0 || columns.get(index).wholeRecord()) {
        return false;
      }
      out.add(new ScanCondition(index, kind == SqlKind.IS_NULL ? ScanCondition.Op.IS_NULL : ScanCondition.Op.IS_NOT_NULL, null, null));
      return true;
    }
    if (kind == SqlKind.IN) {
      int index = call.operand(0) instanceof SqlIdentifier id ? column(columns, id) : -1;
      if (index < 0 || !(call.operand(1) instanceof SqlNodeList list) || list.isEmpty()) {
        return false;
      }
      List<Object> points = new ArrayList<>();
      for (SqlNode item : list) {
        Object v = value(item, columns.get(index));
        if (v == null) {
          return false;
        }
        points.add(v);
      }
      out.add(new ScanCondition(index, ScanCondition.Op.IN, null, List.copyOf(points)));
      return true;
    }
    ScanCondition.Op op = switch (kind) {
      case EQUALS -> ScanCondition.Op.EQUALS;
      case NOT_EQUALS -> ScanCondition.Op.NOT_EQUALS;
      case LESS_THAN -> ScanCondition.Op.LESS_THAN;
      case LESS_THAN_OR_EQUAL -> ScanCondition.Op.LESS_THAN_OR_EQUAL;
      case GREATER_THAN -> ScanCondition.Op.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL -> ScanCondition.Op.GREATER_THAN_OR_EQUAL;
      default -> null;
    };
    if (op == null || call.operandCount() != 2) {
      return false;
    }
    SqlNode left = call.operand(0);
    SqlNode right = call.operand(1);
    if (!(left instanceof SqlIdentifier) && right instanceof SqlIdentifier) {
      SqlNode t = left;
      left = right;
      right = t;
      op = switch (op) {
        case LESS_THAN -> ScanCondition.Op.GREATER_THAN;
        case LESS_THAN_OR_EQUAL -> ScanCondition.Op.GREATER_THAN_OR_EQUAL;
        case GREATER_THAN -> ScanCondition.Op.LESS_THAN;
        case GREATER_THAN_OR_EQUAL -> ScanCondition.Op.LESS_THAN_OR_EQUAL;
        default -> op;
      };
    }
    int index = left instanceof SqlIdentifier id ? column(columns, id) : -1;
    if (index < 0) {
      return false;
    }
    Object v = value(right, columns.get(index));
    if (v == null) {
      return false;
    }
    out.add(new ScanCondition(index, op, v, null));
    return true;
  }

  /**
   * A literal as the column's SQL value when comparing the two needs no conversion Calcite might
   * do differently: text with a text column, an integer with an integer column, a number with a
   * floating-point column, TRUE or FALSE with a boolean column. Null for anything else.
   */
  private static Object value(SqlNode node, SqlColumn column) {
    boolean negative = false;
    if (node.getKind() == SqlKind.MINUS_PREFIX && ((SqlCall) node).operand(0) instanceof SqlNumericLiteral inner) {
      negative = true;
      node = inner;
    }
    switch (column.type()) {
      case VARCHAR:
        return !negative && node instanceof SqlCharStringLiteral s && s.getTypeName() == SqlTypeName.CHAR ? s.getValueAs(String.class) : null;
      case BIGINT:
        if (node instanceof SqlNumericLiteral n && n.isExact() && n.isInteger()) {
          BigDecimal d = n.getValueAs(BigDecimal.class);
          d = negative ? d.negate() : d;
          try {
            return d.longValueExact();
          } catch (ArithmeticException tooLarge) {
            return null;
          }
        }
        return null;
      case DOUBLE:
        if (node instanceof SqlNumericLiteral n && n.getTypeName() != SqlTypeName.DOUBLE) {
          BigDecimal d = n.getValueAs(BigDecimal.class);
          return (negative ? d.negate() : d).doubleValue();
        }
        return null;
      case BOOLEAN:
        return !negative && node instanceof SqlLiteral l && l.getTypeName() == SqlTypeName.BOOLEAN && l.getValue() != null
            ? l.getValueAs(Boolean.class) : null;
      default:
        return null;
    }
  }

  /** The collection a FROM names ({@code name} or {@code db.name}, matched as Calcite matches: one table whatever the case), or null. */
  private static ResourceSchema table(AsyncDb db, SqlIdentifier from) {
    List<String> names = from.names;
    if (names.size() > 2 || names.size() == 2 && !names.get(0).equals(ProjectSchemas.DB)) {
      return null;
    }
    String name = names.get(names.size() - 1);
    String match = null;
    for (String r : db.resourceNames()) {
      if (r.equalsIgnoreCase(name)) {
        if (match != null) {
          return null;
        }
        match = r;
      }
    }
    return match == null ? null : db.schema(match);
  }

  /** The index of the one column an identifier names (whatever the case), or -1. */
  private static int column(List<SqlColumn> columns, SqlIdentifier id) {
    if (!id.isSimple()) {
      return -1;
    }
    int found = -1;
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(id.getSimple())) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    // The whole record as JSON text is read row by row, never by the columnar operators.
    return found >= 0 && columns.get(found).wholeRecord() ? -1 : found;
  }

  /**
   * Runs the statement on the connection's snapshot (the caller began the statement), or returns
   * null when the collection must be read through Calcite (see {@link ScanSnapshot#direct}).
   */
  ResultSet execute(SqlSession session, Statement statement) {
    ScanSnapshot snapshot = ScanSnapshot.direct(session, schema, conditions);
    if (snapshot == null) {
      return null;
    }
    List<DirectAggregate.Call> calls = new ArrayList<>(outputs.size());
    List<SqlColumn> columns = new ArrayList<>(outputs.size());
    for (Output o : outputs) {
      calls.add(o.call());
      columns.add(new SqlColumn(o.label(), o.type(), o.nullable(), null, false));
    }
    Object[] row = DirectAggregate.run(snapshot, calls);
    return RowsResultSet.of(columns, List.<Object[]>of(row), NativeMetaData.of(columns), statement);
  }

  /** What EXPLAIN and logs call this path. */
  String describe() {
    StringBuilder out = new StringBuilder("NativeAggregate(table=[").append(schema.name()).append("], aggregates=[");
    for (int i = 0; i < outputs.size(); i++) {
      DirectAggregate.Call c = outputs.get(i).call();
      out.append(i == 0 ? "" : ", ").append(c.kind()).append('(')
          .append(c.column() < 0 ? "*" : CollectionTable.columnsOf(schema).get(c.column()).name()).append(')');
    }
    out.append("], conditions=").append(conditions.size()).append(')');
    return out.toString();
  }
}
