package dev.asyncdb.calcite.columnar;

import dev.asyncdb.calcite.SqlColumn;
import java.math.BigDecimal;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A value the columnar operators compute per row: a table column, or arithmetic on numeric
 * columns and literals as SQL types it (BIGINT arithmetic in longs, DOUBLE in doubles, NULL in,
 * NULL out). Equal expressions are equal records, so each is computed once per batch.
 */
sealed interface Expr {
  /** The SQL type of the value (BIGINT, DOUBLE, or a column's type). */
  SqlTypeName type();

  /**
   * Where the fields an expression refers to come from: the table column of a field (-1 when it is
   * not one the operator reads, e.g. a field of another input of a join) and the SQL column of one.
   */
  interface Fields {
    int column(int field);

    SqlColumn sqlColumn(int column);
  }

  /** A column of the table (its index among the table's SQL columns). */
  record Column(int column, SqlColumn sql) implements Expr {
    @Override
    public SqlTypeName type() {
      return sql.type();
    }
  }

  /** A numeric literal, typed BIGINT or DOUBLE. */
  record Literal(SqlTypeName type, long longValue, double doubleValue) implements Expr {}

  /** {@code + - * /} on two numeric expressions; both are read as {@code type}. */
  record Arithmetic(SqlKind op, Expr left, Expr right, SqlTypeName type) implements Expr {}

  /** Unary minus. */
  record Negate(Expr operand, SqlTypeName type) implements Expr {}

  /** {@code CAST(x AS DOUBLE)} of a BIGINT. */
  record ToDouble(Expr operand) implements Expr {
    @Override
    public SqlTypeName type() {
      return SqlTypeName.DOUBLE;
    }
  }

  /**
   * The expression for a node over the chain's scan fields, or null when the columnar operators
   * cannot compute it exactly as Calcite would (other functions, DECIMAL or INTEGER arithmetic,
   * parameters, the whole-record column).
   */
  static Expr of(RexNode node, Fields chain) {
    SqlTypeName type = node.getType().getSqlTypeName();
    if (node instanceof RexInputRef ref) {
      int column = chain.column(ref.getIndex());
      if (column < 0) {
        return null;
      }
      SqlColumn sc = chain.sqlColumn(column);
      return sc.wholeRecord() || sc.type() == SqlTypeName.VARBINARY ? null : new Column(column, sc);
    }
    if (node instanceof RexLiteral lit) {
      BigDecimal value = isNumeric(type) ? lit.getValueAs(BigDecimal.class) : null;
      if (value == null) {
        return null;
      }
      return isExactInteger(type) ? new Literal(SqlTypeName.BIGINT, value.longValue(), value.doubleValue())
          : new Literal(SqlTypeName.DOUBLE, 0, value.doubleValue());
    }
    if (!(node instanceof RexCall call) || (type != SqlTypeName.BIGINT && type != SqlTypeName.DOUBLE)) {
      return null;
    }
    switch (call.getKind()) {
      case PLUS, MINUS, TIMES, DIVIDE -> {
        if (call.getOperands().size() != 2) {
          return null;
        }
        Expr left = operand(call.getOperands().get(0), chain, type);
        Expr right = operand(call.getOperands().get(1), chain, type);
        return left == null || right == null ? null : new Arithmetic(call.getKind(), left, right, type);
      }
      case MINUS_PREFIX -> {
        Expr operand = operand(call.getOperands().get(0), chain, type);
        return operand == null ? null : new Negate(operand, type);
      }
      case CAST -> {
        RexNode from = call.getOperands().get(0);
        SqlTypeName fromType = from.getType().getSqlTypeName();
        Expr operand = of(from, chain);
        if (operand == null || (fromType != SqlTypeName.BIGINT && fromType != SqlTypeName.DOUBLE)) {
          return null;
        }
        if (fromType == type) {
          return operand;
        }
        return type == SqlTypeName.DOUBLE ? new ToDouble(operand) : null;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * An operand of arithmetic typed {@code type}: of that type, or for DOUBLE arithmetic any
   * numeric value (Java widens it as Calcite's generated code does), or an INTEGER literal.
   */
  private static Expr operand(RexNode node, Fields chain, SqlTypeName type) {
    SqlTypeName t = node.getType().getSqlTypeName();
    Expr e = of(node, chain);
    if (e == null) {
      return null;
    }
    if (e instanceof Literal) {
      return e.type() == SqlTypeName.BIGINT || type == SqlTypeName.DOUBLE ? e : null;
    }
    if (t == type) {
      return e;
    }
    return type == SqlTypeName.DOUBLE && t == SqlTypeName.BIGINT ? new ToDouble(e) : null;
  }

  private static boolean isNumeric(SqlTypeName t) {
    return isExactInteger(t) || t == SqlTypeName.DECIMAL || t == SqlTypeName.DOUBLE || t == SqlTypeName.FLOAT || t == SqlTypeName.REAL;
  }

  private static boolean isExactInteger(SqlTypeName t) {
    return t == SqlTypeName.TINYINT || t == SqlTypeName.SMALLINT || t == SqlTypeName.INTEGER || t == SqlTypeName.BIGINT;
  }
}
