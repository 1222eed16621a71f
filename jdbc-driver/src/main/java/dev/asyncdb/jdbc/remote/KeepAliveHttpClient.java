package dev.asyncdb.jdbc.remote;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>An answer that takes longer than the response timeout fails the request: a shared timer
 * thread closes its connection. Reads block without a socket timeout, which would make each one a
 * non-blocking attempt, a {@code poll} and a second read: two system calls more per request.
 */
public final class KeepAliveHttpClient implements AvaticaHttpClient, AutoCloseable, UsernamePasswordAuthenticateable,
    TrustStoreConfigurable, HostnameVerificationConfigurable {
  /** Avatica's defaults for connecting and for waiting on an answer (its {@code http_*_timeout}). */
  private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(3);

  /** The one daemon thread that closes the connections of overdue answers, for every client. */
  private static final class Timer {
    static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "async-db-http-response-timeout");
      t.setDaemon(true);
      return t;
    });
  }

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
  private final Duration responseTimeout;
  /** The connections waiting for an answer, with the {@link System#nanoTime()} each request went out. */
  private final Map<HttpConnection, Long> waiting = new ConcurrentHashMap<>();
  /** The timer's periodic check of {@link #waiting}, from the first request until {@link #close()}. */
  private volatile ScheduledFuture<?> overdueCheck;

  public KeepAliveHttpClient(URL url) {
    this(url, RESPONSE_TIMEOUT);
  }

  /** A client whose requests fail when their answer takes longer than {@code responseTimeout}. */
  public KeepAliveHttpClient(URL url, Duration responseTimeout) {
    if (responseTimeout.isNegative() || responseTimeout.isZero()) {
      throw new IllegalArgumentException("The response timeout must be positive, not " + responseTimeout + ".");
    }
    this.responseTimeout = responseTimeout;
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
      response = post(c, request);
    } catch (IOException e) {
      c.close();
      if (!reused || !c.nothingReceived() || c.expired()) {
        throw e;
      }
      // The server closed the kept connection while it was idle, before reading this request.
      c = open();
      try {
        response = post(c, request);
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

  /** One exchange on {@code c}, failed if its answer is overdue. */
  private HttpConnection.Response post(HttpConnection c, byte[] request) throws IOException {
    watchOverdue();
    waiting.put(c, System.nanoTime());
    try {
      return c.post(head(), request);
    } catch (IOException e) {
      if (c.expired()) {
        SocketTimeoutException timeout = new SocketTimeoutException("No answer from the server at " + host + ":" + port + " within "
            + responseTimeout.toMillis() + " ms; the request was given up and its connection closed. Check that the server is"
            + " running and not overloaded.");
        timeout.initCause(e);
        throw timeout;
      }
      throw e;
    } finally {
      waiting.remove(c);
    }
  }

  /** Starts the periodic check for overdue answers; it holds the client weakly and ends with it. */
  private void watchOverdue() {
    if (overdueCheck != null) {
      return;
    }
    synchronized (this) {
      if (overdueCheck == null) {
        long period = Math.max(10, Math.min(1000, responseTimeout.toMillis() / 4));
        WeakReference<KeepAliveHttpClient> self = new WeakReference<>(this);
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = Timer.THREAD.scheduleWithFixedDelay(() -> {
          KeepAliveHttpClient client = self.get();
          if (client == null) {
            if (task[0] != null) {
              task[0].cancel(false);
            }
          } else {
            client.expireOverdue();
          }
        }, period, period, TimeUnit.MILLISECONDS);
        overdueCheck = task[0];
      }
    }
  }

  private void expireOverdue() {
    long now = System.nanoTime();
    long limit = responseTimeout.toNanos();
    waiting.forEach((c, since) -> {
      if (now - since > limit) {
        c.expire();
      }
    });
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
      if (tls) {
        // The handshake is not watched by the timer: the socket times it out.
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, responseTimeout.toMillis()));
        SSLSocket secure = (SSLSocket) (tlsSockets == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : tlsSockets)
            .createSocket(socket, host, port, true);
        if (verifyHostname) {
          SSLParameters parameters = secure.getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
          secure.setSSLParameters(parameters);
        }
        secure.startHandshake();
        socket.setSoTimeout(0);
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
    synchronized (this) {
      if (overdueCheck != null) {
        overdueCheck.cancel(false);
        // A request after close starts it again.
        overdueCheck = null;
      }
    }
    for (HttpConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }
}
