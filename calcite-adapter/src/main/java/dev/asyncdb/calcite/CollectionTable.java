package dev.asyncdb.calcite;

import dev.asyncdb.calcite.modify.AbstractResourceTable;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.calcite.modify.StagedScan;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.StagedCollection;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.SecondaryIndex;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;

/**
 * A collection as a SQL table: key columns first, then the other fields, then {@code _record}
 * (the whole record as JSON). A scan reads one committed version, so a query sees one state of the
 * collection however long it runs, and writers are never blocked. Inside a transaction that changed
 * the collection it reads that transaction's view instead ({@link StagedScan}).
 */
public final class CollectionTable extends AbstractResourceTable implements ProjectableFilterableTable {
  private final AtomicBoolean connectionCancel;

  static {
    ReadRules.install();
  }

  /** Tables are rebuilt when DDL or live reload reopens the project, so this never goes stale. */
  private final Set<String> indexedFields;

  CollectionTable(SqlSession session, ResourceSchema schema, AtomicBoolean connectionCancel) {
    super(session, schema);
    this.indexedFields = indexedFields(session, schema);
    this.connectionCancel = connectionCancel;
  }

  /** SQL columns of a resource: key fields, the other fields in schema order, then {@code _record} for collections. */
  public static List<SqlColumn> columnsOf(ResourceSchema schema) {
    List<SqlColumn> out = new ArrayList<>();
    List<String> keys = schema.isCollection() ? schema.keyFields() : List.of();
    for (String k : keys) {
      FieldDef f = schema.field(k);
      if (f != null) {
        out.add(SqlColumn.of(f, true));
      }
    }
    for (FieldDef f : schema.fields().values()) {
      if (!keys.contains(f.name())) {
        out.add(SqlColumn.of(f, false));
      }
    }
    if (schema.isCollection()) {
      out.add(SqlColumn.record());
    }
    return out;
  }

  /** Whether no two rows share a value of the column: true of the key column of a single-field key. */
  public boolean uniqueColumn(int index) {
    return index == 0 && schema.isCollection() && schema.keyFields().size() == 1 && !columns.isEmpty()
        && columns.get(0).name().equals(schema.keyFields().get(0));
  }

  SqlColumn column(int index) {
    return columns.get(index);
  }

  /** The current column of a field in the collection's committed rows, or null. */
  Column liveColumn(String field) {
    TableVersion version = session.snapshot().rows(schema.name());
    return version == null ? null : version.table().column(field);
  }

  /** Leading fields of the resource's declared indexes ({@code resources.<name>.indexes}), fixed for this engine. */
  private static Set<String> indexedFields(SqlSession session, ResourceSchema schema) {
    Set<String> out = new LinkedHashSet<>();
    for (List<String> index : session.db().database().resolve(schema.name()).definition().indexes()) {
      if (!index.isEmpty()) {
        out.add(index.get(0));
      }
    }
    return Set.copyOf(out);
  }

  /**
   * Whether a declared index can answer conditions on a column: its stored values must compare as
   * their SQL values (plain strings, numbers or booleans; dates and timestamps compare as parsed).
   */
  boolean indexable(SqlColumn sc, Column c) {
    if (c == null || !indexedFields.contains(sc.name())) {
      return false;
    }
    return switch (sc.type()) {
      case VARCHAR -> c.kind() == Column.Kind.STRING;
      case BIGINT -> c.kind() == Column.Kind.LONG;
      case DOUBLE -> c.kind() == Column.Kind.LONG || c.kind() == Column.Kind.DOUBLE;
      case BOOLEAN -> c.kind() == Column.Kind.BOOLEAN;
      // Date-times and dates are stored as ISO text; their index orders by the instant or day it denotes.
      case TIMESTAMP, DATE -> c.kind() == Column.Kind.STRING;
      default -> false;
    };
  }

  /** How the index of an indexable column orders its values. */
  SecondaryIndex.Keys indexKeys(String field) {
    for (SqlColumn sc : columns) {
      if (sc.name().equals(field)) {
        return sc.type() == SqlTypeName.TIMESTAMP ? SecondaryIndex.Keys.INSTANTS : sc.type() == SqlTypeName.DATE ? SecondaryIndex.Keys.DAYS
            : SecondaryIndex.Keys.VALUES;
      }
    }
    return SecondaryIndex.Keys.VALUES;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (SqlColumn c : columns) {
      b.add(c.name(), c.relType(factory));
    }
    return b.build();
  }

  /** The committed version a statement of this connection reads now. */
  TableVersion version() {
    TableVersion version = session.snapshot().rows(schema.name());
    if (version == null) {
      throw new DbException("DB_UNKNOWN_RESOURCE", 404, "Table " + schema.name() + " no longer exists (a DDL statement dropped it).",
          "Prepare the statement again.", Map.of("resource", schema.name()));
    }
    return version;
  }

  /** Whether this connection's open transaction has changed the collection (reads must overlay its writes). */
  boolean hasStagedChanges() {
    return session.staged(schema.name()) != null;
  }

  /** Throws when the statement or the connection was cancelled; long loops over rows call it now and then. */
  void checkCancelled(AtomicBoolean statementCancel) {
    if (connectionCancel.get() || statementCancel != null && statementCancel.get()) {
      throw new CancellationException("The statement was cancelled while scanning " + schema.name() + ".");
    }
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
    TableVersion version = version();
    int[] project = projects != null ? projects : allColumns();
    StagedCollection staged = session.staged(schema.name());
    if (staged != null) {
      return StagedScan.of(columns, version, staged, project);
    }
    RecordTable table = version.table();
    ScanFilter filter = ScanFilter.analyze(this, table, filters, root);
    Column[] sources = new Column[project.length];
    for (int i = 0; i < project.length; i++) {
      sources[i] = table.column(columns.get(project[i]).name());
    }
    int[] rows = filter.keys != null ? lookup(version, filter) : filter.probe != null ? probe(version, filter, indexKeys(filter.probe.field())) : null;
    AtomicBoolean statementCancel = root == null ? null : DataContext.Variable.CANCEL_FLAG.get(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new RowEnumerator(version, rows, filter.predicates, project, sources, statementCancel);
      }
    };
  }

  static int[] lookup(TableVersion version, ScanFilter filter) {
    List<Integer> hits = new ArrayList<>();
    for (String key : filter.keys) {
      for (int row : version.findAll(key)) {
        if (!hits.contains(row) && matches(filter.predicates, row)) {
          hits.add(row);
        }
      }
    }
    return hits.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Rows of the version the index names, filtered by every predicate, in insertion order. */
  static int[] probe(TableVersion version, ScanFilter filter, SecondaryIndex.Keys keys) {
    ScanFilter.IndexProbe p = filter.probe;
    SecondaryIndex index = version.table().secondaryIndex(p.field(), keys);
    if (index == null) {
      return new int[0];
    }
    IntList hits = new IntList();
    java.util.function.IntConsumer take = row -> {
      if (version.isLive(row) && matches(filter.predicates, row)) {
        hits.add(row);
      }
    };
    if (p.points() != null) {
      java.util.Set<Object> seen = new java.util.HashSet<>();
      for (Object v : p.points()) {
        if (seen.add(v)) {
          index.equal(v, take);
        }
      }
    } else {
      index.range(p.low(), p.lowInclusive(), p.high(), p.highInclusive(), take);
    }
    int[] rows = hits.toArray();
    // Without ORDER BY, rows come in insertion order, as from a scan.
    long[] keyed = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      keyed[i] = ((long) version.slotOfRow(rows[i]) << 32) | (rows[i] & 0xffffffffL);
    }
    java.util.Arrays.sort(keyed);
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (int) keyed[i];
    }
    return rows;
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] values = new int[16];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }

  static boolean matches(List<RowPredicate> predicates, int row) {
    for (RowPredicate p : predicates) {
      if (!p.test(row)) {
        return false;
      }
    }
    return true;
  }

  private int[] allColumns() {
    int[] all = new int[columns.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /**
   * Walks either looked-up rows or all live slots, building only rows that pass the predicates.
   * Calcite checks a statement's cancel flag only between result rows; checking it here too, with
   * the connection's ({@link AsyncDbSchema#cancelFlag()}), stops a runaway join or aggregate
   * (Statement.cancel(), the server's statement timeout) while its outer scan advances, long
   * before it would produce a row.
   */
  private final class RowEnumerator implements Enumerator<Object[]> {
    private final TableVersion version;
    private final int[] rows;
    private final RowPredicate[] predicates;
    private final int[] project;
    private final Column[] sources;
    private final AtomicBoolean statementCancel;
    private int position = -1;
    private Object[] current;

    RowEnumerator(TableVersion version, int[] rows, List<RowPredicate> predicates, int[] project, Column[] sources, AtomicBoolean statementCancel) {
      this.version = version;
      this.rows = rows;
      this.predicates = predicates.toArray(new RowPredicate[0]);
      this.project = project;
      this.sources = sources;
      this.statementCancel = statementCancel;
    }

    @Override
    public Object[] current() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public boolean moveNext() {
      checkCancelled(statementCancel);
      if (rows != null) {
        if (++position >= rows.length) {
          return false;
        }
        current = build(rows[position]);
        return true;
      }
      int end = version.slotCount();
      while (++position < end) {
        int row = version.rowAt(position);
        if (row >= 0 && passes(row)) {
          current = build(row);
          return true;
        }
      }
      return false;
    }

    private boolean passes(int row) {
      for (RowPredicate p : predicates) {
        if (!p.test(row)) {
          return false;
        }
      }
      return true;
    }

    private Object[] build(int row) {
      Object[] out = new Object[project.length];
      for (int i = 0; i < project.length; i++) {
        SqlColumn c = columns.get(project[i]);
        out[i] = c.wholeRecord() ? Json.write(version.record(row)) : c.read(sources[i], row);
      }
      return out;
    }

    @Override
    public void reset() {
      position = -1;
      current = null;
    }

    @Override
    public void close() {
      // Nothing held: the version is an immutable snapshot.
    }
  }

  @Override
  public String toString() {
    return "CollectionTable(" + schema.name() + ")";
  }
}
