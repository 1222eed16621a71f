package dev.asyncdb.server;

import java.nio.file.Path;

/**
 * Everything {@link AsyncDbServer} needs: the project, where to listen, who may connect, TLS and
 * limits. Defaults: 127.0.0.1, port {@value #DEFAULT_PORT}, no users (loopback only), no TLS,
 * {@link Limits#defaults()}.
 *
 * @param tlsKeystore PKCS12 or JKS key store with the server's certificate and key, or null for plain HTTP
 * @param insecure allow a non-loopback address without users (a warning is printed instead of a refusal)
 */
public record ServerConfig(Path project, String host, int port, Users users, Path tlsKeystore, String tlsKeystorePassword,
    boolean insecure, Limits limits) {
  public static final int DEFAULT_PORT = 8765;

  public static ServerConfig forProject(Path project) {
    return new ServerConfig(project, "127.0.0.1", DEFAULT_PORT, Users.none(), null, null, false, Limits.defaults());
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(project, h, port, users, tlsKeystore, tlsKeystorePassword, insecure, limits);
  }

  /** Port 0 picks a free one; {@link AsyncDbServer#port()} tells which. */
  public ServerConfig withPort(int p) {
    return new ServerConfig(project, host, p, users, tlsKeystore, tlsKeystorePassword, insecure, limits);
  }

  public ServerConfig withUsers(Users u) {
    return new ServerConfig(project, host, port, u, tlsKeystore, tlsKeystorePassword, insecure, limits);
  }

  public ServerConfig withTls(Path keystore, String password) {
    return new ServerConfig(project, host, port, users, keystore, password, insecure, limits);
  }

  public ServerConfig withInsecure(boolean i) {
    return new ServerConfig(project, host, port, users, tlsKeystore, tlsKeystorePassword, i, limits);
  }

  public ServerConfig withLimits(Limits l) {
    return new ServerConfig(project, host, port, users, tlsKeystore, tlsKeystorePassword, insecure, l);
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
