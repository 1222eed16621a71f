package dev.asyncdb.server.rest;

import dev.asyncdb.server.ServerConfig;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The REST port beside the Avatica port, in the same Jetty server: one more connector on the same
 * host (with TLS when the server has it), and a handler that sends requests arriving on that
 * connector to the REST routes and everything else on to Avatica. Sharing the server shares its
 * thread pool, graceful stop and — placed inside the authentication handler — its users.
 */
public final class RestEndpoint extends HandlerWrapper {
  private final ServerConnector connector;
  private final Handler routes;

  private RestEndpoint(ServerConnector connector, Handler routes) {
    this.connector = connector;
    this.routes = routes;
    addBean(routes);
  }

  /** Adds the REST connector to the server; the returned handler must wrap the Avatica handler. */
  public static RestEndpoint install(Server server, ServerConfig config, Handler routes) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector;
    if (config.tls()) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(config.tlsKeystore().toString());
      if (config.tlsKeystorePassword() != null) {
        ssl.setKeyStorePassword(config.tlsKeystorePassword());
      }
      http.addCustomizer(new SecureRequestCustomizer());
      connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setName("rest");
    connector.setHost(config.host());
    connector.setPort(config.restPort());
    server.addConnector(connector);
    return new RestEndpoint(connector, routes);
  }

  @Override
  public void setServer(Server server) {
    super.setServer(server);
    routes.setServer(server);
  }

  /** The port listened on, once started. */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (baseRequest.getHttpChannel().getConnector() == connector) {
      routes.handle(target, baseRequest, request, response);
    } else {
      super.handle(target, baseRequest, request, response);
    }
  }
}
