package dev.asyncdb.jdbc;

import dev.asyncdb.engine.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The managed-SQL facade: {@code query}, {@code queryOne}, {@code exec} and {@code batch} over one
 * Async DB connection, in the shape of the managed SQLite API the product follows.
 *
 * <pre>{@code
 * try (SqlDatabase db = SqlDatabase.open("jdbc:asyncdb:./myapp")) {
 *   db.exec("CREATE TABLE IF NOT EXISTS posts (id VARCHAR PRIMARY KEY, title TEXT NOT NULL)");
 *   db.query("INSERT INTO posts (id, title) VALUES (?, ?)", "p1", "Hello");
 *   Post post = db.queryOne(Post.class, "SELECT * FROM posts WHERE id = ?", "p1");
 * }
 * }</pre>
 *
 * Parameters bind positionally to {@code ?}; besides JDBC types they may be {@code Instant},
 * {@code LocalDate}, {@code LocalDateTime}, enums, and Maps or Lists (bound as JSON text). Calls
 * are serialized on the one connection; use one facade per thread for parallel work. Errors are
 * the driver's {@code SQLException}s with their SQLStates.
 */
public final class SqlDatabase implements AutoCloseable {
  private final DataSource source;
  private Connection connection;

  private SqlDatabase(DataSource source) {
    this.source = source;
  }

  /** A facade over a {@code jdbc:asyncdb:} URL. */
  public static SqlDatabase open(String url) {
    return new SqlDatabase(new AsyncDbDataSource(url));
  }

  /** A facade over connections from a DataSource (e.g. {@link AsyncDbDataSource}, or a pool of Async DB connections). */
  public static SqlDatabase of(DataSource source) {
    return new SqlDatabase(source);
  }

  /** What one statement returned: its rows (empty for writes), how many rows it changed, and the key of the last row it inserted. */
  public record Result(List<Map<String, Object>> results, long changes, Object lastInsertId) {
    /** The rows mapped to a record or class ({@link SqlDatabase#query(Class, String, Object...)}). */
    public <T> List<T> as(Class<T> type) throws SQLException {
      return RowMapper.mapAll(type, results);
    }
  }

  /** One statement of a {@link #batch}. */
  public record Sql(String sql, List<Object> params) {
    public Sql {
      params = params == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(params));
    }

    public static Sql of(String sql, Object... params) {
      return new Sql(sql, Arrays.asList(params));
    }
  }

  /** Runs any statement (SELECT, INSERT, UPDATE, DELETE, MERGE, DDL, PRAGMA table_info) with positional parameters. */
  public synchronized Result query(String sql, Object... params) throws SQLException {
    return run(connection(), sql, Arrays.asList(params));
  }

  public synchronized Result query(String sql, List<?> params) throws SQLException {
    return run(connection(), sql, params);
  }

  /** The rows of a query as records or objects of a class (columns matched to components or fields by name). */
  public synchronized <T> List<T> query(Class<T> type, String sql, Object... params) throws SQLException {
    return RowMapper.mapAll(type, run(connection(), sql, Arrays.asList(params)).results());
  }

  /** The first row of a query, or null when it has none. */
  public synchronized Map<String, Object> queryOne(String sql, Object... params) throws SQLException {
    List<Map<String, Object>> rows = run(connection(), sql, Arrays.asList(params)).results();
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The first row of a query as a record or object of a class (or a single value type), or null when it has none. */
  public synchronized <T> T queryOne(Class<T> type, String sql, Object... params) throws SQLException {
    Map<String, Object> row = queryOne(sql, params);
    return row == null ? null : RowMapper.map(type, row);
  }

  /**
   * Runs a script of statements separated by {@code ;} (DDL, inserts, comments; semicolons inside
   * quotes are part of the text), each on its own, in order. Stops at the first failing one; the
   * statements before it stay applied.
   */
  public synchronized void exec(String script) throws SQLException {
    Connection c = connection();
    try (Statement s = c.createStatement()) {
      for (String sql : SqlScripts.split(script)) {
        s.execute(sql);
      }
    }
  }

  /** Runs statements in one transaction: all of them apply, or — when one fails — none, and the failure is thrown. */
  public synchronized List<Result> batch(List<Sql> statements) throws SQLException {
    Connection c = connection();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      List<Result> out = new ArrayList<>(statements.size());
      for (Sql s : statements) {
        out.add(run(c, s.sql(), s.params()));
      }
      c.commit();
      return out;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  public List<Result> batch(Sql... statements) throws SQLException {
    return batch(Arrays.asList(statements));
  }

  private static Result run(Connection c, String sql, List<?> params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, bindable(params.get(i)));
      }
      if (ps.execute()) {
        try (ResultSet rs = ps.getResultSet()) {
          return new Result(rows(rs), 0, null);
        }
      }
      long changes = Math.max(0, ps.getUpdateCount());
      Object lastId = null;
      try (ResultSet keys = ps.getGeneratedKeys()) {
        while (keys.next()) {
          lastId = keys.getObject(1);
        }
      }
      return new Result(List.of(), changes, lastId);
    }
  }

  private static Object bindable(Object v) {
    if (v instanceof Instant i) {
      return java.sql.Timestamp.from(i);
    }
    if (v instanceof LocalDate d) {
      return java.sql.Date.valueOf(d);
    }
    if (v instanceof LocalDateTime t) {
      return java.sql.Timestamp.valueOf(t);
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof Map || v instanceof List) {
      return Json.write(v);
    }
    return v;
  }

  private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      labels[i] = md.getColumnLabel(i + 1);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        row.put(labels[i], rs.getObject(i + 1));
      }
      out.add(row);
    }
    return out;
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = source.getConnection();
    }
    return connection;
  }

  @Override
  public synchronized void close() throws SQLException {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
