package dev.asyncdb.jdbc;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;

/**
 * Avatica's remote connection as an application should see it. Avatica lets some failures escape
 * as runtime exceptions (a connection the server closed while a result was being read, an HTTP
 * status, a server that went away); every call through here turns them into {@code SQLException}s
 * with a SQLState and a sentence on what to do. And since Avatica's protocol has no call for keys,
 * relations or indexes, {@code getMetaData()} answers them with the same {@code meta}-schema
 * queries the embedded driver uses ({@link Metadata}), over the wire. {@code cancel()} of its
 * statements goes to the server on a request of its own ({@link RemoteCancel}) instead of to
 * Avatica's statement, which would wait for the running execute and cancel nothing on the server.
 */
final class RemoteConnection {
  private static final Pattern HTTP_STATUS = Pattern.compile("got HTTP/(\\d+)");

  private final String server;
  private final String user;
  /** Null only for the translation of connect-time failures. */
  private final RemoteCancel cancel;
  /** What carries the connection's requests (its kept-open HTTP connections), closed with it; null for connect-time failures. */
  private final AutoCloseable transport;
  private Connection self;

  private RemoteConnection(String server, String user, RemoteCancel cancel, AutoCloseable transport) {
    this.server = server;
    this.user = user;
    this.cancel = cancel;
    this.transport = transport;
  }

  static Connection wrap(Connection avatica, String server, String user, RemoteCancel cancel, AutoCloseable transport) {
    RemoteConnection r = new RemoteConnection(server, user, cancel, transport);
    r.self = (Connection) r.proxy(avatica, Connection.class);
    return r.self;
  }

  private Object proxy(Object target, Class<?> type) {
    return Proxy.newProxyInstance(RemoteConnection.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
      if (m.getName().equals("unwrap") && a[0] instanceof Class<?> c && c.isInstance(p)) {
        return p;
      }
      if (m.getName().equals("getConnection")) {
        return self;
      }
      if (m.getName().equals("cancel") && a == null && target instanceof AvaticaStatement statement) {
        cancel(statement);
        return null;
      }
      if (m.getName().equals("getURL") && type == DatabaseMetaData.class) {
        // Avatica's own URL would show the credentials it carries.
        return "jdbc:asyncdb:remote:" + server;
      }
      Object result;
      try {
        result = ConnectionWrapper.call(target, m, a);
      } catch (RuntimeException e) {
        throw translate(e, false);
      } catch (SQLException e) {
        throw translate(e);
      } finally {
        if (type == Connection.class && m.getName().equals("close")) {
          transport.close();
        }
      }
      if (m.getName().equals("unwrap")) {
        // The caller asked for Avatica's own class; a proxy would not be one.
        return result;
      }
      if (result instanceof DatabaseMetaData meta) {
        return Metadata.wrap((DatabaseMetaData) proxy(meta, DatabaseMetaData.class), self);
      }
      Class<?> jdbc = jdbcType(result);
      return jdbc == null ? result : proxy(result, jdbc);
    });
  }

  /**
   * Cancels on the server what {@code statement} runs now. Nothing here may take the statement's
   * lock: the execute being cancelled holds it. The ids are Avatica's public fields.
   */
  private void cancel(AvaticaStatement statement) throws SQLException {
    if (statement.isClosed()) {
      throw new SQLException("Cannot cancel a closed statement.", "HY010");
    }
    cancel.cancel(statement.connection.id, statement.handle.id);
  }

  /** The JDBC interface a call's result is wrapped in, or null for plain values. */
  private static Class<?> jdbcType(Object result) {
    if (result instanceof CallableStatement) {
      return CallableStatement.class;
    }
    if (result instanceof PreparedStatement) {
      return PreparedStatement.class;
    }
    if (result instanceof Statement) {
      return Statement.class;
    }
    return result instanceof ResultSet ? ResultSet.class : null;
  }

  /**
   * Avatica reports some failures as SQLExceptions without a real SQLState ("while preparing SQL:
   * …", state null or 00000): a connection the server no longer has, or a transport failure.
   */
  private SQLException translate(SQLException e) {
    if (e.getSQLState() != null && !e.getSQLState().equals(ErrorResponse.UNKNOWN_SQL_STATE)) {
      return e;
    }
    if (e.getErrorCode() == ErrorResponse.MISSING_CONNECTION_ERROR_CODE) {
      return missingConnection(e);
    }
    return e.getCause() instanceof RuntimeException cause ? translate(cause, false) : e;
  }

  private SQLException missingConnection(Exception e) {
    return new SQLException("The Async DB server at " + server + " no longer has this connection: it was idle longer than the server's"
        + " idle timeout, or the server restarted. Open a new connection.", "08003", e);
  }

  /** What a runtime failure of a remote call means, as an {@code SQLException}; {@code connecting} while opening the connection. */
  SQLException translate(RuntimeException e, boolean connecting) {
    if (e instanceof AvaticaClientRuntimeException a) {
      if (a.getErrorCode() == ErrorResponse.MISSING_CONNECTION_ERROR_CODE) {
        return missingConnection(e);
      }
      return new SQLException(a.getMessage(), a.getSqlState(), a.getErrorCode(), e);
    }
    Matcher status = HTTP_STATUS.matcher(String.valueOf(e.getMessage()));
    if (status.find()) {
      int code = Integer.parseInt(status.group(1));
      if (code == 401) {
        return new SQLException("The Async DB server at " + server + " refused the credentials (HTTP 401): " + (user == null
            ? "it requires a user name and password. Add ;user=NAME;password=SECRET to the URL or pass them as connection properties."
            : "wrong user name or password for user \"" + user + "\"."), "28000", e);
      }
      if (code == 403) {
        return new SQLException("The Async DB server at " + server + " does not allow user \"" + user + "\" (HTTP 403).", "28000", e);
      }
      return new SQLException("Unexpected HTTP status " + code + " from " + server + ". Is it an Async DB server (async-db serve)?", "08001", e);
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException) {
        return new SQLException("The TLS handshake with " + server + " failed: " + cause.getMessage()
            + ". If the server's certificate is self-signed, pass truststore=FILE and truststorePassword=SECRET.", "08001", e);
      }
      if (cause instanceof IOException) {
        return new SQLException((connecting ? "Could not reach the Async DB server at " : "Lost the Async DB server at ") + server + ": " + cause
            + ". Check that async-db serve is running there and that host, port and http/https are right.", connecting ? "08001" : "08006", e);
      }
    }
    return new SQLException("The call to the Async DB server at " + server + " failed: " + e.getMessage(), "08006", e);
  }

  /** Connect-time failures, translated the same way. */
  static SQLException translate(RuntimeException e, String server, String user) {
    return new RemoteConnection(server, user, null, null).translate(e, true);
  }
}
