package dev.asyncdb.jdbc.remote;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.HostnameVerificationConfigurable;
import org.apache.calcite.avatica.remote.TrustStoreConfigurable;
import org.apache.calcite.avatica.remote.UsernamePasswordAuthenticateable;

/**
 * The HTTP client of one remote connection (Avatica's {@code httpclient_impl}): each request is a
 * POST on an {@link HttpConnection} kept open for the next one. Avatica's default, Apache
 * HttpClient 5, spent a quarter of the client's CPU on a point lookup in its execution chain
 * (redirects, retries, cookies, authentication challenges, pool leases) and sends headers the
 * server then parses; this sends the request line, host, content type, length and, with a user,
 * BASIC credentials up front (no 401 round trip), nothing else. A connection the server closed
 * while idle is found out on the next request, which then goes once more on a new connection; a
 * request the server did start answering is never sent twice. Status 200 and 500 (Avatica's errors)
 * carry Avatica's answer; any other status fails as Avatica's own clients fail ("got HTTP/401").
 */
public final class KeepAliveHttpClient implements AvaticaHttpClient, AutoCloseable, UsernamePasswordAuthenticateable,
    TrustStoreConfigurable, HostnameVerificationConfigurable {
  /** Avatica's defaults for connecting and for waiting on an answer (its {@code http_*_timeout}). */
  private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(3);

  private final String host;
  private final int port;
  private final boolean tls;
  private final String target;
  private final Deque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
  private String authorization;
  private SSLSocketFactory tlsSockets;
  private boolean verifyHostname = true;
  private volatile byte[] head;
  private volatile boolean closed;

  public KeepAliveHttpClient(URL url) {
    this.tls = "https".equalsIgnoreCase(url.getProtocol());
    if (!tls && !"http".equalsIgnoreCase(url.getProtocol())) {
      throw new IllegalArgumentException("Not an http or https address: " + url);
    }
    this.host = url.getHost();
    this.port = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
    this.target = (url.getPath().isEmpty() ? "/" : url.getPath()) + (url.getQuery() == null ? "" : "?" + url.getQuery());
  }

  @Override
  public void setUsernamePassword(AuthenticationType authType, String username, String password) {
    if (authType != AuthenticationType.BASIC) {
      throw new IllegalArgumentException("Authentication " + authType + " is not supported; the Async DB server uses BASIC.");
    }
    authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    head = null;
  }

  @Override
  public void setTrustStore(File truststore, String password) {
    try {
      KeyStore trusted = KeyStore.getInstance(truststore, password.toCharArray());
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      tlsSockets = context.getSocketFactory();
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot use trust store " + truststore + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void setHostnameVerification(HostnameVerification verification) {
    verifyHostname = verification != HostnameVerification.NONE;
  }

  @Override
  public byte[] send(byte[] request) {
    HttpConnection.Response response;
    try {
      response = exchange(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (response.status() == 200 || response.status() == 500) {
      return response.body();
    }
    throw new IllegalStateException("Failed to execute HTTP Request, got HTTP/" + response.status());
  }

  private HttpConnection.Response exchange(byte[] request) throws IOException {
    HttpConnection c = idle.pollFirst();
    boolean reused = c != null;
    if (c == null) {
      c = open();
    }
    HttpConnection.Response response;
    try {
      response = c.post(head(), request);
    } catch (IOException e) {
      c.close();
      if (!reused || !c.nothingReceived()) {
        throw e;
      }
      // The server closed the kept connection while it was idle, before reading this request.
      c = open();
      try {
        response = c.post(head(), request);
      } catch (IOException again) {
        c.close();
        throw again;
      }
    }
    if (response.keepAlive() && !closed) {
      idle.offerFirst(c);
    } else {
      c.close();
    }
    return response;
  }

  /** The request up to the value of {@code Content-Length}, the same for every request. */
  private byte[] head() {
    byte[] h = head;
    if (h == null) {
      String hostHeader = host + (port == (tls ? 443 : 80) ? "" : ":" + port);
      h = ("POST " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nContent-Type: application/octet-stream\r\n"
          + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "Content-Length: ").getBytes(StandardCharsets.UTF_8);
      head = h;
    }
    return h;
  }

  private HttpConnection open() throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
      socket.setTcpNoDelay(true);
      if (!Boolean.getBoolean("s5.noTimeout")) socket.setSoTimeout((int) RESPONSE_TIMEOUT.toMillis());
      if (tls) {
        SSLSocket secure = (SSLSocket) (tlsSockets == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : tlsSockets)
            .createSocket(socket, host, port, true);
        if (verifyHostname) {
          SSLParameters parameters = secure.getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
          secure.setSSLParameters(parameters);
        }
        secure.startHandshake();
        return new HttpConnection(secure);
      }
      return new HttpConnection(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Closes the connections kept open; a request after this opens a new one and does not keep it. */
  @Override
  public void close() {
    closed = true;
    for (HttpConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }
}
