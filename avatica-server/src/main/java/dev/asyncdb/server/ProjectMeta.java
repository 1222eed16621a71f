package dev.asyncdb.server;

import dev.asyncdb.jdbc.AsyncDbProperty;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's {@link JdbcMeta} over the served projects through the embedded {@code jdbc:asyncdb:}
 * driver, with the rules a shared server needs. Opening a connection: the client's properties pass
 * {@link ConnectionPropertyPolicy}; {@link ProjectAccess} picks the project from the
 * {@code project} property and the user's grant (a connection is opened on that project's engine
 * and can never reach another, whose tables its SQL and metadata cannot name); and
 * {@link ConnectionSlots} keeps the count under the total and per-user limits (the cache Avatica
 * keeps would otherwise evict, and close, the least recently used connection of some other client).
 * Running: result frames are capped at {@link Limits#maxFrameRows()} and every execute or fetch
 * runs under {@link StatementTimeouts}, recorded in the {@link ConnectionRegistry} so that its
 * client can cancel it ({@link #cancel}). The registry also records who opened each connection;
 * the {@link ConnectionGuard} in front of this meta lets only them use it.
 */
final class ProjectMeta extends JdbcMeta {
  /** Large enough that Avatica's caches never evict a live connection; the real limit is checked on open. */
  private static final String UNBOUNDED = "1000000";

  private final Limits limits;
  private final Map<String, String> urls;
  private final ProjectAccess access;
  private final ConnectionSlots slots;
  private final StatementTimeouts timeouts;
  private final ConnectionRegistry connections;

  /** {@code urls}: each served project's embedded URL by name, in the configured order. */
  ProjectMeta(Limits limits, Map<String, String> urls, ProjectAccess access, StatementTimeouts timeouts, ConnectionRegistry connections)
      throws SQLException {
    super(urls.values().iterator().next(), cacheSettings(limits));
    this.limits = limits;
    this.urls = Map.copyOf(urls);
    this.access = access;
    this.slots = new ConnectionSlots(limits);
    this.timeouts = timeouts;
    this.connections = connections;
  }

  private static Properties cacheSettings(Limits limits) {
    Properties p = new Properties();
    String seconds = Long.toString(Math.max(1, limits.idleTimeout().toSeconds()));
    p.setProperty(ConnectionCacheSettings.MAX_CAPACITY.key(), UNBOUNDED);
    p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), seconds);
    p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    p.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), seconds);
    p.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    return p;
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    Map<String, String> props = info == null ? Map.of() : info;
    try {
      ConnectionPropertyPolicy.check(props);
    } catch (SQLException e) {
      throw refused(e.getMessage(), e.getSQLState());
    }
    String user = RequestUser.current();
    ProjectAccess.Choice choice;
    try {
      choice = access.choose(user, requestedProject(props), ProjectAccess.Via.JDBC);
    } catch (ProjectAccess.Refusal r) {
      throw refused(r.getMessage() + " " + r.hint(), "28000");
    }
    Runnable takenSlot;
    try {
      takenSlot = slots.take(user);
    } catch (SQLException e) {
      throw refused(e.getMessage(), e.getSQLState());
    }
    Runnable forget = connections.opened(ch.id, user);
    if (forget == null) {
      takenSlot.run();
      throw refused("Connection id " + ch.id + " is already open.", "08002");
    }
    Runnable release = () -> {
      takenSlot.run();
      forget.run();
    };
    try {
      Properties engineProps = engineProperties(props);
      if (choice.readOnly()) {
        engineProps.setProperty(AsyncDbProperty.READ_ONLY.key(), "true");
      }
      Connection connection = ServerConnection.wrap(DriverManager.getConnection(urls.get(choice.project()), engineProps), release,
          choice.readOnly() ? user : null);
      if (getConnectionCache().asMap().putIfAbsent(ch.id, connection) != null) {
        connection.close();
        throw refused("Connection id " + ch.id + " is already open.", "08002");
      }
      connections.cancelFlag(ch.id, StatementTimeouts.cancelFlag(connection));
    } catch (SQLException e) {
      release.run();
      throw refused("Could not open project \"" + choice.project() + "\": " + e.getMessage(), e.getSQLState() == null ? "08001" : e.getSQLState());
    }
  }

  /** The {@code project} property's value (the name is case-insensitive, as every property's), or null. */
  private static String requestedProject(Map<String, String> client) {
    for (Map.Entry<String, String> e : client.entrySet()) {
      if (AsyncDbProperty.of(e.getKey()) == AsyncDbProperty.PROJECT) {
        return e.getValue();
      }
    }
    return null;
  }

  /** What the embedded connection gets: only the settings the policy lets a client choose. */
  private static Properties engineProperties(Map<String, String> client) {
    Properties p = new Properties();
    client.forEach((key, value) -> {
      if (AsyncDbProperty.of(key) == AsyncDbProperty.READ_ONLY) {
        p.setProperty(AsyncDbProperty.READ_ONLY.key(), value);
      }
    });
    return p;
  }

  /** Connections open now. */
  int openConnections() {
    return slots.open();
  }

  /** Connections {@code user} has open now. */
  int openConnections(String user) {
    return slots.openBy(user);
  }

  /**
   * Closes connections and statements idle past the limit now (Avatica's caches otherwise do it
   * only when next touched), and forgets the closed statements in the registry.
   */
  void expireIdle() {
    getStatementCache().cleanUp();
    getConnectionCache().cleanUp();
    connections.retainStatements(this::hasStatement);
  }

  /** Whether Avatica still has statement {@code id} (it expires idle ones without telling). */
  private boolean hasStatement(int id) {
    return getStatementCache().asMap().containsKey(id);
  }

  /** Closes every statement and connection (server shutdown). */
  void closeAll() {
    getStatementCache().invalidateAll();
    getConnectionCache().invalidateAll();
  }

  /**
   * Cancels what statement {@code statementId} of connection {@code connectionId} runs now, at the
   * request of {@code user} (null: no authentication), who must be the one who opened the connection.
   */
  ConnectionRegistry.Outcome cancel(String connectionId, int statementId, String user) {
    return connections.cancel(connectionId, statementId, user, this::hasStatement);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
      throws NoSuchStatementException {
    StatementTimeouts.Watch watch = watch(h);
    try {
      return super.prepareAndExecute(h, sql, maxRowCount, firstFrame(maxRowsInFirstFrame), callback);
    } catch (RuntimeException e) {
      throw watch.explain(e);
    } finally {
      connections.finished(h.connectionId, watch);
    }
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame) throws NoSuchStatementException {
    StatementTimeouts.Watch watch = watch(h);
    try {
      return super.execute(h, parameterValues, firstFrame(maxRowsInFirstFrame));
    } catch (RuntimeException e) {
      throw watch.explain(e);
    } finally {
      connections.finished(h.connectionId, watch);
    }
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) throws NoSuchStatementException, MissingResultsException {
    int max = limits.maxFrameRows();
    StatementTimeouts.Watch watch = watch(h);
    try {
      return super.fetch(h, offset, fetchMaxRowCount == 0 ? Math.min(AvaticaStatement.DEFAULT_FETCH_SIZE, max)
          : fetchMaxRowCount < 0 || fetchMaxRowCount > max ? max : fetchMaxRowCount);
    } catch (RuntimeException e) {
      throw watch.explain(e);
    } finally {
      connections.finished(h.connectionId, watch);
    }
  }

  /**
   * The rows to put in a first frame. {@code UNLIMITED_COUNT} asks for every row, which the server
   * caps. Zero (a JSON request without {@code maxRowsInFirstFrame}, or {@code setFetchSize(0)},
   * which JDBC defines as "no preference") would make Avatica answer an empty frame marked done, as
   * if the result had no rows; it gets Avatica's default frame size instead.
   */
  private int firstFrame(int requested) {
    int max = limits.maxFrameRows();
    if (requested == 0) {
      return Math.min(AvaticaStatement.DEFAULT_FETCH_SIZE, max);
    }
    return requested == UNLIMITED_COUNT || requested > max ? max : requested;
  }

  /**
   * The timeout watch of a call on {@code h}'s connection, recorded for cancel requests until
   * {@link ConnectionRegistry#finished}. Looking the connection up also marks it as used: Avatica's
   * fetch touches only the statement, so a client reading a long result frame by frame would
   * otherwise have its connection expire, and close, under it.
   */
  private StatementTimeouts.Watch watch(StatementHandle h) {
    boolean open = getConnectionCache().getIfPresent(h.connectionId) != null;
    StatementTimeouts.Watch watch = timeouts.watch(open ? connections.cancelFlag(h.connectionId) : null);
    connections.started(h.connectionId, h.id, watch);
    return watch;
  }

  private static AvaticaRuntimeException refused(String message, String sqlState) {
    return new AvaticaRuntimeException(message, 0, sqlState, AvaticaSeverity.ERROR);
  }
}
