package dev.asyncdb.jdbc;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import dev.asyncdb.jdbc.remote.CompactProtobufService;
import dev.asyncdb.jdbc.remote.KeepAliveHttpClient;
import dev.asyncdb.jdbc.remote.RemoteDriver;
import dev.asyncdb.jdbc.remote.RemoteServiceFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectStringParser;

/**
 * {@code jdbc:asyncdb:remote:http(s)://host:port}: a connection to {@code async-db serve} through
 * Avatica's remote driver (protobuf over HTTP; {@link RemoteDriver}). The user and password become HTTP BASIC
 * credentials and never travel in a request body; the other properties go to the server, which
 * decides what it accepts. The connection is then seen through {@link RemoteConnection}, whose
 * statements cancel with {@link RemoteCancel} (with the same credentials and trust store).
 */
final class RemoteConnector {
  /** Properties that configure the client side of the connection; the server never sees them. */
  private static final Set<AsyncDbProperty> CLIENT_SIDE = EnumSet.of(AsyncDbProperty.USER,
      AsyncDbProperty.PASSWORD, AsyncDbProperty.TRUSTSTORE, AsyncDbProperty.TRUSTSTORE_PASSWORD);

  private RemoteConnector() {}

  static Connection connect(ConnectionUrl url) throws SQLException {
    String server = serverAddress(url.target());
    Map<AsyncDbProperty, String> props = url.properties();
    String user = blankToNull(props.get(AsyncDbProperty.USER));
    Properties avatica = new Properties();
    avatica.setProperty("url", server);
    avatica.setProperty("serialization", "protobuf");
    // Protobuf, with prepared executes that leave the statement's signature to the server.
    avatica.setProperty("factory", RemoteServiceFactory.class.getName());
    avatica.setProperty("httpclient_impl", KeepAliveHttpClient.class.getName());
    if (user != null) {
      avatica.setProperty("authentication", "BASIC");
      avatica.setProperty("avatica_user", user);
      avatica.setProperty("avatica_password", props.getOrDefault(AsyncDbProperty.PASSWORD, ""));
    }
    if (props.containsKey(AsyncDbProperty.TRUSTSTORE)) {
      avatica.setProperty("truststore", props.get(AsyncDbProperty.TRUSTSTORE));
      avatica.setProperty("truststore_password", props.getOrDefault(AsyncDbProperty.TRUSTSTORE_PASSWORD, ""));
    }
    Properties forServer = new Properties();
    props.forEach((p, v) -> {
      if (!CLIENT_SIDE.contains(p)) {
        forServer.setProperty(p.key(), v);
      }
    });
    Connection connection;
    try {
      // Transport settings travel in the Avatica URL (quoted by Avatica's own parser rules):
      // Avatica forwards only the Properties argument to the server.
      connection = new RemoteDriver().connect("jdbc:avatica:remote:" + ConnectStringParser.getParamString(avatica), forServer);
    } catch (RuntimeException e) {
      throw RemoteConnection.translate(e, server, user);
    }
    RemoteCancel cancel = new RemoteCancel(server, user, props.get(AsyncDbProperty.PASSWORD), props.get(AsyncDbProperty.TRUSTSTORE),
        props.get(AsyncDbProperty.TRUSTSTORE_PASSWORD));
    AutoCloseable transport = ((AvaticaConnection) connection).getService() instanceof CompactProtobufService s ? s : () -> { };
    return RemoteConnection.wrap(connection, server, user, cancel, transport);
  }

  /** The server address of a remote URL, checked: http or https, a host and a port. */
  private static String serverAddress(String target) throws SQLException {
    try {
      URI uri = new URI(target);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return target;
      }
    } catch (URISyntaxException e) {
      // Reported below with the expected form.
    }
    throw new SQLException("Malformed remote address \"" + target + "\". Expected jdbc:asyncdb:remote:http://host:port"
        + " (or https://) as printed by async-db serve.", "08001");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
