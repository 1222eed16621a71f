package dev.asyncdb.jdbc.remote;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.Driver;

/**
 * Avatica's remote driver, whose connections read their time zone setting once. Avatica's
 * connection reads it on every query (for the result set's calendar) by parsing all of the
 * connection's properties again: a tenth of the client's own CPU on a point lookup. The
 * properties cannot change after the connection is made (Avatica refuses client info), so the
 * setting is read once; without one, the JVM's default zone is asked each time, as Avatica does.
 * Everything else is Avatica's JDBC 4.1 factory. Not registered with {@code DriverManager}.
 */
public final class RemoteDriver extends Driver {
  @Override
  protected AvaticaFactory createFactory() {
    return new Factory(instantiateFactory("org.apache.calcite.avatica.AvaticaJdbc41Factory"));
  }

  /** Avatica's factory, except for the connections. */
  private record Factory(AvaticaFactory avatica) implements AvaticaFactory {
    @Override
    public int getJdbcMajorVersion() {
      return avatica.getJdbcMajorVersion();
    }

    @Override
    public int getJdbcMinorVersion() {
      return avatica.getJdbcMinorVersion();
    }

    @Override
    public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
      return new ZoneOnceConnection(driver, factory, url, info);
    }

    @Override
    public AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType, int resultSetConcurrency,
        int resultSetHoldability) throws SQLException {
      return avatica.newStatement(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
        int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
      return avatica.newPreparedStatement(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature, TimeZone timeZone,
        Meta.Frame firstFrame) throws SQLException {
      return avatica.newResultSet(statement, state, signature, timeZone, firstFrame);
    }

    @Override
    public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
      return avatica.newDatabaseMetaData(connection);
    }

    @Override
    public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature) throws SQLException {
      return avatica.newResultSetMetaData(statement, signature);
    }
  }

  /** Avatica's connection with its time zone setting read once. */
  private static final class ZoneOnceConnection extends AvaticaConnection {
    /** The zone the properties name, or null for the JVM's default. */
    private final TimeZone zone;

    ZoneOnceConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
      super(driver, factory, url, info);
      String name = config().timeZone();
      this.zone = name == null ? null : TimeZone.getTimeZone(name);
    }

    @Override
    public TimeZone getTimeZone() {
      // A copy, as Avatica hands out: a TimeZone can be changed.
      return zone == null ? TimeZone.getDefault() : (TimeZone) zone.clone();
    }
  }
}
