package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.ddl.DdlParser;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.calcite.modify.SqlSession.InsertedRow;
import dev.asyncdb.engine.DbException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A Calcite statement as the driver hands it out. Every execution is one statement of the
 * connection's {@link SqlSession}: under autocommit its reads share one snapshot and its writes
 * commit when it ends (a statement that lost a write-write race is re-run, up to three times,
 * since nothing of it was applied); a JDBC batch commits as a whole. Errors get their SQLStates,
 * and the rows a statement inserted answer {@code getGeneratedKeys()}. Ad-hoc queries go through
 * the connection's plan cache and the SQLite rewrites.
 */
final class StatementHandler implements InvocationHandler {
  private static final int CONFLICT_ATTEMPTS = 3;

  /** Calcite's statement; for a plain statement, created when first needed ({@link #lazy}). */
  private Statement target;
  /** A lazily created statement was closed before it needed Calcite's. */
  private boolean closedEarly;
  private final ConnectionWrapper owner;
  private final Connection connection;
  private final SqlSession session;
  /** The DDL text of a prepared DDL statement (run by the driver, not Calcite), else null. */
  private final String preparedDdl;
  private final boolean prepared;
  private GeneratedKeys.Request keys;
  /** The update count of the last execution when it was DDL (Calcite's statement knows nothing of it), else null. */
  private Integer ddlCount;
  private List<InsertedRow> inserted = List.of();
  private String borrowedTemplate;
  private PreparedStatement borrowed;
  private Statement self;
  /** The fast-insert handler behind {@code target}, called directly rather than through reflection; else null. */
  private final FastInsertStatement fast;

  private StatementHandler(Statement target, ConnectionWrapper owner, String preparedDdl, GeneratedKeys.Request keys) {
    this.target = target;
    this.owner = owner;
    this.connection = owner.self();
    this.session = owner.session();
    this.preparedDdl = preparedDdl;
    this.prepared = target instanceof PreparedStatement || preparedDdl != null;
    this.keys = keys;
    this.fast = target == null ? null : FastInsertStatement.handlerOf(target);
  }

  /**
   * A plain statement whose Calcite statement is created only when something needs it: a
   * statement the driver answers itself runs while Calcite's connection is still being set up.
   */
  static Statement lazy(ConnectionWrapper owner) {
    StatementHandler h = new StatementHandler(null, owner, null, GeneratedKeys.Request.KEYS);
    h.self = (Statement) Proxy.newProxyInstance(StatementHandler.class.getClassLoader(), new Class<?>[] {Statement.class}, h);
    return h.self;
  }

  private Statement target() throws SQLException {
    if (target == null) {
      if (closedEarly) {
        throw new SQLException("The statement is closed; create a new one.", "HY010");
      }
      target = owner.createCalciteStatement();
    }
    return target;
  }

  static Statement wrap(Statement target, ConnectionWrapper owner, String preparedDdl, GeneratedKeys.Request keys) {
    return wrap(target, owner, preparedDdl, keys, null);
  }

  /** @param preparedSql the SQL of a prepared statement (an EXPLAIN gets access paths added to its result), else null */
  static Statement wrap(Statement target, ConnectionWrapper owner, String preparedDdl, GeneratedKeys.Request keys, String preparedSql) {
    StatementHandler h = new StatementHandler(target, owner, preparedDdl, keys);
    if (preparedSql != null && ExplainResults.isExplain(preparedSql)) {
      h.explain = true;
      h.explainSql = preparedSql;
    }
    Class<?> type = target instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
        : h.prepared ? PreparedStatement.class : Statement.class;
    h.self = (Statement) Proxy.newProxyInstance(StatementHandler.class.getClassLoader(), new Class<?>[] {type}, h);
    return h.self;
  }

  private static final java.util.regex.Pattern QUERY = java.util.regex.Pattern.compile("(?is)\\s*(select|with)\\b");
  /** The result of a query run through the plan cache by execute(String), handed out by getResultSet. */
  private ResultSet cachedResult;
  /** getMoreResults moved past that result: no result set and no update count until the next execute. */
  private boolean cachedDone;

  /** Whether the statement's last SQL was an EXPLAIN PLAN, whose result gets access paths added. */
  private boolean explain;
  private String explainSql;

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (fast != null && fast.recordCall(method, args)) {
      return null; // a parameter or addBatch() of a load: recorded, nothing else to do
    }
    String name = method.getName();
    if (!prepared && name.startsWith("execute") && args != null && args.length > 0 && args[0] instanceof String sql) {
      explain = ExplainResults.isExplain(sql);
      explainSql = explain ? sql : null;
    }
    Object result = dispatch(proxy, method, args);
    if (explain && result instanceof ResultSet rs && (name.equals("executeQuery") || name.equals("getResultSet"))) {
      return ExplainResults.wrap(rs, connection.unwrap(org.apache.calcite.jdbc.CalciteConnection.class), explainSql, session.db());
    }
    return result;
  }

  private Object dispatch(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "getConnection":
        return connection;
      case "getGeneratedKeys":
        return GeneratedKeys.of(inserted, keys, self);
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        break;
      case "close":
        release();
        if (target == null) {
          closedEarly = true;
          return null;
        }
        break;
      case "isClosed":
        if (target == null) {
          return closedEarly;
        }
        break;
      case "getUpdateCount":
      case "getLargeUpdateCount":
        if (cachedResult != null || cachedDone) {
          return name.equals("getUpdateCount") ? (Object) (-1) : (Object) (-1L);
        }
        if (ddlCount != null) {
          int count = ddlCount;
          ddlCount = -1;
          return name.equals("getUpdateCount") ? (Object) count : (Object) (long) count;
        }
        break;
      case "getResultSet":
        if (ddlCount != null) {
          return null;
        }
        if (cachedResult != null || cachedDone) {
          return cachedResult;
        }
        break;
      case "getMoreResults":
        if (ddlCount != null) {
          ddlCount = -1;
          return false;
        }
        if (cachedResult != null || cachedDone) {
          if (cachedResult != null) {
            cachedResult.close();
          }
          cachedResult = null;
          cachedDone = true;
          return false;
        }
        break;
      default:
        break;
    }
    if (preparedDdl != null) {
      return preparedDdl(method, args);
    }
    if (name.startsWith("execute")) {
      ddlCount = null;
      if (args != null && args.length > 0 && args[0] instanceof String sql && !name.equals("executeQuery") && !name.contains("Batch")
          && DdlParser.isDdl(sql)) {
        return ddl(sql, name);
      }
    }
    Method m = method;
    Object[] a = args;
    if (!prepared && a != null && a.length > 0 && a[0] instanceof String sql && (name.startsWith("execute") || name.equals("addBatch"))) {
      int markers = LiteralNormalizer.parameterMarkers(sql);
      if (markers > 0) {
        throw new java.sql.SQLException("The SQL has " + markers + " parameter marker" + (markers == 1 ? "" : "s") + " (?), which a plain Statement"
            + " cannot bind: " + abbreviate(sql) + ". Prepare it with Connection.prepareStatement(sql) and set the values with setXxx(index, value),"
            + " or write the values into the SQL.", "07001");
      }
      a[0] = SqlRewriter.rewrite(sql);
      if (name.startsWith("execute") && a.length == 2) {
        // execute(sql, RETURN_GENERATED_KEYS | columnIndexes | columnNames): Calcite runs the plain form; the keys are ours.
        keys = request(a[1]);
        m = Statement.class.getMethod(name, String.class);
        a = new Object[] {a[0]};
      }
    }
    if (!name.startsWith("execute")) {
      return advised(m, a);
    }
    release();
    cachedResult = null;
    cachedDone = false;
    Method call = m;
    Object[] callArgs = a;
    if (!prepared && name.equals("execute") && a.length == 1 && QUERY.matcher((String) a[0]).lookingAt()) {
      // Tools such as sqlline and DBeaver run queries with execute(String) + getResultSet(): the same
      // plan cache and key-lookup fast path as executeQuery.
      String sql = (String) a[0];
      NativeQuery nativeQuery = closedEarly ? null : NativeQuery.recognise(sql, session.db());
      return run(() -> {
        ResultSet cached = nativeQuery != null ? nativeQuery.execute(session, self) : null;
        cached = cached != null ? cached : cachedQuery(sql);
        if (cached != null) {
          cachedResult = cached;
          return true;
        }
        return ConnectionWrapper.call(target(), call, callArgs);
      }, false);
    }
    if (!prepared && name.equals("executeQuery")) {
      String sql = (String) a[0];
      NativeQuery nativeQuery = closedEarly ? null : NativeQuery.recognise(sql, session.db());
      return run(() -> {
        ResultSet cached = nativeQuery != null ? nativeQuery.execute(session, self) : null;
        cached = cached != null ? cached : cachedQuery(sql);
        return cached != null ? cached : ConnectionWrapper.call(target(), call, callArgs);
      }, false);
    }
    boolean batch = name.equals("executeBatch") || name.equals("executeLargeBatch");
    if (fast != null) {
      return run(() -> fast.invoke(target, call, callArgs), batch);
    }
    return run(() -> ConnectionWrapper.call(target(), call, callArgs), batch);
  }

  private static String abbreviate(String sql) {
    String one = sql.strip().replaceAll("\\s+", " ");
    return one.length() <= 120 ? one : one.substring(0, 117) + "...";
  }

  /** Runs DDL for execute/executeUpdate/executeLargeUpdate: no result set, update count 0. */
  private Object ddl(String sql, String method) throws SQLException {
    owner.executeDdl(sql);
    ddlCount = 0;
    return method.equals("execute") ? (Object) false : method.equals("executeLargeUpdate") ? (Object) 0L : (Object) 0;
  }

  /** A prepared DDL statement: it runs on execute, takes no parameters, and has no result metadata. */
  private Object preparedDdl(Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if ((name.equals("execute") || name.equals("executeUpdate") || name.equals("executeLargeUpdate")) && (args == null || args.length == 0)) {
      return ddl(preparedDdl, name);
    }
    if (name.equals("clearParameters")) {
      return null;
    }
    if (name.equals("getMetaData")) {
      return null;
    }
    if (method.getDeclaringClass().isAssignableFrom(Statement.class)) {
      return advised(method, args);
    }
    throw new java.sql.SQLFeatureNotSupportedException("A DDL statement takes no parameters and returns no rows (" + name + ").", "0A000");
  }

  /** The call a statement execution makes. */
  private interface Execution {
    Object call() throws Throwable;
  }

  static GeneratedKeys.Request request(Object option) {
    if (option instanceof int[] indexes) {
      return new GeneratedKeys.Request(indexes, null);
    }
    if (option instanceof String[] names) {
      return new GeneratedKeys.Request(null, names);
    }
    return GeneratedKeys.Request.KEYS;
  }

  /** One execution as one statement of the session (see the class comment). */
  private Object run(Execution body, boolean batch) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      owner.refresh();
      boolean ownBatch = batch && session.beginBatch();
      session.beginStatement();
      try {
        Object result = body.call();
        if (ownBatch) {
          session.endBatch(true);
        }
        return result;
      } catch (Throwable t) {
        if (ownBatch) {
          session.endBatch(false);
        }
        SQLException e = advise(t);
        if (!batch && attempt < CONFLICT_ATTEMPTS && "40001".equals(e.getSQLState()) && session.autoCommit()
            && t instanceof SQLException && isConflict(e)) {
          continue;
        }
        if (batch) {
          throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), new int[0], e);
        }
        throw e;
      } finally {
        inserted = session.endStatement();
      }
    }
  }

  /** A lost write-write race, or a commit refused because DDL reopened the project: re-running the statement is safe. */
  private static boolean isConflict(SQLException e) {
    return e.getCause() instanceof DbException d && (d.code().equals("DB_WRITE_CONFLICT") || d.code().equals("SQL_PROJECT_RELOADED"));
  }

  private SQLException advise(Throwable t) {
    if (t instanceof SQLException e) {
      return ErrorAdvisor.advise(e, session.db());
    }
    if (t instanceof DbException d) {
      return SqlStates.of(d);
    }
    if (t instanceof RuntimeException || t instanceof Error) {
      return new SQLException(t.getMessage(), "HY000", t);
    }
    return new SQLException(t);
  }

  private Object advised(Method m, Object[] a) throws Throwable {
    try {
      return fast != null ? fast.invoke(target, m, a) : ConnectionWrapper.call(target(), m, a);
    } catch (SQLException e) {
      throw ErrorAdvisor.advise(e, session.db());
    }
  }

  /**
   * An ad-hoc query run on a cached plan for its literal-normalized template (the query itself when
   * it has no literal to take out, so that repeating it skips planning too), or null when it cannot
   * be prepared.
   */
  private ResultSet cachedQuery(String sql) throws SQLException {
    LiteralNormalizer.Normalized n = LiteralNormalizer.normalize(sql);
    if (n == null) {
      n = new LiteralNormalizer.Normalized(sql, List.of());
    }
    PreparedStatement ps = owner.plans().checkout(n.template());
    if (ps == null) {
      return null;
    }
    for (int i = 0; i < n.values().size(); i++) {
      ps.setObject(i + 1, n.values().get(i));
    }
    ps.setMaxRows(target().getMaxRows());
    borrowedTemplate = n.template();
    borrowed = ps;
    return ps.executeQuery();
  }

  /** Returns the plan borrowed for the previous result to the cache. */
  private void release() {
    if (borrowed != null) {
      owner.plans().release(borrowedTemplate, borrowed);
      borrowed = null;
    }
  }
}
