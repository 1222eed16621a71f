package dev.asyncdb.stores.table;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.store.RowSource;
import dev.asyncdb.engine.table.TableVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows of a mapped table, read when the engine needs them rather than at open: all of them
 * (once, when something needs the collection in memory), one by key, or their count. Reads use the
 * store's read connections, so a long first read does not hold up the store's commits, and a
 * server that restarted since the open is reached again.
 */
final class TableRows implements RowSource {
  private final TableResource table;
  private final ReadPool reads;
  private final String alias;
  private final String where;

  TableRows(TableResource table, ReadPool reads, String alias, String where) {
    this.table = table;
    this.reads = reads;
    this.alias = alias;
    this.where = where;
  }

  private interface Read<T> {
    T on(Connection c) throws SQLException;
  }

  @Override
  public TableVersion readAll() {
    return read("read the rows of", c -> {
      // PostgreSQL streams a result in fetchSize batches only inside a transaction; the pool rolls it back on return.
      c.setAutoCommit(false);
      return table.read(c);
    });
  }

  @Override
  public Map<String, Object> find(String key) {
    String what = "read a row of";
    try {
      return reads.lookup(table.findSql(), ps -> table.find(ps, key));
    } catch (DbException e) {
      throw unreachable(what, e);
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  @Override
  public long count() {
    return read("count the rows of", c -> table.count(c));
  }

  private <T> T read(String what, Read<T> read) {
    Connection c;
    try {
      c = reads.getConnection();
    } catch (DbException e) {
      throw unreachable(what, e);
    } catch (SQLException e) {
      throw failed(what, e);
    }
    try (c) {
      return read.on(c);
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  /** Could not connect (server down, file gone): the store's own connection error, told what it was for. */
  private DbException unreachable(String what, DbException e) {
    String resource = table.mapping().resource();
    return new DbException(e.code(), e.status(), "Store \"" + alias + "\" could not " + what + " table " + table.qualified() + " (resource \""
        + resource + "\"): " + e.getMessage(), e.hint() + " The rest of the project keeps working; the next use of \"" + resource + "\" tries again.",
        details(e.details(), null), e);
  }

  private DbException failed(String what, SQLException thrown) {
    String resource = table.mapping().resource();
    // The read pool wraps the driver's error of a pooled statement ("Borrow prepareStatement from pool failed"): report the driver's.
    SQLException e = thrown;
    while (e.getSQLState() == null && e.getCause() instanceof SQLException cause) {
      e = cause;
    }
    // The connection broke: class 08 (network gone), or PostgreSQL's 57P0x (server shut down or restarted, database dropped).
    String state = e.getSQLState();
    boolean connection = state != null && (state.startsWith("08") || state.startsWith("57P0"));
    return new DbException(connection ? "STORE_CONNECTION_FAILED" : "STORE_READ_FAILED", connection ? 503 : 500,
        "Store \"" + alias + "\" could not " + what + " table " + table.qualified() + " (resource \"" + resource + "\") in " + where + ": " + e.getMessage(),
        (connection ? "Check that the database server is running and reachable." : "Check that the table still exists and that the configured user may read it.")
            + " The rest of the project keeps working; the next use of \"" + resource + "\" tries again.",
        details(Map.of(), state), thrown);
  }

  private Map<String, Object> details(Map<String, Object> from, String sqlState) {
    Map<String, Object> d = new LinkedHashMap<>(from);
    d.put("store", alias);
    d.put("resource", table.mapping().resource());
    d.put("table", table.qualified());
    if (sqlState != null) {
      d.put("sqlState", sqlState);
    }
    return d;
  }
}
