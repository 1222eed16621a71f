package dev.asyncdb.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import org.apache.calcite.avatica.Meta.ConnectionHandle;
import org.apache.calcite.avatica.Meta.ExecuteResult;
import org.apache.calcite.avatica.Meta.MetaResultSet;
import org.apache.calcite.avatica.Meta.Signature;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.ProtobufMeta;

/**
 * Lets an Avatica request reach a connection only if the request's user ({@link RequestUser})
 * opened it, and a statement only through the connection it was handed out on. Avatica checks
 * neither: {@code JdbcMeta} finds a connection by the id its client chose (JSON clients choose
 * {@code "c1"}), and a statement by its number alone, counted over the whole server, whatever
 * connection the request names — so anyone could read another user's cursor, or run SQL on another
 * user's connection, and so in a project they have no grant for. Without users there is no owner
 * to check, but a statement still belongs to its connection.
 *
 * <p>Every {@code Meta} call names what it acts on in its first argument, a
 * {@link ConnectionHandle} or a {@link StatementHandle}, so checking that one argument covers
 * every request, including any a later Avatica adds. A refusal is the answer to an id the server
 * never had — {@code NoSuchConnectionException}, "missing statement", or nothing for a close — so
 * it tells nothing about other users' connections. Which statements a connection has is learnt
 * from what the calls return ({@link ConnectionRegistry#handedOut}).
 */
final class ConnectionGuard {
  private ConnectionGuard() {}

  static ProtobufMeta wrap(ProtobufMeta meta, ConnectionRegistry registry) {
    return (ProtobufMeta) Proxy.newProxyInstance(ConnectionGuard.class.getClassLoader(), new Class<?>[] {ProtobufMeta.class}, (p, m, a) -> {
      Object subject = a == null || a.length == 0 ? null : a[0];
      String user = RequestUser.current();
      String connection;
      if (subject instanceof StatementHandle h) {
        connection = h.connectionId;
        if (!registry.owns(user, h.connectionId, h.id)) {
          return unknownStatement(m, h, registry.owns(user, h.connectionId));
        }
      } else if (subject instanceof ConnectionHandle ch) {
        connection = ch.id;
        // Opening is where a connection gets its owner (ProjectMeta.openConnection).
        if (!m.getName().equals("openConnection") && !registry.owns(user, ch.id)) {
          return unknownConnection(m, ch.id);
        }
      } else {
        return call(meta, m, a);
      }
      try {
        Object result = call(meta, m, a);
        learn(result, connection, registry);
        return result;
      } finally {
        // JdbcMeta drops the statement even when closing it fails.
        if (m.getName().equals("closeStatement")) {
          registry.statementClosed(connection, ((StatementHandle) subject).id);
        }
      }
    });
  }

  /** Records the statements a call's result hands out on {@code connection}: a new statement, a metadata or query result. */
  private static void learn(Object result, String connection, ConnectionRegistry registry) {
    if (result instanceof StatementHandle h) {
      // A prepared statement's handle carries its signature (a new statement's none yet).
      learn(connection, h.connectionId, h.id, h.signature, registry);
    } else if (result instanceof MetaResultSet rs) {
      learn(connection, rs.connectionId, rs.statementId, null, registry);
    } else if (result instanceof ExecuteResult r && r.resultSets != null) {
      r.resultSets.forEach(rs -> learn(connection, rs.connectionId, rs.statementId, null, registry));
    }
  }

  private static void learn(String connection, String resultConnection, int statementId, Signature prepared, ConnectionRegistry registry) {
    if (connection.equals(resultConnection)) {
      registry.handedOut(connection, statementId, prepared);
    }
  }

  /**
   * What {@code JdbcMeta} answers for a connection id it does not have: {@code closeConnection}
   * ignores it, everything else throws {@code NoSuchConnectionException} (with the same text).
   */
  private static Object unknownConnection(Method m, String id) {
    if (m.getName().equals("closeConnection")) {
      return null;
    }
    throw noSuchConnection(id);
  }

  /**
   * What {@code JdbcMeta} answers for a statement id it does not have: {@code syncResults} looks
   * the connection up first; calls that can say so throw {@code NoSuchStatementException} (which
   * Avatica sends as "missing statement", no id in it); {@code closeStatement} ignores it.
   */
  private static Object unknownStatement(Method m, StatementHandle h, boolean connectionKnown) throws NoSuchStatementException {
    if (!connectionKnown && m.getName().equals("syncResults")) {
      throw noSuchConnection(h.connectionId);
    }
    if (Arrays.asList(m.getExceptionTypes()).contains(NoSuchStatementException.class)) {
      throw new NoSuchStatementException(h);
    }
    return null;
  }

  private static NoSuchConnectionException noSuchConnection(String id) {
    return new NoSuchConnectionException("Connection not found: invalid id, closed, or expired: " + id);
  }

  private static Object call(Object target, Method m, Object[] a) throws Throwable {
    try {
      return Delegation.open(m).invoke(target, a);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
