package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.DbException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * The {@code jdbc:asyncdb:} driver, registered through {@code META-INF/services/java.sql.Driver}.
 * An embedded connection is a Calcite connection whose default schema {@code db} holds the
 * project's resources (set up in the background: {@link SqlLayer}); unquoted identifiers match case-insensitively and keep their case. A remote
 * connection ({@code jdbc:asyncdb:remote:http://host:port}) goes to an Async DB server through
 * Avatica's remote driver ({@link RemoteConnector}).
 */
public final class Driver implements java.sql.Driver {
  static {
    try {
      DriverManager.registerDriver(new Driver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return ConnectionUrl.accepts(url);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    ConnectionUrl parsed = ConnectionUrl.parse(url, info);
    if (parsed.kind() == ConnectionUrl.Kind.REMOTE) {
      return RemoteConnector.connect(parsed);
    }
    // Calcite's connection (and, on a JVM's first connection, its warm-up) is set up on a thread of
    // its own while the project loads here; the connection is returned once the engine is open, so
    // statements the driver answers itself do not wait for Calcite (see SqlLayer).
    CompletableFuture<SqlSession> session = new CompletableFuture<>();
    SqlLayer sql = SqlLayer.start(() -> {
      Connection connection = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:", calciteProperties());
      try {
        SqlWarmUp.once(connection);
        ProjectSchemas.install(connection.unwrap(CalciteConnection.class), session.join());
        connection.setSchema(ProjectSchemas.DB);
        return connection;
      } catch (Throwable t) {
        connection.close();
        throw t;
      }
    });
    EngineRegistry.Lease lease;
    try {
      lease = parsed.kind() == ConnectionUrl.Kind.MEMORY
          ? EngineRegistry.memory(parsed.target())
          : EngineRegistry.embedded(parsed.projectPath(), parsed.flag(AsyncDbProperty.CREATE), parsed.properties().get(AsyncDbProperty.DURABILITY),
              parsed.flag(AsyncDbProperty.READ_ONLY));
    } catch (RuntimeException | Error e) {
      // The set-up thread waits for the session: end it, and close its Calcite connection.
      session.completeExceptionally(e);
      sql.close();
      if (e instanceof Error fatal) {
        throw fatal;
      }
      if (e instanceof DbException d) {
        throw new SQLException(d.getMessage() + (d.hint() == null ? "" : " Hint: " + d.hint()), "08001", d);
      }
      throw new SQLException("Could not open " + parsed.target() + ": " + e, "08001", e);
    }
    SqlSession opened = new SqlSession(lease.db());
    opened.readOnly(parsed.flag(AsyncDbProperty.READ_ONLY));
    session.complete(opened);
    return ConnectionWrapper.wrap(sql, opened, lease);
  }

  private static Properties calciteProperties() {
    Properties calcite = new Properties();
    calcite.setProperty("caseSensitive", "false");
    calcite.setProperty("unquotedCasing", "UNCHANGED");
    calcite.setProperty("quotedCasing", "UNCHANGED");
    calcite.setProperty("quoting", "DOUBLE_QUOTE");
    calcite.setProperty("conformance", "LENIENT");
    // NULLs sort as the smallest value, as in SQLite and the engine's find(): first ascending, last descending.
    calcite.setProperty("defaultNullCollation", "LOW");
    // TIMESTAMP columns hold UTC instants; reading them must not shift by the JVM's zone.
    calcite.setProperty("timeZone", "UTC");
    calcite.setProperty("fun", "standard");
    return calcite;
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    ConnectionUrl parsed = url == null || !acceptsURL(url) ? null : ConnectionUrl.parse(url, info);
    AsyncDbProperty[] all = AsyncDbProperty.values();
    DriverPropertyInfo[] out = new DriverPropertyInfo[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].info(parsed == null ? null : parsed.properties().get(all[i]));
    }
    return out;
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("java.util.logging is not used; Async DB logs through SLF4J.");
  }
}
