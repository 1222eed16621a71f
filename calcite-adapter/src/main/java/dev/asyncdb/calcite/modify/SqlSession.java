package dev.asyncdb.calcite.modify;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.StagedCollection;
import dev.asyncdb.engine.Transaction;
import dev.asyncdb.engine.runtime.Snapshot;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The transaction state of one SQL connection. With autocommit each writing statement is its own
 * {@link Transaction}, committed when the statement ends; without it, one transaction spans
 * statements until {@link #commit()} or {@link #rollback()}, begun at the first statement so
 * every read sees one snapshot plus the transaction's own writes. A failing statement undoes only
 * its own changes (a savepoint per statement). Scans ask the session which state to read.
 */
public final class SqlSession {
  private volatile AsyncDb db;
  private boolean autoCommit = true;
  private boolean readOnly;
  /** The open transaction (autocommit off), or null. */
  private Transaction transaction;
  /** The snapshot an autocommit statement reads, so its reads and its write check see one state. */
  private Snapshot statementSnapshot;
  /** A transaction spanning one JDBC batch under autocommit, so the batch is atomic. */
  private boolean batch;
  /** Statements nest when one runs another (a cached plan behind an ad-hoc query); the outermost owns the boundaries. */
  private int statementDepth;
  /** The running statement's inserted records, as the lists its writes returned (one per bulk insert, no object per row). */
  private final List<InsertedRows> inserted = new ArrayList<>();
  /** Refuses a commit (by throwing) when this session's engine is no longer the project's current one. */
  private volatile Runnable commitCheck = () -> { };

  /** A row a statement inserted, as stored (defaults and generated id included). */
  public record InsertedRow(ResourceSchema table, Map<String, Object> record) {}

  /** Records inserted into one table. */
  private record InsertedRows(ResourceSchema table, List<Map<String, Object>> records) {}

  /** Raised by a server whose statement timeout expired: every scan of the connection stops at its next row. */
  private final java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();

  public SqlSession(AsyncDb db) {
    this.db = db;
  }

  /** The connection's scan cancel flag; it outlives schema rebinding after DDL. */
  public java.util.concurrent.atomic.AtomicBoolean cancelFlag() {
    return cancel;
  }

  public AsyncDb db() {
    return db;
  }

  /** Sets the check every commit runs under the engine's write lock (the driver refuses commits to a replaced engine). */
  public void commitCheck(Runnable check) {
    this.commitCheck = check;
  }

  /** Moves the session to a reopened engine (after DDL); refused while a transaction is open. */
  public synchronized void rebind(AsyncDb next) {
    if (transaction != null && transaction.hasChanges()) {
      throw new DbException("SQL_TRANSACTION_OPEN", 400, "Cannot switch to the reloaded project while this connection's transaction has uncommitted changes.",
          "Commit or roll back first.", Map.of());
    }
    transaction = null;
    db = next;
  }

  // ---- reads ----

  /** The committed state this connection's statements read now. */
  public synchronized Snapshot snapshot() {
    Transaction tx = openTransaction();
    if (tx != null) {
      return tx.snapshot();
    }
    return statementSnapshot != null ? statementSnapshot : db.database().snapshot();
  }

  /** This connection's uncommitted changes to a collection, or null. */
  public synchronized StagedCollection staged(String collection) {
    return transaction == null ? null : transaction.staged(collection);
  }

  /** A document as this connection sees it. */
  public synchronized Map<String, Object> document(String name) {
    Transaction tx = openTransaction();
    return tx != null ? tx.document(name) : snapshot().document(name);
  }

  private Transaction openTransaction() {
    if (transaction == null && (!autoCommit || batch)) {
      transaction = Transaction.begin(db);
    }
    return transaction;
  }

  // ---- writes ----

  /**
   * Runs one statement's changes: all of them or none. Under autocommit they commit at once;
   * inside a transaction a failure rolls back to where the statement began.
   */
  public synchronized <T> T write(Function<Transaction, T> body) {
    if (readOnly) {
      throw new DbException("SQL_READ_ONLY", 405, "This connection is read-only; the statement would change data.",
          "Open the connection without readOnly=true (or call setReadOnly(false)) to write.", Map.of());
    }
    Transaction open = openTransaction();
    if (open != null) {
      int savepoint = open.savepoint();
      int insertedBefore = inserted.size();
      try {
        return body.apply(open);
      } catch (RuntimeException e) {
        open.rollbackTo(savepoint);
        inserted.subList(insertedBefore, inserted.size()).clear();
        throw e;
      }
    }
    Transaction tx = statementSnapshot != null ? Transaction.begin(db, statementSnapshot) : Transaction.begin(db);
    try {
      T result = body.apply(tx);
      tx.commit(commitCheck);
      return result;
    } catch (RuntimeException e) {
      tx.rollback();
      inserted.clear();
      throw e;
    }
  }

  /** Records a row the running statement inserted. */
  public synchronized void inserted(ResourceSchema table, Map<String, Object> record) {
    inserted.add(new InsertedRows(table, List.of(record)));
  }

  /** Records rows the running statement inserted (the list is kept as it is). */
  public synchronized void inserted(ResourceSchema table, List<Map<String, Object>> records) {
    inserted.add(new InsertedRows(table, records));
  }

  // ---- statement and transaction boundaries ----

  /** Marks the start of one statement's execution: under autocommit its reads share one snapshot. */
  public synchronized void beginStatement() {
    if (statementDepth++ > 0) {
      return;
    }
    inserted.clear();
    if (autoCommit && !batch) {
      statementSnapshot = db.database().snapshot();
    }
  }

  /** Marks the end of a statement's execution; returns the records it inserted. */
  public synchronized List<InsertedRow> endStatement() {
    if (--statementDepth > 0) {
      return List.of();
    }
    statementSnapshot = null;
    List<InsertedRows> parts = List.copyOf(inserted);
    inserted.clear();
    int total = 0;
    for (InsertedRows p : parts) {
      total += p.records().size();
    }
    int size = total;
    // Read only when the application asks for generated keys: rows are made one by one then.
    return new java.util.AbstractList<>() {
      @Override
      public InsertedRow get(int index) {
        int i = index;
        for (InsertedRows p : parts) {
          if (i < p.records().size()) {
            return new InsertedRow(p.table(), p.records().get(i));
          }
          i -= p.records().size();
        }
        throw new IndexOutOfBoundsException(index);
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /**
   * Runs a JDBC batch under autocommit as one transaction: every statement of it commits, or none.
   * Returns whether a batch transaction was opened (not inside an explicit transaction).
   */
  public synchronized boolean beginBatch() {
    if (!autoCommit || batch) {
      return false;
    }
    batch = true;
    return true;
  }

  /** Commits (or on failure discards) the batch transaction {@link #beginBatch} opened. */
  public synchronized void endBatch(boolean success) {
    if (!batch) {
      return;
    }
    batch = false;
    Transaction tx = transaction;
    transaction = null;
    if (tx != null) {
      if (success) {
        tx.commit(commitCheck);
      } else {
        tx.rollback();
      }
    }
  }

  public synchronized boolean autoCommit() {
    return autoCommit;
  }

  /** Turning autocommit on commits the open transaction, as JDBC asks. */
  public synchronized void autoCommit(boolean on) {
    if (on && !autoCommit) {
      commit();
    }
    autoCommit = on;
  }

  public synchronized boolean readOnly() {
    return readOnly;
  }

  public synchronized void readOnly(boolean on) {
    readOnly = on;
  }

  /** Whether a transaction holds uncommitted changes. */
  public synchronized boolean inTransaction() {
    return transaction != null && transaction.hasChanges();
  }

  public synchronized void commit() {
    Transaction tx = transaction;
    transaction = null;
    if (tx != null) {
      tx.commit(commitCheck);
    }
  }

  public synchronized void rollback() {
    Transaction tx = transaction;
    transaction = null;
    if (tx != null) {
      tx.rollback();
    }
  }
}
