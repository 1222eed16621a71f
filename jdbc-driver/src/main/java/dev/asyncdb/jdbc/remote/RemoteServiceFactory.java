package dev.asyncdb.jdbc.remote;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's {@code factory} connection property: the {@link Service} of one remote connection, a
 * {@link CompactProtobufService} over the HTTP client Avatica's own factory makes for the
 * connection's settings (URL, {@code httpclient_impl}, authentication, trust store, pool).
 */
public final class RemoteServiceFactory implements Service.Factory {
  @Override
  public Service create(AvaticaConnection connection) {
    ConnectionConfig config = connection.config();
    try {
      return new CompactProtobufService(config.httpClientFactory().getClient(new URI(config.url()).toURL(), config,
          connection.getKerberosConnection()));
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Malformed server address " + config.url() + ": " + e.getMessage(), e);
    }
  }
}
