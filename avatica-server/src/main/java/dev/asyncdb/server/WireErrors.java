package dev.asyncdb.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.ProtobufMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes errors cross the wire the way a JDBC client expects them. {@code JdbcMeta} wraps every
 * {@code SQLException} in a plain {@code RuntimeException}, which Avatica sends with SQLState
 * {@code 00000} ("success") and the server's full stack trace. Here the SQLException's own message,
 * SQLState and vendor code travel instead, and nothing of the server's internals: anything that is
 * not an SQL error is logged on the server and reported as an internal error (SQLState XX000), and
 * a missing connection travels without its stack trace.
 */
final class WireErrors {
  private static final Logger LOG = LoggerFactory.getLogger(WireErrors.class);

  private WireErrors() {}

  static ProtobufMeta wrap(ProtobufMeta meta) {
    return (ProtobufMeta) Proxy.newProxyInstance(WireErrors.class.getClassLoader(), new Class<?>[] {ProtobufMeta.class}, (p, m, a) -> {
      try {
        return Delegation.open(m).invoke(meta, a);
      } catch (InvocationTargetException e) {
        throw translate(e.getCause(), m.getName());
      }
    });
  }

  static Throwable translate(Throwable failure, String call) {
    // Avatica's own signals (our refusals, a missing connection or statement) keep their meaning.
    if (failure instanceof NoSuchConnectionException) {
      // Its stack trace would tell the client where it was raised: in Avatica for an id the server
      // never had, in the ConnectionGuard for another user's. Both must read the same.
      failure.setStackTrace(new StackTraceElement[0]);
      return failure;
    }
    if (failure instanceof AvaticaRuntimeException || !(failure instanceof RuntimeException)) {
      return failure;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return error(sql.getMessage(), sql.getErrorCode(), sql.getSQLState() == null ? "HY000" : sql.getSQLState());
      }
    }
    LOG.warn("Internal error in {}", call, failure);
    return error("Internal server error in " + call + ": " + failure + ". The server's log has the details.", 0, "XX000");
  }

  private static AvaticaRuntimeException error(String message, int code, String sqlState) {
    AvaticaRuntimeException e = new AvaticaRuntimeException(message, code, sqlState, AvaticaSeverity.ERROR);
    // Avatica sends the exception's stack trace to the client; this one has nothing to tell it.
    e.setStackTrace(new StackTraceElement[0]);
    return e;
  }
}
