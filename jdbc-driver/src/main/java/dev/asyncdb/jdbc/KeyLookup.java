package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.CollectionTable;
import dev.asyncdb.calcite.SqlColumn;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.StagedCollection;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.DeferredRows;
import dev.asyncdb.engine.runtime.Snapshot;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * The most common statement of all — {@code SELECT columns FROM collection WHERE key = ?} — answered
 * straight from the key index, without Calcite's per-execution machinery. The statement is parsed
 * with Calcite's own parser and recognised only when it has exactly that shape on a single-field
 * key; everything else (and every statement whose shape is not certain) takes the normal path.
 * Calcite still prepares the statement, so validation errors and metadata are unchanged.
 */
final class KeyLookup {
  private final SqlSession session;
  private final String resource;
  private final List<SqlColumn> columns;

  private KeyLookup(SqlSession session, String resource, List<SqlColumn> columns) {
    this.session = session;
    this.resource = resource;
    this.columns = columns;
  }

  List<SqlColumn> columns() {
    return columns;
  }

  /** The lookup a statement is, or null when it is anything else. */
  static KeyLookup recognise(String sql, SqlSession session) {
    AsyncDb db = session.db();
    SqlNode node;
    try {
      node = SqlParser.create(sql, SqlParser.config().withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false)).parseQuery();
    } catch (SqlParseException e) {
      return null;
    }
    if (!(node instanceof SqlSelect select) || select.isDistinct() || select.getGroup() != null || select.getHaving() != null
        || select.getOrderList() != null || select.getFetch() != null || select.getOffset() != null || select.getWindowList().size() > 0
        || !(select.getFrom() instanceof SqlIdentifier from) || !(select.getWhere() instanceof SqlBasicCall where)
        || where.getKind() != SqlKind.EQUALS) {
      return null;
    }
    ResourceSchema schema = table(db, from);
    if (schema == null || !schema.isCollection() || schema.hasCompoundKey()) {
      return null;
    }
    List<SqlColumn> all = CollectionTable.columnsOf(schema);
    SqlNode left = where.operand(0);
    SqlNode right = where.operand(1);
    if (left instanceof SqlDynamicParam) {
      SqlNode t = left;
      left = right;
      right = t;
    }
    SqlColumn keyColumn = left instanceof SqlIdentifier id ? column(all, id) : null;
    if (keyColumn == null || !(right instanceof SqlDynamicParam) || !keyColumn.name().equals(schema.idField())) {
      return null;
    }
    List<SqlColumn> selected = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlIdentifier id && id.isStar() && id.names.size() == 1) {
        selected.addAll(all);
      } else if (item instanceof SqlIdentifier id && !id.isStar()) {
        SqlColumn c = column(all, id);
        if (c == null) {
          return null;
        }
        selected.add(c);
      } else {
        return null;
      }
    }
    return new KeyLookup(session, schema.name(), selected);
  }

  private static ResourceSchema table(AsyncDb db, SqlIdentifier from) {
    List<String> names = from.names;
    if (names.size() == 2 && !names.get(0).equalsIgnoreCase("db") || names.size() > 2) {
      return null;
    }
    String name = names.get(names.size() - 1);
    String match = null;
    for (String r : db.resourceNames()) {
      if (r.equals(name) || (match == null && r.equalsIgnoreCase(name))) {
        match = r;
      }
    }
    return match == null ? null : db.schema(match);
  }

  private static SqlColumn column(List<SqlColumn> all, SqlIdentifier id) {
    if (id.names.size() != 1) {
      return null;
    }
    String name = id.names.get(0);
    for (SqlColumn c : all) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    SqlColumn found = null;
    for (SqlColumn c : all) {
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
   * The row for a key as the connection sees it (its snapshot, and its transaction's own changes),
   * as Calcite-internal values of the selected columns; null when absent.
   */
  Object[] find(Object keyValue) {
    StagedCollection staged = session.staged(resource);
    if (staged != null) {
      return values(staged.get(KeySpec.scalarKey(keyValue)));
    }
    Snapshot snapshot = session.snapshot();
    DeferredRows inDatabase = snapshot.deferred(resource);
    if (inDatabase != null) {
      // A mapped table not read into memory: the row is asked of its database, the table stays there.
      return values(inDatabase.find(KeySpec.scalarKey(keyValue)));
    }
    TableVersion version = snapshot.rows(resource);
    if (version == null) {
      return null;
    }
    int row = version.find(KeySpec.scalarKey(keyValue));
    if (row < 0) {
      return null;
    }
    RecordTable table = version.table();
    Object[] out = new Object[columns.size()];
    for (int i = 0; i < out.length; i++) {
      SqlColumn c = columns.get(i);
      out[i] = c.wholeRecord() ? Json.write(version.record(row)) : c.read(table.column(c.name()), row);
    }
    return out;
  }

  /** The selected columns of a record, or null for no record. */
  private Object[] values(Map<String, Object> record) {
    if (record == null) {
      return null;
    }
    Object[] out = new Object[columns.size()];
    for (int i = 0; i < out.length; i++) {
      SqlColumn c = columns.get(i);
      out[i] = c.wholeRecord() ? Json.write(record) : c.convert(record.get(c.name()));
    }
    return out;
  }
}
