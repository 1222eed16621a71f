package dev.asyncdb.calcite;

import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.runtime.Snapshot;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.DataContexts;
import org.apache.calcite.rex.RexNode;

/**
 * What a scan of a collection reads in one execution, for operators that work on its columns
 * directly instead of on built rows (columnar aggregates, top-N): the committed version, the
 * conditions the scan understood from its pushed filters, and the rows a key lookup or declared
 * index already selected. It exists only when the scan alone decides the rows: none when the
 * connection's transaction changed the collection (its writes are overlaid row by row) or a
 * filter is left that the scan cannot evaluate (Calcite would apply it) — then the caller runs
 * the ordinary plan.
 */
public final class ScanSnapshot {
  private final CollectionTable table;
  private final TableVersion version;
  private final int[] rows;
  private final List<ScanCondition> conditions;
  private final AtomicBoolean statementCancel;

  private ScanSnapshot(CollectionTable table, TableVersion version, int[] rows, List<ScanCondition> conditions, AtomicBoolean statementCancel) {
    this.table = table;
    this.version = version;
    this.rows = rows;
    this.conditions = conditions;
    this.statementCancel = statementCancel;
  }

  /** The read of {@code table} under {@code filters} (over the table's columns) for this execution, or null (see the class comment). */
  public static ScanSnapshot open(CollectionTable table, DataContext root, List<RexNode> filters) {
    TableVersion version = table.version();
    if (table.hasStagedChanges()) {
      return null;
    }
    List<RexNode> left = new ArrayList<>(filters);
    ScanFilter filter = ScanFilter.analyze(table, version.table(), left, root);
    if (!left.isEmpty()) {
      return null;
    }
    int[] rows = filter.keys != null ? CollectionTable.lookup(version, filter)
        : filter.probe != null ? CollectionTable.probe(version, filter, table.indexKeys(filter.probe.field())) : null;
    AtomicBoolean cancel = root == null ? null : DataContext.Variable.CANCEL_FLAG.get(root);
    return new ScanSnapshot(table, version, rows, rows != null ? List.of() : filter.conditions, cancel);
  }

  /**
   * The read of a collection under conditions the caller already resolved (the driver's native
   * path, which plans no Calcite query): the connection's committed version, every live slot a
   * candidate. Null when the collection is not held as rows of its own (a mapped table left in its
   * database) or the connection's transaction changed it — the caller then runs the query through
   * Calcite, which overlays those changes.
   */
  public static ScanSnapshot direct(SqlSession session, ResourceSchema schema, List<ScanCondition> conditions) {
    if (!schema.isCollection() || session.staged(schema.name()) != null) {
      return null;
    }
    Snapshot snapshot = session.snapshot();
    // Asking a mapped table for its rows would read it into memory; Calcite sends such a query to its database.
    if (snapshot.deferred(schema.name()) != null || snapshot.rows(schema.name()) == null) {
      return null;
    }
    CollectionTable table = new CollectionTable(session, schema, session.cancelFlag());
    return new ScanSnapshot(table, table.version(), null, List.copyOf(conditions), null);
  }

  /**
   * Whether the scan evaluates all of {@code filters} itself, whatever values their parameters get
   * (one of a type that does not fit the column still makes an execution fall back): the planning
   * check of the columnar operators.
   */
  public static boolean takesAll(CollectionTable table, List<RexNode> filters) {
    List<RexNode> left = new ArrayList<>(filters);
    ScanFilter.analyze(table, table.version().table(), left, DataContexts.EMPTY);
    return left.isEmpty();
  }

  public TableVersion version() {
    return version;
  }

  /**
   * The rows a key lookup or index selected, in insertion order and already passing every
   * condition; null when every live slot of the version is a candidate for {@link #conditions()}.
   */
  public int[] rows() {
    return rows;
  }

  /** Conditions every candidate row must pass (empty when {@link #rows()} were selected). */
  public List<ScanCondition> conditions() {
    return conditions;
  }

  public List<SqlColumn> columns() {
    return table.columns();
  }

  /** The stored column of SQL column {@code index}, or null when no record has the field. */
  public Column column(int index) {
    SqlColumn sc = table.column(index);
    return sc.wholeRecord() ? null : version.table().column(sc.name());
  }

  /** Throws a CancellationException when the statement or its connection was cancelled. */
  public void checkCancelled() {
    table.checkCancelled(statementCancel);
  }
}
