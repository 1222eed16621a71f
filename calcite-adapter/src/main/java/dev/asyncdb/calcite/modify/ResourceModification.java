package dev.asyncdb.calcite.modify;

import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.RowFailure;
import dev.asyncdb.engine.Transaction;
import dev.asyncdb.engine.WriteOptions;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.core.TableModify.Operation;

/**
 * Executes one planned write statement: reads every input row Calcite produced (so the statement
 * never sees its own changes), turns each into a keyed engine change and runs them all in the
 * connection's session as one unit. Input rows are laid out as Calcite's {@code TableModify}
 * defines them: INSERT has the new row; DELETE the old row; UPDATE the old row then one new value
 * per updated column; MERGE the insert row (with a NOT MATCHED clause), then the old row (with a
 * MATCHED clause; all null when unmatched), then the update values.
 */
public final class ResourceModification {
  private final ResourceTable table;
  private final Operation operation;
  private final int[] updated;
  /** Input fields typed CHAR: Calcite pads ragged literals of a VALUES list with spaces; they are trimmed. */
  private final boolean[] padded;

  ResourceModification(ResourceTable table, Operation operation, int[] updated, boolean[] padded) {
    this.table = table;
    this.operation = operation;
    this.updated = updated;
    this.padded = padded;
  }

  /** Runs the statement; its one result row is the number of rows it inserted, changed or deleted. */
  public Enumerable<Long> count(Enumerable<Object[]> rows) {
    return Linq4j.singletonEnumerable(apply(rows));
  }

  /** {@link #count} for a caller that wants array rows. */
  public Enumerable<Object[]> countRow(Enumerable<Object[]> rows) {
    return Linq4j.singletonEnumerable(new Object[] {apply(rows)});
  }

  private long apply(Enumerable<Object[]> input) {
    ResourceSchema schema = table.schema();
    refuseUnsupported(schema);
    List<Object[]> rows = new ArrayList<>(input.toList());
    return table.session().write(tx -> {
      long n = 0;
      for (int i = 0; i < rows.size(); i++) {
        try {
          n += applyRow(tx, schema, rows.get(i));
        } catch (DbException e) {
          throw rows.size() == 1 ? e : atRow(e, i, rows.size());
        }
      }
      return n;
    });
  }

  private int applyRow(Transaction tx, ResourceSchema schema, Object[] row) {
    trimPadding(row);
    int width = table.columns().size();
    switch (operation) {
      case INSERT:
        return insert(tx, schema, row, 0);
      case DELETE:
        return tx.delete(schema.name(), key(schema, row, 0), WriteOptions.NONE) ? 1 : 0;
      case UPDATE:
        return update(tx, schema, j -> row[j], key(schema, row, 0), row, width);
      case MERGE:
        return merge(tx, schema, row, width);
      default:
        throw unsupported(schema, operation.name());
    }
  }

  /**
   * A MERGE row. The old row is recognised by its {@code _record}, the last column of the table:
   * Calcite 1.42 leaves out leading target columns when the join needed a cast of the source key,
   * but never the last one. Without a MATCHED clause Calcite does not say whether a source row
   * matched; such a row is inserted unless its key already exists.
   */
  private int merge(Transaction tx, ResourceSchema schema, Object[] row, int width) {
    if (updated.length == 0) {
      Object key = key(schema, row, 0);
      return key != null && tx.get(schema.name(), key) != null ? 0 : insert(tx, schema, row, 0);
    }
    int valuesAt = row.length - updated.length;
    Object oldRecord = row[valuesAt - 1];
    if (oldRecord == null) {
      return valuesAt - 1 >= width ? insert(tx, schema, row, 0) : 0;
    }
    List<SqlColumn> columns = table.columns();
    Map<String, Object> old = JsonValues.record(schema.name(), columns.get(width - 1), oldRecord);
    Object key = schema.keyFields().size() == 1 ? old.get(schema.keyFields().get(0)) : old;
    return update(tx, schema, j -> columns.get(j).convert(old.get(columns.get(j).name())), key, row, valuesAt);
  }

  private void trimPadding(Object[] row) {
    for (int i = 0; i < row.length && i < padded.length; i++) {
      if (padded[i] && row[i] instanceof String s) {
        row[i] = s.stripTrailing();
      }
    }
  }

  private int insert(Transaction tx, ResourceSchema schema, Object[] row, int at) {
    Map<String, Object> record = new LinkedHashMap<>();
    List<SqlColumn> columns = table.columns();
    for (int j = 0; j < columns.size(); j++) {
      if (columns.get(j).wholeRecord() && row[at + j] != null) {
        record = JsonValues.record(schema.name(), columns.get(j), row[at + j]);
      }
    }
    for (int j = 0; j < columns.size(); j++) {
      SqlColumn c = columns.get(j);
      if (!c.wholeRecord() && row[at + j] != null) {
        record.put(c.name(), JsonValues.toJson(schema.name(), c, schema.field(c.name()), row[at + j]));
      }
    }
    table.session().inserted(schema, tx.insertOwned(schema.name(), record));
    return 1;
  }

  /**
   * Inserts rows of JSON values, one per field of {@code fields} (arrays the engine takes over; null
   * leaves a field out), as one statement — the JDBC driver's fast path for {@code INSERT … VALUES
   * (?, …)}: all or none, a failing row named by its position, inserted rows kept for generated keys.
   */
  public static void insertRows(SqlSession session, ResourceSchema schema, List<String> fields, List<Object[]> rows) {
    session.write(tx -> {
      try {
        session.inserted(schema, tx.insertRows(schema.name(), fields, rows));
      } catch (RowFailure e) {
        throw rows.size() == 1 ? e.error() : atRow(e.error(), e.index(), rows.size());
      }
      return null;
    });
  }

  /** {@link #insertRows} of {@code n} rows given column by column: {@code columns[j][i]} is row {@code i}'s value of {@code fields[j]}. */
  public static void insertColumns(SqlSession session, ResourceSchema schema, List<String> fields, Object[][] columns, int n) {
    session.write(tx -> {
      try {
        session.inserted(schema, tx.insertColumns(schema.name(), fields, columns, n));
      } catch (RowFailure e) {
        throw n == 1 ? e.error() : atRow(e.error(), e.index(), n);
      }
      return null;
    });
  }

  /** The JSON value the engine stores for a column's Calcite value. */
  public static Object toJson(ResourceSchema schema, SqlColumn column, Object value) {
    return toJson(schema, column, schema.field(column.name()), value);
  }

  /** {@link #toJson(ResourceSchema, SqlColumn, Object)} with the column's field already looked up (null when undeclared). */
  public static Object toJson(ResourceSchema schema, SqlColumn column, FieldDef field, Object value) {
    return JsonValues.toJson(schema.name(), column, field, value);
  }

  /**
   * Applies the SET values to the record of an old row. NULL removes the field (SQL NULL and an
   * absent field read the same); a value equal to the old one is left alone, so the stored text
   * of an unchanged timestamp keeps its format. Setting {@code _record} replaces the whole record.
   */
  private int update(Transaction tx, ResourceSchema schema, IntFunction<Object> oldValue, Object key, Object[] row, int newAt) {
    List<SqlColumn> columns = table.columns();
    Map<String, Object> sets = new LinkedHashMap<>();
    Map<String, Object> replacement = null;
    for (int k = 0; k < updated.length; k++) {
      SqlColumn c = columns.get(updated[k]);
      Object before = oldValue.apply(updated[k]);
      Object after = row[newAt + k];
      if (c.wholeRecord()) {
        replacement = JsonValues.record(schema.name(), c, after);
      } else if (schema.isCollection() && schema.keyFields().contains(c.name())) {
        if (!Objects.equals(before, after)) {
          throw keyChange(schema, c, before, after);
        }
      } else if (!Objects.equals(before, after)) {
        sets.put(c.name(), JsonValues.toJson(schema.name(), c, schema.field(c.name()), after));
      }
    }
    Map<String, Object> whole = replacement;
    java.util.function.UnaryOperator<Map<String, Object>> change = current -> {
      Map<String, Object> next = whole != null ? new LinkedHashMap<>(whole) : current;
      sets.forEach((field, value) -> {
        if (value == null) {
          next.remove(field);
        } else {
          next.put(field, value);
        }
      });
      return next;
    };
    if (!schema.isCollection()) {
      tx.updateDocument(schema.name(), change, WriteOptions.NONE);
      return 1;
    }
    return tx.update(schema.name(), key, change, WriteOptions.NONE) != null ? 1 : 0;
  }

  /** The key of an old row: the key column's value, or a map of the identity fields; null when absent. */
  private Object key(ResourceSchema schema, Object[] row, int at) {
    if (!schema.isCollection()) {
      return null;
    }
    List<SqlColumn> columns = table.columns();
    Map<String, Object> parts = new LinkedHashMap<>();
    for (int j = 0; j < columns.size(); j++) {
      SqlColumn c = columns.get(j);
      if (schema.keyFields().contains(c.name())) {
        Object v = row[at + j];
        if (v == null) {
          return null;
        }
        parts.put(c.name(), JsonValues.toJson(schema.name(), c, schema.field(c.name()), v));
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    return parts.size() == 1 ? parts.values().iterator().next() : parts;
  }

  private void refuseUnsupported(ResourceSchema schema) {
    if (!schema.isCollection() && operation != Operation.UPDATE) {
      throw unsupported(schema, operation.name());
    }
    if (schema.appendOnly() && (operation == Operation.UPDATE || operation == Operation.DELETE || (operation == Operation.MERGE && updated.length > 0))) {
      throw new DbException("DB_APPEND_ONLY", 405, "Table " + schema.name() + " is append-only; " + operation.name() + " is not allowed.",
          "Only INSERT adds rows to it; existing rows never change.", Map.of("resource", schema.name(), "operation", operation.name()));
    }
  }

  private static DbException unsupported(ResourceSchema schema, String operation) {
    return new DbException("SQL_DOCUMENT_SINGLE_ROW", 405, "Table " + schema.name() + " is a document (always exactly one row); " + operation
        + " is not supported on it.", "Change its fields with UPDATE " + schema.name() + " SET field = value.",
        Map.of("resource", schema.name(), "operation", operation, "sqlState", "0A000"));
  }

  private static DbException keyChange(ResourceSchema schema, SqlColumn c, Object before, Object after) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("resource", schema.name());
    details.put("column", c.name());
    details.put("id", String.valueOf(before));
    details.put("received", after);
    details.put("sqlState", "0A000");
    return new DbException("SQL_KEY_IMMUTABLE", 400, "Cannot change key column " + c.name() + " of " + schema.name() + " record " + before
        + " to " + (after instanceof String s ? "'" + s + "'" : after) + ": keys never change.",
        "Delete the row and insert it again with the new key.", details);
  }

  private static DbException atRow(DbException e, int index, int total) {
    Map<String, Object> details = new LinkedHashMap<>(e.details());
    details.put("row", index + 1);
    return new DbException(e.code(), e.status(), e.getMessage() + " (row " + (index + 1) + " of " + total + " of the statement; the statement changed nothing)",
        e.hint(), details, e);
  }
}
