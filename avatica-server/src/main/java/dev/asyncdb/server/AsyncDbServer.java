package dev.asyncdb.server;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.server.devtools.DevTools;
import dev.asyncdb.server.rest.ProjectRouter;
import dev.asyncdb.server.rest.RestEndpoint;
import dev.asyncdb.server.rest.RestHandler;
import dev.asyncdb.server.viewer.ViewerHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import dev.asyncdb.server.graphql.GraphQlHandler;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerList;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.security.Constraint;

/**
 * An Avatica HTTP server over one or more projects: {@code async-db serve}, or embedded in a Java
 * application or test. Each project is a {@link HostedProject} (its own engine, lock, live reload
 * and events); a connection chooses one ({@link ProjectAccess}) and never reaches another. Requests
 * pass, outermost first: a {@link StatisticsHandler} (so that a stop waits for requests in flight),
 * {@link HealthHandler}, HTTP BASIC against {@link Users} when any are configured (then
 * {@link RequestUser}), {@link CancelHandler} ({@code POST /__db/cancel}) and {@link AvaticaEndpoint},
 * whose service ({@link CompactLocalService}) runs on {@link ProjectMeta} behind the {@link ConnectionGuard} (a request reaches
 * only its user's connections and their statements) and {@link WireErrors} — or, on the REST port, the
 * {@link ProjectRouter}. It listens on 127.0.0.1
 * unless told otherwise, and refuses a non-loopback address without users (unless
 * {@link ServerConfig#insecure()}).
 */
public final class AsyncDbServer implements AutoCloseable {
  /** How long a stop waits for requests in flight before closing connections anyway. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ServerConfig config;
  private final HttpServer http;
  private final ProjectMeta meta;
  private final ConnectionRegistry connections;
  private final StatementTimeouts timeouts;
  private final ScheduledExecutorService reaper;
  private final Map<String, HostedProject> projects;
  private final List<String> warnings;
  /** The REST connector and routes, or null when the configuration serves none. */
  private final RestEndpoint rest;
  private boolean closed;

  /** Reloads every project from its files now, as a change under db/ does (for embedding code and tests). */
  public void reloadProject() {
    projects.values().forEach(HostedProject::reload);
  }

  /** Reloads project {@code name} from its files now. */
  public void reloadProject(String name) {
    HostedProject p = projects.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no project \"" + name + "\"; this server serves " + config.projectNames());
    }
    p.reload();
  }

  private AsyncDbServer(ServerConfig config, HttpServer http, ProjectMeta meta, ConnectionRegistry connections, StatementTimeouts timeouts,
      ScheduledExecutorService reaper, Map<String, HostedProject> projects, List<String> warnings, RestEndpoint rest) {
    this.config = config;
    this.http = http;
    this.meta = meta;
    this.connections = connections;
    this.timeouts = timeouts;
    this.reaper = reaper;
    this.projects = projects;
    this.warnings = warnings;
    this.rest = rest;
  }

  /** Starts serving; throws a {@link DbException} that says what is wrong when it cannot. */
  public static AsyncDbServer start(ServerConfig config) {
    List<String> warnings = new ArrayList<>();
    checkAddress(config, warnings);
    String keystoreType = config.tls() ? checkKeystore(config) : null;
    checkFolders(config);
    checkGrants(config, warnings);
    // Each project is loaded before the first client arrives (and a broken one reported now), and
    // kept loaded by the server's own connection while clients come and go.
    Map<String, HostedProject> projects = new LinkedHashMap<>();
    try {
      config.projects().forEach((name, folder) -> projects.put(name, HostedProject.open(name, folder)));
      if (config.restPort() != ServerConfig.NO_REST) {
        projects.values().forEach(p -> p.checkDevSettings(warnings));
      }
    } catch (RuntimeException e) {
      projects.values().forEach(HostedProject::close);
      throw e;
    }
    StatementTimeouts timeouts = new StatementTimeouts(config.limits().statementTimeout());
    ProjectAccess access = new ProjectAccess(List.copyOf(projects.keySet()), config.users());
    Map<String, String> urls = new LinkedHashMap<>();
    projects.forEach((name, p) -> urls.put(name, p.jdbcUrl()));
    ConnectionRegistry connections = new ConnectionRegistry();
    ProjectMeta meta;
    try {
      meta = new ProjectMeta(config.limits(), urls, access, timeouts, connections);
    } catch (SQLException e) {
      throw new IllegalStateException("JdbcMeta rejected its cache settings", e);
    }
    AvaticaEndpoint endpoint = new AvaticaEndpoint(new CompactLocalService(WireErrors.wrap(ConnectionGuard.wrap(meta, connections)), connections),
        config.limits().maxRequestBytes());
    AtomicReference<RestEndpoint> rest = new AtomicReference<>();
    ServerCustomizer<Server> handlers = server -> customize(server, config, projects, access, meta, rest);
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
      projects.values().forEach(HostedProject::close);
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
    AsyncDbServer server = new AsyncDbServer(config, http, meta, connections, timeouts, reaper, projects, new ArrayList<>(warnings), rest.get());
    // A second process that tries to open a project for writing is told to connect here instead.
    projects.values().forEach(p -> p.serveAt(server.jdbcAddress(p.name()), server.warnings));
    return server;
  }

  /** Refuses one folder served under two names: both would share one engine, and a grant for one would reach the other. */
  private static void checkFolders(ServerConfig config) {
    Map<Path, String> byFolder = new LinkedHashMap<>();
    config.projects().forEach((name, folder) -> {
      String other = byFolder.putIfAbsent(folder.toAbsolutePath().normalize(), name);
      if (other != null) {
        throw new DbException("SERVER_PROJECT_SERVED_TWICE", 400, "Projects \"" + other + "\" and \"" + name + "\" are the same folder "
            + folder.toAbsolutePath().normalize() + ".", "Serve each folder once, under one name.",
            Map.of("projects", List.of(other, name), "folder", folder.toString()));
      }
    });
  }

  /** Warns of grants naming projects this server does not serve: harmless (a users file may serve several servers), but maybe a typo. */
  private static void checkGrants(ServerConfig config, List<String> warnings) {
    for (String user : config.users().names()) {
      Grant grant = config.users().grant(user);
      if (grant.allProjects()) {
        continue;
      }
      List<String> strangers = grant.projects().keySet().stream().filter(p -> !config.projects().containsKey(p)).toList();
      if (!strangers.isEmpty()) {
        warnings.add("User " + user + " is granted project" + (strangers.size() == 1 ? " " : "s ") + String.join(", ", strangers)
            + ", which this server does not serve (it serves " + config.projectNames() + ").");
      }
    }
  }

  /**
   * Binds to the configured host, adds the REST connector, and puts health, authentication and
   * graceful stop in front of Avatica (with the cancel endpoint beside it) and the REST routes.
   */
  private static void customize(Server server, ServerConfig config, Map<String, HostedProject> projects, ProjectAccess access,
      ProjectMeta meta, AtomicReference<RestEndpoint> rest) {
    for (Connector c : server.getConnectors()) {
      ((ServerConnector) c).setHost(config.host());
    }
    CancelHandler cancel = new CancelHandler(meta, config.limits().maxRequestBytes());
    cancel.setHandler(server.getHandler());
    Handler inner = cancel;
    if (config.restPort() != ServerConfig.NO_REST) {
      RestEndpoint endpoint = RestEndpoint.install(server, config, restRoutes(projects, access, config.limits().maxRequestBytes()));
      endpoint.setHandler(inner);
      rest.set(endpoint);
      inner = endpoint;
    }
    if (!config.users().isEmpty()) {
      RequestUser user = new RequestUser();
      user.setHandler(inner);
      inner = basicAuth(user, config.users());
    }
    HealthHandler health = new HealthHandler();
    health.setHandler(inner);
    StatisticsHandler stats = new StatisticsHandler();
    stats.setHandler(health);
    server.setHandler(stats);
    server.setStopTimeout(STOP_GRACE.toMillis());
  }

  /**
   * What the REST port serves: per project, behind its {@link DevTools} (mocks, tracing), the
   * viewer's own paths first, then GraphQL, then the REST routes; the router picks the project.
   */
  private static Handler restRoutes(Map<String, HostedProject> projects, ProjectAccess access, long maxBytes) {
    Map<String, Handler> routes = new LinkedHashMap<>();
    projects.forEach((name, p) -> routes.put(name, new DevTools(name, p::engine, p.log(), p.writes(),
        new HandlerList(new ViewerHandler(p::engine, p.jdbcUrl(), maxBytes, p.events(), p.log()),
            new GraphQlHandler(p::engine, maxBytes), new RestHandler(p::engine, maxBytes)))));
    return new ProjectRouter(routes, access);
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

  /**
   * The JDBC URL to give a client: {@code jdbc:asyncdb:remote:} and {@link #url()}. With several
   * projects a client adds {@code ;project=NAME} ({@link #jdbcUrl(String)}).
   */
  public String jdbcUrl() {
    return "jdbc:asyncdb:remote:" + url();
  }

  /** The JDBC URL of project {@code name}: {@link #jdbcUrl()} with {@code ;project=NAME} when the server serves several. */
  public String jdbcUrl(String name) {
    return "jdbc:asyncdb:remote:" + jdbcAddress(name);
  }

  /** What a project's lock advertises to other processes: the address, and the project's name when there are several. */
  private String jdbcAddress(String name) {
    return projects.size() > 1 ? url() + ";project=" + name : url();
  }

  /** The names of the served projects, in the configured order. */
  public List<String> projectNames() {
    return List.copyOf(projects.keySet());
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

  /** Client connections {@code user} has open now, over every project. */
  public int openConnections(String user) {
    return meta.openConnections(user);
  }

  /** Client connections the {@link ConnectionRegistry} records now (for tests: none are left once all are closed). */
  int recordedConnections() {
    return connections.connections();
  }

  /** Statements the {@link ConnectionRegistry} records now, over every connection. */
  int recordedStatements() {
    return connections.statements();
  }

  /**
   * Stops gracefully: no new requests, those in flight get up to {@link #STOP_GRACE} to finish,
   * then every client connection is closed and the projects released. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    projects.values().forEach(HostedProject::stopWatching);
    reaper.shutdownNow();
    stopQuietly(http);
    meta.closeAll();
    timeouts.close();
    projects.values().forEach(HostedProject::close);
  }

  private static void stopQuietly(HttpServer http) {
    try {
      http.stop();
    } catch (RuntimeException e) {
      // Never started, or already stopped.
    }
  }
}
