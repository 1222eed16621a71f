package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.CollectionTable;
import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.calcite.modify.ResourceModification;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.EpochMillis;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.source.Names;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The most common write — {@code INSERT INTO collection (columns) VALUES (?, …)} on a prepared
 * statement, alone or in a JDBC batch — handed to the engine without Calcite's per-execution
 * machinery (about 25 µs a row). Recognised with Calcite's parser, only in exactly that shape;
 * Calcite still prepares the statement, so validation and metadata are its own, and an execution
 * whose parameters are not of the columns' natural Java types takes Calcite's path.
 */
final class FastInsert {
  /** Marks a parameter value the fast path does not convert itself. */
  static final Object UNCONVERTED = new Object();

  private final SqlSession session;
  private final ResourceSchema schema;
  private final SqlColumn[] columns;
  /** The stored field of each column, in parameter order, and its declaration (null when undeclared). */
  private final List<String> names;
  private final FieldDef[] fields;

  private FastInsert(SqlSession session, ResourceSchema schema, SqlColumn[] columns) {
    this.session = session;
    this.schema = schema;
    this.columns = columns;
    List<String> fields = new ArrayList<>(columns.length);
    for (SqlColumn c : columns) {
      fields.add(c.name());
    }
    this.names = List.copyOf(fields);
    this.fields = new FieldDef[columns.length];
    for (int i = 0; i < columns.length; i++) {
      this.fields[i] = schema.field(columns[i].name());
    }
  }

  int parameterCount() {
    return columns.length;
  }

  /** The insert a statement is, or null when it is anything else. */
  static FastInsert recognise(String sql, SqlSession session) {
    SqlNode node;
    try {
      node = SqlParser.create(sql, SqlParser.config().withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.UNCHANGED)
          .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false)).parseStmt();
    } catch (SqlParseException e) {
      return null;
    }
    if (!(node instanceof SqlInsert insert) || insert.isUpsert() || !(insert.getTargetTable() instanceof SqlIdentifier target)
        || insert.getTargetColumnList() == null || !(insert.getSource() instanceof SqlBasicCall values)
        || values.getKind() != SqlKind.VALUES || values.operandCount() != 1 || !(values.operand(0) instanceof SqlBasicCall row)
        || row.operandCount() != insert.getTargetColumnList().size()) {
      return null;
    }
    ResourceSchema schema = table(session.db(), target);
    if (schema == null || !schema.isCollection()) {
      return null;
    }
    List<SqlColumn> all = CollectionTable.columnsOf(schema);
    SqlColumn[] columns = new SqlColumn[row.operandCount()];
    for (int i = 0; i < columns.length; i++) {
      SqlNode name = insert.getTargetColumnList().get(i);
      SqlNode value = row.operand(i);
      if (!(value instanceof SqlDynamicParam p) || p.getIndex() != i || !(name instanceof SqlIdentifier id) || id.names.size() != 1) {
        return null;
      }
      SqlColumn c = column(all, id.getSimple());
      if (c == null || c.wholeRecord()) {
        return null;
      }
      for (int j = 0; j < i; j++) {
        if (columns[j] == c) {
          return null;
        }
      }
      columns[i] = c;
    }
    return new FastInsert(session, schema, columns);
  }

  private static ResourceSchema table(AsyncDb db, SqlIdentifier from) {
    List<String> names = from.names;
    if (names.size() > 2 || names.size() == 2 && !names.get(0).equalsIgnoreCase(ProjectSchemas.DB)) {
      return null;
    }
    String name = names.get(names.size() - 1);
    String camel = Names.camelCase(name);
    for (String r : db.resourceNames()) {
      if (r.equals(name)) {
        return db.schema(r);
      }
    }
    String match = null;
    for (String r : db.resourceNames()) {
      if (r.equalsIgnoreCase(name) || r.equals(camel)) {
        if (match != null) {
          return null;
        }
        match = r;
      }
    }
    return match == null ? null : db.schema(match);
  }

  private static SqlColumn column(List<SqlColumn> all, String name) {
    SqlColumn found = null;
    for (SqlColumn c : all) {
      if (c.name().equals(name)) {
        return c;
      }
      if (c.name().equalsIgnoreCase(name)) {
        if (found != null) {
          return null;
        }
        found = c;
      }
    }
    return found;
  }

  /**
   * A JDBC parameter as the Calcite value of its column, or {@link #UNCONVERTED} when the fast path
   * leaves the conversion to Calcite (a string for a number column, a date, …).
   */
  Object internal(int index, Object v) {
    if (v == null) {
      return null;
    }
    SqlColumn c = columns[index];
    switch (c.type()) {
      case VARCHAR:
        return v instanceof String ? v : UNCONVERTED;
      case BIGINT:
        if (v instanceof Long) {
          return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
          return ((Number) v).longValue();
        }
        return v instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0 ? d.longValue() : UNCONVERTED;
      case DOUBLE:
        return v instanceof Number n ? n.doubleValue() : UNCONVERTED;
      case BOOLEAN:
        return v instanceof Boolean ? v : UNCONVERTED;
      case TIMESTAMP:
        return v instanceof java.sql.Timestamp t ? t.getTime() : UNCONVERTED;
      case VARBINARY:
        return v instanceof byte[] b ? new ByteString(b) : UNCONVERTED;
      default:
        return UNCONVERTED;
    }
  }

  /**
   * The JSON values the engine stores for parameter {@code index} of {@code n} recorded rows
   * ({@link FastInsertStatement#parameterValue}), or null when one of them must be converted by
   * Calcite.
   */
  Object[] column(int index, Object[] recorded, int n) {
    Object[] out = new Object[n];
    SqlColumn c = columns[index];
    FieldDef field = fields[index];
    boolean timestamp = c.type() == SqlTypeName.TIMESTAMP;
    for (int i = 0; i < n; i++) {
      Object p = FastInsertStatement.parameterValue(recorded[i]);
      if (timestamp && p instanceof java.sql.Timestamp t) {
        // The engine writes the ISO text the column stores straight from the number.
        out[i] = new EpochMillis(t.getTime());
        continue;
      }
      Object v = internal(index, p);
      if (v == UNCONVERTED) {
        return null;
      }
      out[i] = v == null ? null : ResourceModification.toJson(schema, c, field, v);
    }
    return out;
  }

  /** Inserts {@code n} rows given as one column of JSON values per parameter ({@link #column}; taken over) as one statement; returns one count per row. */
  int[] execute(Object[][] values, int n) {
    ResourceModification.insertColumns(session, schema, names, values, n);
    int[] counts = new int[n];
    java.util.Arrays.fill(counts, 1);
    return counts;
  }
}
