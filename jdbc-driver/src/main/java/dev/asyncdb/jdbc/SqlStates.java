package dev.asyncdb.jdbc;

import dev.asyncdb.engine.DbException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import java.util.Map;

/**
 * Turns an engine {@link DbException} into the {@code SQLException} a JDBC client expects: the
 * SQLState for its code (or for its first validation diagnostic), the standard subclass of that
 * SQLState's class, and a message ending in {@code [CODE]} and the hint. The DbException stays
 * the cause, with its details.
 */
final class SqlStates {
  private SqlStates() {}

  static SQLException of(DbException e) {
    String state = state(e);
    String message = e.getMessage() + " [" + e.code() + "]" + (e.hint() == null ? "" : " Hint: " + e.hint());
    return switch (state.substring(0, 2)) {
      case "23" -> new SQLIntegrityConstraintViolationException(message, state, e);
      case "22" -> new SQLDataException(message, state, e);
      case "0A" -> new SQLFeatureNotSupportedException(message, state, e);
      case "40" -> new SQLTransactionRollbackException(message, state, e);
      case "42" -> new SQLSyntaxErrorException(message, state, e);
      case "25" -> new SQLNonTransientException(message, state, e);
      default -> new SQLException(message, state, e);
    };
  }

  /** The SQLState of an engine error. */
  static String state(DbException e) {
    if (e.details().get("sqlState") instanceof String s) {
      return s;
    }
    return switch (e.code()) {
      case "DB_CREATE_DUPLICATE_ID" -> "23505";
      case "DB_KEY_REQUIRED" -> "23502";
      case "DB_SCHEMA_VALIDATION_FAILED" -> validation(e);
      case "DB_APPEND_ONLY" -> "0A000";
      case "DB_READ_ONLY", "STORE_RESOURCE_READ_ONLY", "STORE_SOURCE_NOT_WRITABLE", "SQL_READ_ONLY" -> "25006";
      case "DB_PRECONDITION_FAILED", "DB_WRITE_CONFLICT" -> "40001";
      case "DB_TRANSACTION_FINISHED" -> "25000";
      case "SQL_TRANSACTION_OPEN" -> "25001";
      case "DB_UNKNOWN_RESOURCE" -> "42S02";
      case "DB_RESOURCE_KIND_MISMATCH" -> "42809";
      case "STORE_WRITE_FAILED", "DB_SYNC_WRITE_FAILED" -> "58030";
      default -> e.status() >= 500 ? "58000" : "HY000";
    };
  }

  /** A validation failure takes the SQLState of its first diagnostic: which rule the value broke. */
  private static String validation(DbException e) {
    String code = null;
    String expected = null;
    if (e.details().get("diagnostics") instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
      code = first.get("code") instanceof String c ? c : null;
      Object details = first.get("details");
      Object exp = details instanceof Map<?, ?> d ? d.get("expected") : first.get("expected");
      expected = exp instanceof String s ? s : null;
    }
    if (code == null) {
      return "23514";
    }
    return switch (code) {
      case "SCHEMA_UNIQUE_VALUE_DUPLICATE" -> "23505";
      case "SCHEMA_REQUIRED_FIELD_MISSING" -> "23502";
      case "SCHEMA_FIELD_TYPE_MISMATCH" -> "datetime".equals(expected) || "date".equals(expected) ? "22007" : "22018";
      case "FIELD_READ_ONLY" -> "428C9";
      default -> "23514";
    };
  }
}
