package dev.asyncdb.stores.envelope;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.store.Durable;
import dev.asyncdb.engine.store.Hydrated;
import dev.asyncdb.engine.store.Prepared;
import dev.asyncdb.engine.store.ResourceChange;
import dev.asyncdb.engine.store.Store;
import dev.asyncdb.engine.sync.ResourceDefinition;
import dev.asyncdb.engine.sync.Seeds;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableVersion;
import dev.asyncdb.stores.commit.CommitMarkers;
import dev.asyncdb.stores.commit.SqlWrites;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A store keeping each resource as one envelope row in the original's layout ({@code name, kind,
 * source_hash, value}).
 *
 * <p>The original rewrites the whole {@code value} on every write. Here a collection write inserts
 * one row per changed record into {@code _async_db_changes}, in the same SQL transaction as every
 * other change of the commit, and the envelope is rewritten ("folded") only once the changes
 * logged for a resource reach half its size (at least {@code checkpointChanges}), and on close and
 * open. The cost per write is then independent of the resource's size while the envelope table
 * stays exactly the original's. An in-place JSONB update ({@code jsonb_set}) would not help in
 * PostgreSQL: a JSONB value is one datum, and any update writes the whole of it again.
 * Documents are one value anyway: their envelope is rewritten per write.
 *
 * <p>Between folds the original, reading the envelope table alone, sees the state of the last fold.
 *
 * <p>In a write spanning several stores the same statements run in a transaction left open by
 * {@link #prepare}, with a row in {@code _async_db_commits} ({@link CommitMarkers}).
 */
public final class EnvelopeStore implements Store {
  /** Default minimum number of logged changes of a resource before its envelope is rewritten. */
  public static final long DEFAULT_CHECKPOINT_CHANGES = 1000;

  private final String driver;
  private final String alias;
  private final Connection connection;
  private final EnvelopeTables tables;
  private final SqlWrites writes;
  private final long checkpointChanges;
  // Written under the database's writer lock (commit) or at open (hydrate); close runs after both.
  private final Map<String, Integer> logged = new HashMap<>();
  private final Map<String, ResourceChange> unfolded = new LinkedHashMap<>();
  private boolean created;

  /**
   * @param connection this store's connection; a {@link dev.asyncdb.stores.table.TableStore} shares
   *     its own with the envelope store it keeps other resources in, so one transaction covers both
   */
  public EnvelopeStore(String driver, String alias, Connection connection, EnvelopeTables tables, CommitMarkers markers, long checkpointChanges) {
    this.driver = driver;
    this.alias = alias;
    this.connection = connection;
    this.tables = tables;
    this.writes = new SqlWrites(driver, connection, markers, this, tables.describe());
    this.checkpointChanges = checkpointChanges;
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
  public String statePath(ResourceDefinition resource) {
    return tables.describe();
  }

  @Override
  public synchronized Hydrated hydrate(ResourceDefinition r, boolean mayWrite) throws IOException {
    try {
      if (mayWrite) {
        ensureCreated();
      }
      EnvelopeTables.Envelope stored = mayWrite || tables.exists(connection) ? tables.read(connection, r.name()) : null;
      String hash = seedHash(r);
      if (stored != null && Objects.equals(stored.sourceHash(), hash)) {
        List<EnvelopeTables.LoggedChange> changes = tables.changes(connection, r.name());
        Hydrated h = fromEnvelope(r, stored.value(), changes);
        if (mayWrite && !changes.isEmpty()) {
          // Folded at open so that the original, reading only the envelope table, sees the newest state.
          inTransaction(() -> fold(r, h.rows() != null ? h.rows() : h.document()));
        }
        return h;
      }
      Hydrated seed = new Hydrated(r.seedRows(), r.seedDocument() == null ? null : Json.deepCopy(r.seedDocument()), false);
      if (mayWrite) {
        inTransaction(() -> fold(r, seed.rows() != null ? seed.rows() : seed.document()));
      }
      return seed;
    } catch (SQLException e) {
      throw new DbException("STORE_READ_FAILED", 500,
          "The " + driver + " store could not load resource \"" + r.name() + "\" from " + tables.describe() + ": " + e.getMessage(),
          "Check that the database is reachable and that the envelope table has the layout Async DB creates (see docs/user-guide.md, Stores).",
          Map.of("resource", r.name(), "store", driver), e);
    }
  }

  private Hydrated fromEnvelope(ResourceDefinition r, String value, List<EnvelopeTables.LoggedChange> changes) {
    Object parsed;
    try {
      parsed = Json.parse(value);
    } catch (RuntimeException e) {
      throw invalid(r, "its value is not JSON (" + e.getMessage() + ")");
    }
    if (r.schema().isCollection()) {
      if (!(parsed instanceof List<?> list)) {
        throw invalid(r, "a collection's value must be a JSON array, found " + Json.typeName(parsed));
      }
      KeySpec key = new KeySpec(r.schema().keyFields());
      RecordTable table = new RecordTable();
      for (Map<String, Object> record : ChangeFold.apply(key, list, changes, m -> invalid(r, m))) {
        Seeds.applyDefaults(r.schema().fields(), record);
        table.appendRecord(record, -1, table.physicalRows());
      }
      return new Hydrated(table.publishLoaded(key), null, true);
    }
    if (!(parsed instanceof Map<?, ?>)) {
      throw invalid(r, "a document's value must be a JSON object, found " + Json.typeName(parsed));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) parsed;
    Seeds.applyDefaults(r.schema().fields(), doc);
    return new Hydrated(null, doc, true);
  }

  private DbException invalid(ResourceDefinition r, String what) {
    return new DbException("STORE_INVALID_RESOURCE_ENVELOPE", 500,
        "The stored envelope of resource \"" + r.name() + "\" in " + tables.describe() + " is invalid: " + what + ".",
        "Repair or delete that row; deleting it rebuilds the resource from its seed in db/ at the next open.",
        Map.of("resource", r.name(), "store", driver));
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
   * Runs the statements of a commit in the transaction open on this store's connection (its own, or
   * the table store's that shares it) and returns what to record once that transaction commits:
   * until then the fold bookkeeping must not count changes that may still be rolled back.
   */
  public synchronized Runnable stage(List<ResourceChange> changes) throws SQLException {
    Map<String, Integer> nextLogged = new HashMap<>(logged);
    Map<String, ResourceChange> nextUnfolded = new LinkedHashMap<>(unfolded);
    try (PreparedStatement log = tables.logStatement(connection)) {
      for (ResourceChange c : changes) {
        ResourceDefinition r = c.resource();
        if (c.rows() == null) {
          writeEnvelope(r, c.document());
          nextLogged.remove(r.name());
          nextUnfolded.remove(r.name());
          continue;
        }
        for (ResourceChange.RecordChange rc : c.records()) {
          log.setString(1, r.name());
          log.setString(2, rc.op() == ResourceChange.Op.DELETE ? "d" : rc.op() == ResourceChange.Op.INSERT ? "i" : "u");
          log.setString(3, rc.key());
          log.setString(4, rc.after() == null ? null : Json.write(rc.after()));
          log.addBatch();
        }
        int n = nextLogged.merge(r.name(), c.records().size(), Integer::sum);
        nextUnfolded.put(r.name(), c);
        if (n >= Math.max(checkpointChanges, c.rows().size() / 2)) {
          log.executeBatch();
          writeEnvelope(r, c.rows());
          nextLogged.remove(r.name());
          nextUnfolded.remove(r.name());
        }
      }
      log.executeBatch();
    }
    return () -> {
      synchronized (this) {
        logged.clear();
        logged.putAll(nextLogged);
        unfolded.clear();
        unfolded.putAll(nextUnfolded);
      }
    };
  }

  @Override
  public boolean acceptsImport(ResourceDefinition resource) {
    return true;
  }

  @Override
  public synchronized void importState(ResourceDefinition r, TableVersion rows, Map<String, Object> document) throws IOException {
    try {
      ensureCreated();
      inTransaction(() -> fold(r, rows != null ? rows : document));
    } catch (SQLException e) {
      throw new IOException("could not write resource " + r.name() + " to " + tables.describe() + ": " + e.getMessage(), e);
    }
  }

  /** Creates the envelope and change tables once, at the first write-capable use. */
  private void ensureCreated() throws SQLException {
    if (!created) {
      connection.setAutoCommit(true);
      tables.create(connection);
      created = true;
    }
  }

  /** Rewrites a resource's envelope with its full state and drops its logged changes. */
  private void fold(ResourceDefinition r, Object state) throws SQLException {
    writeEnvelope(r, state);
    logged.remove(r.name());
    unfolded.remove(r.name());
  }

  /** The statements of a fold, without the bookkeeping. */
  private void writeEnvelope(ResourceDefinition r, Object state) throws SQLException {
    tables.write(connection, r.name(), r.kind() == dev.asyncdb.engine.ResourceKind.COLLECTION ? "collection" : "document", seedHash(r),
        Json.write(state instanceof TableVersion rows ? records(rows) : state));
    tables.clearChanges(connection, r.name());
  }

  private static List<Map<String, Object>> records(TableVersion rows) {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (int row : rows.liveRows()) {
      out.add(rows.record(row));
    }
    return out;
  }

  private static String seedHash(ResourceDefinition r) {
    return r.source().seedHash() == null ? null : r.source().seedHash().get();
  }

  private interface SqlWork {
    void run() throws SQLException;
  }

  private void inTransaction(SqlWork work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** Folds every resource with logged changes, so the envelope table alone holds the newest state. */
  @Override
  public synchronized void close() throws IOException {
    try {
      if (!unfolded.isEmpty()) {
        inTransaction(() -> {
          for (ResourceChange c : List.copyOf(unfolded.values())) {
            fold(c.resource(), c.rows());
          }
        });
      }
    } catch (SQLException e) {
      throw new IOException("the " + driver + " store could not checkpoint " + tables.describe()
          + " on close (the logged changes are kept and folded at the next open): " + e.getMessage(), e);
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing after a failed checkpoint: the first error is the one worth reporting.
      }
    }
  }
}
