package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.ddl.DdlExecutor;
import dev.asyncdb.calcite.ddl.DdlParser;
import dev.asyncdb.calcite.ddl.DdlStatement;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Wraps Calcite's connection where Async DB must behave differently: transactions, autocommit and
 * read-only are the connection's {@link SqlSession} (Calcite has no transactions of its own);
 * statements are {@link StatementHandler}s; SQL passes through {@link SqlRewriter} (SQLite
 * introspection); {@code getMetaData()} answers keys, relations and column types from the
 * {@code meta} schema ({@link Metadata}). Everything else is Calcite's.
 */
final class ConnectionWrapper implements InvocationHandler {
  /** Calcite's connection, set up in the background; everything but native statements and transaction control waits for it. */
  private final SqlLayer sqlLayer;
  private volatile boolean closed;
  private final SqlSession session;
  /** The connection's hold on its engine; replaced when DDL reopens the project. Released on close. */
  private volatile EngineRegistry.Lease lease;
  private PlanCache plans;
  private Connection self;

  private ConnectionWrapper(SqlLayer sql, SqlSession session, EngineRegistry.Lease lease) {
    this.sqlLayer = sql;
    this.session = session;
    this.lease = lease;
    // A transaction may only commit to the project's current engine: after DDL replaced it, the commit is refused (40001).
    session.commitCheck(() -> {
      if (!this.lease.isCurrent()) {
        throw new DbException("SQL_PROJECT_RELOADED", 409, "The project was reloaded by a DDL statement after this transaction began; nothing was applied.",
            "Run the transaction again.", Map.of("sqlState", "40001"));
      }
    });
  }

  static Connection wrap(SqlLayer sql, SqlSession session, EngineRegistry.Lease lease) {
    ConnectionWrapper h = new ConnectionWrapper(sql, session, lease);
    h.self = (Connection) Proxy.newProxyInstance(ConnectionWrapper.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    // Cached plans are prepared through this wrapper, so ad-hoc key lookups reach the fast path too.
    h.plans = new PlanCache(h.self);
    return h.self;
  }

  /** Moves the connection to the project's current engine when DDL replaced it (never inside a transaction with changes). */
  synchronized void refresh() throws SQLException {
    if (lease.isCurrent() || session.inTransaction()) {
      return;
    }
    lease = lease.refresh();
    rebind();
  }

  private void rebind() throws SQLException {
    session.rebind(lease.db());
    ProjectSchemas.install(sqlLayer.get().unwrap(CalciteConnection.class), session);
    plans.close();
  }

  /**
   * Runs a DDL statement. It ends the open transaction (as DDL does in most databases); the file
   * changes and the reopening of the project happen under the engine's write lock, so no commit to
   * the old engine can slip in between; record changes it implies run on the reopened engine.
   */
  /** Reopens the project from its files and moves this connection to the new engine (see {@link ProjectReloader}). */
  synchronized void reloadProject() throws SQLException {
    try {
      session.commit();
      lease = lease.reopen();
      rebind();
    } catch (DbException e) {
      throw SqlStates.of(e);
    }
  }

  synchronized void executeDdl(String sql) throws SQLException {
    try {
      DdlStatement statement = DdlParser.parse(sql);
      if (session.readOnly()) {
        throw new DbException("SQL_READ_ONLY", 405, "This connection is read-only; DDL changes the project.",
            "Open the connection without readOnly=true to run DDL.", Map.of());
      }
      session.commit();
      refresh();
      AsyncDb db = session.db();
      DdlExecutor executor = new DdlExecutor(db, query -> {
        try (PreparedStatement check = sqlLayer.get().prepareStatement(query)) {
          check.getMetaData();
        }
      });
      DdlExecutor.Outcome outcome = db.database().write(tx -> {
        DdlExecutor.Outcome o = executor.execute(statement);
        if (o.reload()) {
          lease = lease.reopen();
          try {
            rebind();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }
        return o;
      });
      if (outcome.afterReload() != null) {
        outcome.afterReload().accept(session.db());
      }
    } catch (DbException e) {
      throw SqlStates.of(e);
    }
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    try {
      Object answer = transactionControl(name, args);
      if (answer != NOT_HANDLED) {
        return answer;
      }
    } catch (DbException e) {
      throw SqlStates.of(e);
    }
    if ((name.equals("prepareStatement") || name.equals("prepareCall") || name.equals("nativeSQL")) && args != null && args[0] instanceof String sql) {
      args[0] = SqlRewriter.rewrite(sql);
    }
    if (name.equals("unwrap") && args[0] instanceof Class<?> c && c.isInstance(self)) {
      return self;
    }
    // The native API over the same engine: one JVM can use JDBC and AsyncDb on one project without a second writer.
    if (name.equals("unwrap") && args[0] == AsyncDb.class) {
      // DDL on another connection may have reopened the project: hand out the engine serving now, not a closed one.
      refresh();
      return lease.db();
    }
    if (name.equals("unwrap") && args[0] == ProjectReloader.class) {
      return new ProjectReloader() {
        @Override
        public void reloadProject() throws SQLException {
          ConnectionWrapper.this.reloadProject();
        }

        @Override
        public boolean sourcesChanged() {
          return lease.sourcesChanged();
        }
      };
    }
    if (name.equals("isWrapperFor") && args[0] == AsyncDb.class) {
      return true;
    }
    if (name.equals("close")) {
      if (closed) {
        return null;
      }
      closed = true;
      plans.close();
      try {
        session.rollback();
        sqlLayer.close();
        return null;
      } finally {
        lease.release();
      }
    }
    if (name.equals("isClosed")) {
      return closed;
    }
    if (name.equals("createStatement") && (args == null || args.length == 0)) {
      checkOpen();
      // Created on Calcite's connection when a statement first needs it: a native statement never does.
      return StatementHandler.lazy(this);
    }
    if (name.equals("prepareStatement")) {
      return prepare(method, args);
    }
    Object result = advised(sqlLayer.get(), method, args);
    if (name.equals("getMetaData")) {
      return Metadata.wrap((DatabaseMetaData) result, self);
    }
    if (result instanceof Statement s) {
      return StatementHandler.wrap(s, this, null, GeneratedKeys.Request.KEYS);
    }
    return result;
  }

  private static final Object NOT_HANDLED = new Object();

  /** Autocommit, commit, rollback, read-only and isolation: the session's, not Calcite's. */
  private Object transactionControl(String name, Object[] args) throws SQLException {
    switch (name) {
      case "setAutoCommit":
        session.autoCommit((Boolean) args[0]);
        return null;
      case "getAutoCommit":
        return session.autoCommit();
      case "commit":
        session.commit();
        return null;
      case "rollback":
        if (args != null) {
          throw savepoints();
        }
        session.rollback();
        return null;
      case "setSavepoint":
      case "releaseSavepoint":
        throw savepoints();
      case "setReadOnly":
        if (session.inTransaction()) {
          throw new SQLException("Cannot change read-only mode while a transaction has uncommitted changes. Commit or roll back first.", "25001");
        }
        session.readOnly((Boolean) args[0]);
        return null;
      case "isReadOnly":
        return session.readOnly();
      case "getTransactionIsolation":
        return Connection.TRANSACTION_REPEATABLE_READ;
      case "setTransactionIsolation":
        if ((Integer) args[0] == Connection.TRANSACTION_SERIALIZABLE) {
          throw new SQLFeatureNotSupportedException("Async DB offers snapshot isolation (TRANSACTION_REPEATABLE_READ, with write-write conflict"
              + " detection), not SERIALIZABLE. Use REPEATABLE_READ or a lower level; lower levels get snapshot isolation too.", "0A000");
        }
        return null;
      default:
        return NOT_HANDLED;
    }
  }

  private static SQLException savepoints() {
    return new SQLFeatureNotSupportedException("Savepoints are not supported; a failing statement already undoes only its own changes."
        + " Use commit() or rollback() for the whole transaction.", "0A000");
  }

  /**
   * prepareStatement, with the generated-key variants answered by the driver (Calcite only knows
   * the plain form); DDL is prepared as a statement the driver runs itself.
   */
  private Object prepare(Method method, Object[] args) throws Throwable {
    refresh();
    if (DdlParser.isDdl((String) args[0])) {
      return StatementHandler.wrap(sqlLayer.get().createStatement(), this, (String) args[0], GeneratedKeys.Request.KEYS);
    }
    Class<?>[] types = method.getParameterTypes();
    GeneratedKeys.Request keys = GeneratedKeys.Request.KEYS;
    Object[] callArgs = args;
    Method call = method;
    if (types.length == 2) {
      keys = StatementHandler.request(args[1]);
      call = Connection.class.getMethod("prepareStatement", String.class);
      callArgs = new Object[] {args[0]};
    }
    PreparedStatement ps = (PreparedStatement) advised(sqlLayer.get(), call, callArgs);
    String sql = (String) callArgs[0];
    KeyLookup lookup = KeyLookup.recognise(sql, session);
    if (lookup != null) {
      ps = KeyLookupStatement.wrap(ps, lookup);
    } else if (sql.stripLeading().regionMatches(true, 0, "insert", 0, 6)) {
      FastInsert insert = FastInsert.recognise(sql, session);
      if (insert != null) {
        ps = FastInsertStatement.wrap(ps, insert);
      }
    }
    return StatementHandler.wrap(ps, this, null, keys, sql);
  }

  /** A statement on Calcite's connection, for a statement handed out before it was needed. */
  Statement createCalciteStatement() throws SQLException {
    checkOpen();
    return sqlLayer.get().createStatement();
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("The connection is closed; open a new one.", "08003");
    }
  }

  Connection self() {
    return self;
  }

  SqlSession session() {
    return session;
  }

  PlanCache plans() {
    return plans;
  }

  /** Calls through, turning engine errors and "not found" errors into advised SQLExceptions. */
  private Object advised(Object on, Method method, Object[] args) throws Throwable {
    try {
      return call(on, method, args);
    } catch (SQLException e) {
      throw ErrorAdvisor.advise(e, session.db());
    }
  }

  /**
   * Calls {@code method} on {@code target}. The driver's proxies pass the same few {@code Method}
   * objects on every call; each is made accessible once, so that {@code invoke} skips its caller
   * check (a stack walk per call).
   */
  @SuppressWarnings("deprecation") // isAccessible() reads the flag setAccessible sets; canAccess would check again
  static Object call(Object target, Method method, Object[] args) throws Throwable {
    if (!method.isAccessible()) {
      try {
        method.setAccessible(true);
      } catch (RuntimeException refused) {
        // The module system's refusal: invoke checks access itself, as before.
      }
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
