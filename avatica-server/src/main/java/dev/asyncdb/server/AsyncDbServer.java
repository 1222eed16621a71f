package dev.asyncdb.server;

import dev.asyncdb.engine.DbException;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import dev.asyncdb.server.viewer.EventStream;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.server.graphql.GraphQlHandler;
import dev.asyncdb.server.rest.RestEndpoint;
import dev.asyncdb.server.rest.RestHandler;
import dev.asyncdb.server.viewer.ViewerHandler;
import org.eclipse.jetty.server.handler.HandlerList;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.security.Constraint;

/**
 * An Avatica HTTP server over one project: {@code async-db serve}, or embedded in a Java
 * application or test. Requests pass, outermost first: a {@link StatisticsHandler} (so that a stop
 * waits for requests in flight), {@link HealthHandler}, HTTP BASIC against {@link Users} when any
 * are configured, and {@link AvaticaEndpoint}, whose service runs on {@link ProjectMeta} with
 * {@link WireErrors}. It listens on 127.0.0.1 unless told otherwise, and refuses a non-loopback
 * address without users (unless {@link ServerConfig#insecure()}).
 */
public final class AsyncDbServer implements AutoCloseable {
  /** How long a stop waits for requests in flight before closing connections anyway. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ServerConfig config;
  private final HttpServer http;
  private final ProjectMeta meta;
  private final StatementTimeouts timeouts;
  private final ScheduledExecutorService reaper;
  private final Connection pin;
  private final List<String> warnings;
  /** The REST connector and routes, or null when the configuration serves none. */
  private final RestEndpoint rest;
  private boolean closed;

  private volatile EventStream events;
  private volatile LiveReload liveReload;

  /** Reloads the project from its files now, as a change under db/ does (for embedding code and tests). */
  public void reloadProject() {
    if (liveReload != null) {
      liveReload.reload();
    }
  }

  private AsyncDbServer(ServerConfig config, HttpServer http, ProjectMeta meta, StatementTimeouts timeouts, ScheduledExecutorService reaper,
      Connection pin, List<String> warnings, RestEndpoint rest) {
    this.config = config;
    this.http = http;
    this.meta = meta;
    this.timeouts = timeouts;
    this.reaper = reaper;
    this.pin = pin;
    this.warnings = warnings;
    this.rest = rest;
  }

  /** Starts serving; throws a {@link DbException} that says what is wrong when it cannot. */
  public static AsyncDbServer start(ServerConfig config) {
    List<String> warnings = new ArrayList<>();
    checkAddress(config, warnings);
    String keystoreType = config.tls() ? checkKeystore(config) : null;
    if (!Files.isDirectory(config.project())) {
      throw new DbException("DB_PROJECT_NOT_FOUND", 404, "Project folder " + config.project() + " does not exist.",
          "Pass the folder with --project DIR, or create a project with async-db init.", Map.of("project", config.project().toString()));
    }
    // The server's own connection loads the project before the first client arrives (and reports a
    // broken project now), and keeps it loaded while clients come and go.
    Connection pin;
    try {
      pin = DriverManager.getConnection(ProjectMeta.url(config));
    } catch (SQLException e) {
      throw new DbException("SERVER_PROJECT_UNAVAILABLE", 500, "Cannot open project " + config.project() + ": " + e.getMessage(),
          "Run async-db doctor on the project to see what is wrong.", Map.of("project", config.project().toString()), e);
    }
    StatementTimeouts timeouts = new StatementTimeouts(config.limits().statementTimeout());
    ProjectMeta meta;
    try {
      meta = new ProjectMeta(config, timeouts);
    } catch (SQLException e) {
      throw new IllegalStateException("JdbcMeta rejected its cache settings", e);
    }
    AvaticaEndpoint endpoint = new AvaticaEndpoint(new LocalService(WireErrors.wrap(meta)), config.limits().maxRequestBytes());
    AsyncDb engine;
    try {
      engine = pin.unwrap(AsyncDb.class);
    } catch (SQLException e) {
      closeQuietly(pin);
      timeouts.close();
      throw new IllegalStateException("The embedded driver's connection does not expose its engine", e);
    }
    AtomicReference<RestEndpoint> rest = new AtomicReference<>();
    EventStream events = new EventStream();
    // Asked per request: live reload replaces the pinned connection's engine.
    Supplier<AsyncDb> current = () -> {
      try {
        return pin.unwrap(AsyncDb.class);
      } catch (SQLException e) {
        return engine;
      }
    };
    ServerCustomizer<Server> handlers = server -> customize(server, config, current, events, rest);
    HttpServer.Builder<Server> builder = HttpServer.Builder.<Server>newBuilder().withPort(config.port()).withHandler(endpoint)
        .withServerCustomizers(List.of(handlers), Server.class);
    if (config.tls()) {
      // No client certificates are asked for, so the key store doubles as the (unused) trust store Avatica requires.
      builder.withTLS(config.tlsKeystore().toFile(), config.tlsKeystorePassword(), config.tlsKeystore().toFile(), config.tlsKeystorePassword(),
          keystoreType);
    }
    HttpServer http = builder.build();
    try {
      http.start();
    } catch (RuntimeException e) {
      stopQuietly(http);
      closeQuietly(pin);
      timeouts.close();
      throw startFailure(config, e);
    }
    ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "async-db-idle-reaper");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, Math.min(config.limits().idleTimeout().toMillis() / 2, 30_000));
    reaper.scheduleWithFixedDelay(meta::expireIdle, every, every, TimeUnit.MILLISECONDS);
    AsyncDbServer server = new AsyncDbServer(config, http, meta, timeouts, reaper, pin, new ArrayList<>(warnings), rest.get());
    // A second process that tries to open the project for writing is told to connect here instead.
    engine.advertise(server.url());
    server.events = events;
    server.liveReload = LiveReload.start(config.project(), pin, server.url(), events, server.warnings);
    return server;
  }

  /**
   * Binds to the configured host, adds the REST connector, and puts health, authentication and
   * graceful stop in front of Avatica and the REST routes.
   */
  private static void customize(Server server, ServerConfig config, Supplier<AsyncDb> engine, EventStream events,
      AtomicReference<RestEndpoint> rest) {
    for (Connector c : server.getConnectors()) {
      ((ServerConnector) c).setHost(config.host());
    }
    Handler inner = server.getHandler();
    if (config.restPort() != ServerConfig.NO_REST) {
      RestEndpoint endpoint = RestEndpoint.install(server, config, restRoutes(engine, events, config));
      endpoint.setHandler(inner);
      rest.set(endpoint);
      inner = endpoint;
    }
    if (!config.users().isEmpty()) {
      Grants grants = new Grants(config.users(), () -> rest.get() == null ? -1 : rest.get().port());
      grants.setHandler(inner);
      inner = basicAuth(grants, config.users());
    }
    HealthHandler health = new HealthHandler();
    health.setHandler(inner);
    StatisticsHandler stats = new StatisticsHandler();
    stats.setHandler(health);
    server.setHandler(stats);
    server.setStopTimeout(STOP_GRACE.toMillis());
  }

  /** What the REST port serves: the viewer's own paths first, then GraphQL, then the REST routes. */
  private static Handler restRoutes(Supplier<AsyncDb> engine, EventStream events, ServerConfig config) {
    long max = config.limits().maxRequestBytes();
    return new HandlerList(new ViewerHandler(engine, ProjectMeta.url(config), max, events), new GraphQlHandler(engine, max),
        new RestHandler(engine, max));
  }

  private static Handler basicAuth(Handler inner, Users users) {
    Constraint constraint = new Constraint(Constraint.__BASIC_AUTH, PasswordLoginService.ROLE);
    constraint.setAuthenticate(true);
    ConstraintMapping everything = new ConstraintMapping();
    everything.setConstraint(constraint);
    everything.setPathSpec("/*");
    ConstraintSecurityHandler security = new ConstraintSecurityHandler();
    security.setAuthenticator(new BasicAuthenticator());
    security.setLoginService(new PasswordLoginService(users));
    security.setConstraintMappings(List.of(everything));
    security.setHandler(inner);
    return security;
  }

  private static void checkAddress(ServerConfig config, List<String> warnings) {
    InetAddress address;
    try {
      address = InetAddress.getByName(config.host());
    } catch (UnknownHostException e) {
      throw new DbException("SERVER_HOST_UNKNOWN", 400, "Cannot listen on \"" + config.host() + "\": no such host or address on this machine.",
          "Use an address of this machine, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).", Map.of("host", config.host()));
    }
    if (address.isLoopbackAddress()) {
      return;
    }
    if (config.users().isEmpty()) {
      if (!config.insecure()) {
        throw new DbException("SERVER_AUTH_REQUIRED", 400, "Refusing to listen on " + config.host() + " without authentication:"
            + " anyone who can reach this machine could read and change the project.",
            "Add users (--user NAME with --password or ASYNC_DB_PASSWORD, or --auth-file FILE from async-db passwd),"
                + " listen on 127.0.0.1, or pass --insecure if a firewall already keeps strangers out.", Map.of("host", config.host()));
      }
      warnings.add("Listening on " + config.host() + " WITHOUT authentication (--insecure): anyone who can reach this port can read and change the project.");
    } else if (!config.tls()) {
      warnings.add("Listening on " + config.host() + " without TLS: passwords and data cross the network in clear. Add --tls-keystore.");
    }
  }

  /** Loads the key store once so a wrong path or password is reported plainly, not as a Jetty start failure; returns its type. */
  private static String checkKeystore(ServerConfig config) {
    try {
      return KeyStore.getInstance(config.tlsKeystore().toFile(), config.tlsKeystorePassword() == null ? new char[0]
          : config.tlsKeystorePassword().toCharArray()).getType();
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      // IllegalArgumentException: the file does not exist or is not a regular file.
      throw new DbException("SERVER_TLS_KEYSTORE_INVALID", 400, "Cannot use " + config.tlsKeystore() + " as the TLS key store: " + e.getMessage(),
          "Pass a PKCS12 or JKS key store holding the server's key and certificate with --tls-keystore, and its password with"
              + " --tls-keystore-password or ASYNC_DB_TLS_KEYSTORE_PASSWORD.", Map.of("keystore", config.tlsKeystore().toString()), e);
    }
  }

  private static DbException startFailure(ServerConfig config, RuntimeException e) {
    String where = config.host() + ":" + config.port();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException && String.valueOf(t.getMessage()).contains("in use")) {
        return new DbException("SERVER_PORT_IN_USE", 400, "Cannot listen on " + where + ": " + t.getMessage() + ".",
            "Another process uses the port: stop it or choose another with --port (0 picks a free one).", Map.of("port", config.port()), e);
      }
      if (t instanceof BindException) {
        return new DbException("SERVER_ADDRESS_UNAVAILABLE", 400, "Cannot listen on " + where + ": " + t.getMessage() + ".",
            "The address is not one of this machine's; use one it has, 127.0.0.1 or 0.0.0.0.", Map.of("host", config.host()), e);
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new DbException("SERVER_START_FAILED", 500, "The server could not start on " + where + ": " + root + ".",
        config.tls() ? "With --tls-keystore, check that the key's password is the key store's password." : "Run again with --verbose for the full error.",
        Map.of(), e);
  }

  /** The port listened on (the chosen one when the configuration said 0). */
  public int port() {
    return http.getPort();
  }

  /** The address clients use, such as {@code http://127.0.0.1:8765}. */
  public String url() {
    String host = config.host();
    try {
      InetAddress address = InetAddress.getByName(host);
      if (address.isAnyLocalAddress()) {
        host = InetAddress.getLocalHost().getHostName();
      } else if (address instanceof Inet6Address && host.contains(":")) {
        host = "[" + host + "]";
      }
    } catch (UnknownHostException e) {
      // Checked at start; keep the configured name.
    }
    return (config.tls() ? "https" : "http") + "://" + host + ":" + port();
  }

  /** The REST port (the chosen one when the configuration said 0), or -1 when no REST routes are served. */
  public int restPort() {
    return rest == null ? ServerConfig.NO_REST : rest.port();
  }

  /** The REST routes' and viewer's base address, such as {@code http://127.0.0.1:7331}, or null when none are served. */
  public String restUrl() {
    return rest == null ? null : url().replaceFirst(":[0-9]+$", ":" + restPort());
  }

  /** The JDBC URL to give a client: {@code jdbc:asyncdb:remote:} and {@link #url()}. */
  public String jdbcUrl() {
    return "jdbc:asyncdb:remote:" + url();
  }

  public ServerConfig config() {
    return config;
  }

  /** Things an operator should know about this configuration (printed by {@code async-db serve}). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Client connections open now. */
  public int openConnections() {
    return meta.openConnections();
  }

  /**
   * Stops gracefully: no new requests, those in flight get up to {@link #STOP_GRACE} to finish,
   * then every client connection is closed and the project released. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (liveReload != null) {
      liveReload.close();
    }
    if (events != null) {
      events.close();
    }
    reaper.shutdownNow();
    stopQuietly(http);
    meta.closeAll();
    timeouts.close();
    closeQuietly(pin);
  }

  private static void stopQuietly(HttpServer http) {
    try {
      http.stop();
    } catch (RuntimeException e) {
      // Never started, or already stopped.
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Closing releases the engine; nothing more to do if it fails.
    }
  }
}
