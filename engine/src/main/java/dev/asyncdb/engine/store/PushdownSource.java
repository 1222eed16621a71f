package dev.asyncdb.engine.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A store whose collections are tables of one SQL database, so that SQL over them can run inside
 * that database (pushdown) instead of over the engine's copy. Writes still go through the engine
 * ({@link Store#commit}); this only serves reads.
 */
public interface PushdownSource {
  /** Identifies the database: tables of sources with the same id can be joined inside it. */
  String databaseId();

  /** The SQL dialect of the database: {@code sqlite} or {@code postgres}. */
  String dialect();

  /** Connections for reads (pooled: closing one returns it). */
  DataSource readConnections();

  /** The table behind a resource, or null when the resource is not a mapped table of this source. */
  MappedTable mappedTable(String resource);

  /**
   * Replays a transaction's uncommitted changes to a resource on {@code connection}, inside the
   * connection's open database transaction, so that a query on it sees them; the caller rolls
   * back. Each change is the committed record (null when new) and the transaction's record (null
   * when deleted).
   */
  void replay(Connection connection, String resource, List<Map.Entry<Map<String, Object>, Map<String, Object>>> changes) throws SQLException;

  /**
   * Where a resource's rows live in the database.
   *
   * @param schema the database schema, or null for the connection's default
   * @param columns field name to column name, for every field of the resource, in table order
   */
  record MappedTable(String schema, String table, Map<String, String> columns) {}
}
