package dev.asyncdb.stores.table;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.store.Durable;
import dev.asyncdb.engine.store.Hydrated;
import dev.asyncdb.engine.store.Prepared;
import dev.asyncdb.engine.store.PushdownSource;
import dev.asyncdb.engine.store.ResourceChange;
import dev.asyncdb.engine.store.RowSource;
import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.stores.commit.CommitMarkers;
import dev.asyncdb.stores.commit.SqlWrites;
import dev.asyncdb.stores.envelope.EnvelopeStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A store over existing tables: each mapped table is a collection whose records are its rows, read
 * when the engine first needs them in memory ({@link #deferredRows}), not when the project opens. A
 * commit runs its row-level statements in one SQL transaction; an UPDATE or DELETE that finds no
 * row (the table was changed by someone else since it was read) fails the whole write.
 *
 * <p>Resources bound to the same alias that are not mapped tables are kept as envelopes
 * ({@code _db_resources} / {@code _async_db_resources}) by a delegate opened on first use. It
 * shares this store's connection, so a commit touching both is one SQL transaction.
 *
 * <p>In a write spanning several stores the statements run in a transaction left open by
 * {@link #prepare}, with a row in {@code _async_db_commits} ({@link CommitMarkers}).
 */
public final class TableStore implements Store, PushdownSource {
  private final String driver;
  private final String alias;
  private final String where;
  private final Connection connection;
  private final ReadPool reads;
  private final Map<String, TableResource> tables = new LinkedHashMap<>();
  private final Function<Connection, EnvelopeStore> envelopes;
  private final SqlWrites writes;
  private EnvelopeStore envelopeStore;

  /**
   * @param connection the connection commits write through
   * @param readConnection opens further connections to the same database, for pushed-down queries
   * @param envelopes opens the envelope store of the other resources over the connection it is given
   */
  public TableStore(String driver, String alias, String where, Connection connection, Supplier<Connection> readConnection, List<TableMapping> mappings,
      Function<Connection, EnvelopeStore> envelopes, CommitMarkers markers) {
    this.driver = driver;
    this.alias = alias;
    this.where = where;
    this.connection = connection;
    this.reads = new ReadPool(readConnection);
    this.envelopes = envelopes;
    this.writes = new SqlWrites(driver, connection, markers, this, where);
    try {
      for (TableMapping m : mappings) {
        tables.put(m.resource(), TableCatalog.resolve(connection, m, alias, where));
      }
    } catch (SQLException e) {
      throw new DbException("STORE_READ_FAILED", 500, "Store \"" + alias + "\" could not read the catalog of " + where + ": " + e.getMessage(),
          "Check that the database is reachable and that the user may read its catalog.", Map.of("store", alias), e);
    }
  }

  @Override
  public String driver() {
    return driver;
  }

  @Override
  public String alias() {
    return alias;
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public boolean writable(ResourceDefinition resource) {
    TableResource t = tables.get(resource.name());
    return t == null || !t.mapping().readOnly();
  }

  @Override
  public List<ResourceDefinition> declaredResources() {
    List<ResourceDefinition> out = new ArrayList<>();
    tables.values().forEach(t -> out.add(t.definition()));
    return out;
  }

  /** Mapped tables are not migration targets (their shape is the application's); other resources go to envelopes. */
  @Override
  public boolean acceptsImport(ResourceDefinition resource) {
    return !tables.containsKey(resource.name());
  }

  @Override
  public void importState(ResourceDefinition resource, dev.asyncdb.engine.table.TableVersion rows, Map<String, Object> document) throws IOException {
    envelope().importState(resource, rows, document);
  }

  /** The mapped table of a resource, or null. */
  public TableResource table(String resource) {
    return tables.get(resource);
  }

  @Override
  public String statePath(ResourceDefinition resource) {
    TableResource t = tables.get(resource.name());
    return t != null ? where + ", table " + t.qualified() : envelope().statePath(resource);
  }

  // ---- pushdown: SQL over the mapped tables runs in the database ----

  /** The store's description of its database (driver, file or redacted URL): equal for stores over one database. */
  @Override
  public String databaseId() {
    return driver + ":" + where;
  }

  @Override
  public String dialect() {
    return driver;
  }

  @Override
  public javax.sql.DataSource readConnections() {
    return reads;
  }

  @Override
  public MappedTable mappedTable(String resource) {
    TableResource t = tables.get(resource);
    return t == null ? null : new MappedTable(t.mapping().schema(), t.tableName(), t.columnsOfFields());
  }

  @Override
  public void replay(Connection c, String resource, List<Map.Entry<Map<String, Object>, Map<String, Object>>> changes) throws SQLException {
    TableResource t = tables.get(resource);
    if (t == null) {
      return;
    }
    for (Map.Entry<Map<String, Object>, Map<String, Object>> change : changes) {
      if (change.getKey() != null) {
        t.deleteRecord(c, change.getKey());
      }
      if (change.getValue() != null) {
        t.insert(c, change.getValue());
      }
    }
  }

  private synchronized EnvelopeStore envelope() {
    if (envelopeStore == null) {
      envelopeStore = envelopes.apply(connection);
    }
    return envelopeStore;
  }

  /** Mapped tables are not read at open: the engine reads their rows when it first needs them in memory. */
  @Override
  public RowSource deferredRows(ResourceDefinition r) {
    TableResource t = tables.get(r.name());
    return t == null ? null : new TableRows(t, reads, alias, where);
  }

  @Override
  public Hydrated hydrate(ResourceDefinition r, boolean mayWrite) throws IOException {
    RowSource rows = deferredRows(r);
    if (rows == null) {
      synchronized (this) {
        return envelope().hydrate(r, mayWrite);
      }
    }
    return new Hydrated(rows.readAll(), null, true);
  }

  @Override
  public synchronized Durable commit(List<ResourceChange> changes) throws IOException {
    writes.commit(changes, this::stage);
    // The SQL transaction committed: durable as far as the database promises (SQLite synchronous=FULL, PostgreSQL commit).
    return Durable.DONE;
  }

  @Override
  public synchronized Prepared prepare(List<ResourceChange> changes, String commitId) throws IOException {
    return writes.prepare(changes, commitId, this::stage);
  }

  @Override
  public boolean marksCommits() {
    return true;
  }

  @Override
  public synchronized boolean committed(String commitId) throws IOException {
    return writes.committed(commitId);
  }

  @Override
  public synchronized void forgetCommits(Collection<String> commitIds) throws IOException {
    writes.forget(commitIds);
  }

  /**
   * Runs a commit's row-level statements, and the envelope statements of its other resources, in
   * the transaction open on {@link #connection}; returns what to record once it commits.
   */
  private Runnable stage(List<ResourceChange> changes) throws SQLException {
    List<ResourceChange> others = new ArrayList<>();
    for (ResourceChange c : changes) {
      TableResource t = tables.get(c.resource().name());
      if (t == null) {
        others.add(c);
        continue;
      }
      for (ResourceChange.RecordChange rc : c.records()) {
        int n = switch (rc.op()) {
          case INSERT -> {
            t.insert(connection, rc.after());
            yield 1;
          }
          case UPDATE, PUT -> t.update(connection, rc.key(), rc.after());
          case DELETE -> t.delete(connection, rc.key());
        };
        if (n != 1) {
          throw new SQLException("row " + rc.key() + " of " + t.qualified() + " is no longer there (changed outside Async DB since it was read); "
              + "reopen the project to see the table's current rows");
        }
      }
    }
    return others.isEmpty() ? () -> { } : envelope().stage(others);
  }

  @Override
  public synchronized void close() throws IOException {
    reads.close();
    try {
      if (envelopeStore != null) {
        envelopeStore.close();
      }
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // Nothing is pending on this connection: every commit already ended its transaction.
      }
    }
  }
}
