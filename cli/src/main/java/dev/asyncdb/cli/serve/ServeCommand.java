package dev.asyncdb.cli.serve;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.UsageError;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.Durations;
import dev.asyncdb.server.Limits;
import dev.asyncdb.server.ServerConfig;
import dev.asyncdb.server.Users;
import dev.asyncdb.server.rest.ProjectRouter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code async-db serve}: one or more projects as an Avatica server until Ctrl-C (or SIGTERM),
 * which stops it gracefully. {@code --project DIR} serves a folder under its own name,
 * {@code --project NAME=DIR} under a name of your choice; repeat it to host several, each its own
 * database that a connection chooses with its {@code project} property. It prints one line with the address and the JDBC URL to connect with; warnings
 * about the configuration go to stderr. Passwords can come from the environment so that they stay
 * out of the process list.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serve the project to remote JDBC clients (Avatica protocol over HTTP) until stopped with Ctrl-C.",
        "Connect with jdbc:asyncdb:remote:http://HOST:PORT. Listens on 127.0.0.1 unless --host says otherwise;",
        "any other address needs users (--user/--password or --auth-file) or --insecure.",
        "Several projects: --project NAME=DIR, repeated; a connection then adds ;project=NAME."})
public final class ServeCommand implements Callable<Integer> {
  static final String PASSWORD_ENV = "ASYNC_DB_PASSWORD";
  static final String KEYSTORE_PASSWORD_ENV = "ASYNC_DB_TLS_KEYSTORE_PASSWORD";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_PORT,
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--rest-port", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_REST_PORT,
      description = "Port of the REST routes and the /__db viewer, same host, users and TLS (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int restPort;

  @Option(names = "--no-rest", description = "Serve no REST routes or viewer, only the Avatica endpoint.")
  boolean noRest;

  @Option(names = "--user", paramLabel = "NAME", description = "The one user allowed in (HTTP BASIC); needs --password or " + PASSWORD_ENV + ".")
  String user;

  @Option(names = "--password", paramLabel = "SECRET", description = "Password of --user. Prefer " + PASSWORD_ENV + ", which stays out of the process list.")
  String password;

  @Option(names = "--auth-file", paramLabel = "FILE", description = "Users file (NAME:HASH lines, written by async-db passwd).")
  Path authFile;

  @Option(names = "--insecure", description = "Allow a non-loopback --host without users (a warning is printed).")
  boolean insecure;

  @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS12 or JKS key store with the server's key and certificate: serve https.")
  Path tlsKeystore;

  @Option(names = "--tls-keystore-password", paramLabel = "SECRET", description = "Its password (or " + KEYSTORE_PASSWORD_ENV + ").")
  String tlsKeystorePassword;

  @Option(names = "--max-connections", paramLabel = "N", defaultValue = "64", description = "Open connections at most (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--max-connections-per-user", paramLabel = "N", defaultValue = "0",
      description = "Open connections of one user at most, over every project; 0 for no limit but --max-connections (default: ${DEFAULT-VALUE}).")
  int maxConnectionsPerUser;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "10m",
      description = "Close connections and statements unused this long (default: ${DEFAULT-VALUE}).")
  String idleTimeout;

  @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "2m",
      description = "Cancel an execute or fetch running longer; 0 for none (default: ${DEFAULT-VALUE}).")
  String statementTimeout;

  @Option(names = "--max-frame-rows", paramLabel = "N", defaultValue = "10000", description = "Rows per result frame at most (default: ${DEFAULT-VALUE}).")
  int maxFrameRows;

  @Option(names = "--max-request-bytes", paramLabel = "N", defaultValue = "16777216",
      description = "Largest request body accepted (default: ${DEFAULT-VALUE}).")
  long maxRequestBytes;

  @Override
  public Integer call() {
    Main main = Main.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerConfig config = ServerConfig.forProjects(projects(main.projectArguments())).withHost(host).withPort(port).withUsers(users())
        .withInsecure(insecure).withLimits(limits()).withRestPort(noRest ? ServerConfig.NO_REST : restPort);
    if (tlsKeystore != null) {
      config = config.withTls(tlsKeystore.toAbsolutePath(), secret(tlsKeystorePassword, KEYSTORE_PASSWORD_ENV));
    }
    AsyncDbServer server = AsyncDbServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      err.println("async-db: server stopped");
      err.flush();
      stopped.countDown();
    }, "async-db-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    server.warnings().forEach(w -> err.println("warn: " + w));
    if (config.projects().size() == 1) {
      out.println("Serving " + config.projectNames() + " at " + server.url() + " - connect with " + server.jdbcUrl());
      if (server.restUrl() != null) {
        out.println("REST routes at " + server.restUrl() + "/db/<resource>, viewer at " + server.restUrl() + "/__db");
      }
    } else {
      out.println("Serving " + config.projectNames() + " at " + server.url() + " - connect with " + server.jdbcUrl() + ";project=NAME");
      if (server.restUrl() != null) {
        String base = server.restUrl() + ProjectRouter.PREFIX + "/NAME";
        out.println("REST routes at " + base + "/db/<resource>, viewer at " + base + "/__db");
      }
    }
    out.flush();
    if (main.terminal()) {
      err.println("Press Ctrl-C to stop.");
    }
    err.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from inside the JVM (an embedding application or a test) rather than by a signal.
      Runtime.getRuntime().removeShutdownHook(hook);
      hook.run();
    }
    return 0;
  }

  /**
   * The projects to serve: {@code NAME=DIR} when the text before the first {@code =} is no path
   * (has no separator), else a folder named after itself. Names must be unique.
   */
  static Map<String, Path> projects(List<String> arguments) {
    Map<String, Path> projects = new LinkedHashMap<>();
    for (String argument : arguments) {
      int eq = argument.indexOf('=');
      String before = eq < 0 ? null : argument.substring(0, eq);
      boolean named = before != null && !before.contains("/") && !before.contains(java.io.File.separator);
      String name;
      Path dir;
      if (named) {
        try {
          name = ServerConfig.checkProjectName(before);
        } catch (IllegalArgumentException e) {
          throw new UsageError("SERVE_PROJECT_NAME_INVALID", "--project " + argument + ": " + e.getMessage() + ".",
              "Write --project NAME=DIR, e.g. --project shop=./shop (a folder whose name contains '=' is written with a path: ./" + argument + ").");
        }
        if (argument.length() == eq + 1) {
          throw new UsageError("SERVE_PROJECT_FOLDER_MISSING", "--project " + argument + " names no folder.", "Write --project " + name + "=DIR.");
        }
        dir = Path.of(argument.substring(eq + 1));
      } else {
        dir = Path.of(argument);
        name = ServerConfig.nameOf(dir);
      }
      Path other = projects.putIfAbsent(name, dir);
      if (other != null) {
        throw new UsageError("SERVE_PROJECT_DUPLICATE", "Two projects are named \"" + name + "\" (" + other + " and " + dir + ").",
            "Name them apart: --project NAME=DIR, e.g. --project " + name + "2=" + dir + ".");
      }
    }
    return projects;
  }

  private Users users() {
    if (authFile != null) {
      if (user != null || password != null) {
        throw new UsageError("SERVE_AUTH_CONFLICT", "--auth-file and --user/--password both say who may connect.",
            "Use one: add the user to the file with async-db passwd, or drop --auth-file.");
      }
      return Users.load(authFile.toAbsolutePath());
    }
    if (user == null) {
      if (password != null) {
        throw new UsageError("SERVE_USER_MISSING", "--password was given without --user.", "Add --user NAME.");
      }
      return Users.none();
    }
    String secret = secret(password, PASSWORD_ENV);
    if (secret == null || secret.isEmpty()) {
      throw new UsageError("SERVE_PASSWORD_MISSING", "--user " + user + " has no password.",
          "Set " + PASSWORD_ENV + " (kept out of the process list) or pass --password.");
    }
    try {
      return Users.of(user, secret);
    } catch (IllegalArgumentException e) {
      throw new UsageError("SERVE_USER_INVALID", "Invalid --user: " + e.getMessage() + ".", "Pick a plain user name such as ada.");
    }
  }

  private Limits limits() {
    try {
      return Limits.defaults().withMaxConnections(maxConnections).withMaxConnectionsPerUser(maxConnectionsPerUser).withIdleTimeout(duration(idleTimeout, "--idle-timeout"))
          .withStatementTimeout(duration(statementTimeout, "--statement-timeout")).withMaxFrameRows(maxFrameRows).withMaxRequestBytes(maxRequestBytes);
    } catch (IllegalArgumentException e) {
      throw new UsageError("SERVE_LIMIT_INVALID", "Invalid limit: " + e.getMessage() + ".",
          "Counts and sizes must be positive (--max-connections-per-user 0 means no per-user limit); --idle-timeout must be longer than zero.");
    }
  }

  private static Duration duration(String text, String option) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageError("SERVE_DURATION_INVALID", option + ": " + e.getMessage() + ".", "Examples: 30s, 10m, 2h; 0 turns a timeout off.");
    }
  }

  private static String secret(String given, String env) {
    return given != null ? given : System.getenv(env);
  }
}
