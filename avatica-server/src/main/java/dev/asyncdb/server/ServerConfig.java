package dev.asyncdb.server;

import java.nio.file.Path;

/**
 * Everything {@link AsyncDbServer} needs: the project, where to listen, who may connect, TLS and
 * limits. Defaults: 127.0.0.1, port {@value #DEFAULT_PORT} (Avatica) and {@value #DEFAULT_REST_PORT} (REST), no users (loopback only), no TLS,
 * {@link Limits#defaults()}.
 *
 * @param tlsKeystore PKCS12 or JKS key store with the server's certificate and key, or null for plain HTTP
 * @param restPort port of the REST routes and the viewer on the same host, users and TLS; {@link #NO_REST} for none
 * @param insecure allow a non-loopback address without users (a warning is printed instead of a refusal)
 */
public record ServerConfig(Path project, String host, int port, Users users, Path tlsKeystore, String tlsKeystorePassword,
    boolean insecure, Limits limits, int restPort) {
  public static final int DEFAULT_PORT = 8765;
  /** The REST routes' port, the original's default. */
  public static final int DEFAULT_REST_PORT = 7331;
  /** {@link #restPort()} value that serves no REST routes. */
  public static final int NO_REST = -1;

  public static ServerConfig forProject(Path project) {
    return new ServerConfig(project, "127.0.0.1", DEFAULT_PORT, Users.none(), null, null, false, Limits.defaults(), NO_REST);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(project, h, port, users, tlsKeystore, tlsKeystorePassword, insecure, limits, restPort);
  }

  /** Port 0 picks a free one; {@link AsyncDbServer#port()} tells which. */
  public ServerConfig withPort(int p) {
    return new ServerConfig(project, host, p, users, tlsKeystore, tlsKeystorePassword, insecure, limits, restPort);
  }

  public ServerConfig withUsers(Users u) {
    return new ServerConfig(project, host, port, u, tlsKeystore, tlsKeystorePassword, insecure, limits, restPort);
  }

  public ServerConfig withTls(Path keystore, String password) {
    return new ServerConfig(project, host, port, users, keystore, password, insecure, limits, restPort);
  }

  public ServerConfig withInsecure(boolean i) {
    return new ServerConfig(project, host, port, users, tlsKeystore, tlsKeystorePassword, i, limits, restPort);
  }

  public ServerConfig withLimits(Limits l) {
    return new ServerConfig(project, host, port, users, tlsKeystore, tlsKeystorePassword, insecure, l, restPort);
  }

  /** The port of the REST routes and viewer (0 picks a free one, {@link #NO_REST} serves none). */
  public ServerConfig withRestPort(int p) {
    return new ServerConfig(project, host, port, users, tlsKeystore, tlsKeystorePassword, insecure, limits, p);
  }

  public boolean tls() {
    return tlsKeystore != null;
  }

  /** The name clients may give in the {@code project} property: the project folder's name. */
  public String projectName() {
    Path name = project.toAbsolutePath().normalize().getFileName();
    return name == null ? "/" : name.toString();
  }
}
