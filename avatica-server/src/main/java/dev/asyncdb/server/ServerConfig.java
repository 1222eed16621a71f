package dev.asyncdb.server;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything {@link AsyncDbServer} needs: the projects, where to listen, who may connect, TLS and
 * limits. Defaults: 127.0.0.1, port {@value #DEFAULT_PORT} (Avatica) and {@value #DEFAULT_REST_PORT} (REST), no users (loopback only), no TLS,
 * {@link Limits#defaults()}.
 *
 * @param projects the served projects by name, in the order given (at least one); a connection
 *     chooses one with its {@code project} property, which is optional when there is only one
 * @param tlsKeystore PKCS12 or JKS key store with the server's certificate and key, or null for plain HTTP
 * @param restPort port of the REST routes and the viewer on the same host, users and TLS; {@link #NO_REST} for none
 * @param insecure allow a non-loopback address without users (a warning is printed instead of a refusal)
 */
public record ServerConfig(Map<String, Path> projects, String host, int port, Users users, Path tlsKeystore, String tlsKeystorePassword,
    boolean insecure, Limits limits, int restPort) {
  public static final int DEFAULT_PORT = 8765;
  /** The REST routes' port, the original's default. */
  public static final int DEFAULT_REST_PORT = 7331;
  /** {@link #restPort()} value that serves no REST routes. */
  public static final int NO_REST = -1;
  /** A project name given explicitly: safe in a URL path, a users file's {@code projects=} list and a JDBC URL. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  public ServerConfig {
    if (projects == null || projects.isEmpty()) {
      throw new IllegalArgumentException("a server needs at least one project");
    }
    projects = Collections.unmodifiableMap(new LinkedHashMap<>(projects));
  }

  /** One project, named after its folder. */
  public static ServerConfig forProject(Path project) {
    return forProjects(Map.of(nameOf(project), project));
  }

  /** Several projects by name (an ordered map keeps the order in messages and listings). */
  public static ServerConfig forProjects(Map<String, Path> projects) {
    return new ServerConfig(projects, "127.0.0.1", DEFAULT_PORT, Users.none(), null, null, false, Limits.defaults(), NO_REST);
  }

  /** These projects and {@code dir} named {@code name} ({@link #checkProjectName checked}). */
  public ServerConfig withProject(String name, Path dir) {
    checkProjectName(name);
    if (projects.containsKey(name)) {
      throw new IllegalArgumentException("project \"" + name + "\" is already served (from " + projects.get(name) + ")");
    }
    Map<String, Path> more = new LinkedHashMap<>(projects);
    more.put(name, dir);
    return new ServerConfig(more, host, port, users, tlsKeystore, tlsKeystorePassword, insecure, limits, restPort);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(projects, h, port, users, tlsKeystore, tlsKeystorePassword, insecure, limits, restPort);
  }

  /** Port 0 picks a free one; {@link AsyncDbServer#port()} tells which. */
  public ServerConfig withPort(int p) {
    return new ServerConfig(projects, host, p, users, tlsKeystore, tlsKeystorePassword, insecure, limits, restPort);
  }

  public ServerConfig withUsers(Users u) {
    return new ServerConfig(projects, host, port, u, tlsKeystore, tlsKeystorePassword, insecure, limits, restPort);
  }

  public ServerConfig withTls(Path keystore, String password) {
    return new ServerConfig(projects, host, port, users, keystore, password, insecure, limits, restPort);
  }

  public ServerConfig withInsecure(boolean i) {
    return new ServerConfig(projects, host, port, users, tlsKeystore, tlsKeystorePassword, i, limits, restPort);
  }

  public ServerConfig withLimits(Limits l) {
    return new ServerConfig(projects, host, port, users, tlsKeystore, tlsKeystorePassword, insecure, l, restPort);
  }

  /** The port of the REST routes and viewer (0 picks a free one, {@link #NO_REST} serves none). */
  public ServerConfig withRestPort(int p) {
    return new ServerConfig(projects, host, port, users, tlsKeystore, tlsKeystorePassword, insecure, limits, p);
  }

  public boolean tls() {
    return tlsKeystore != null;
  }

  /** The names of the served projects, in order, joined for messages: {@code app, shop}. */
  public String projectNames() {
    return String.join(", ", projects.keySet());
  }

  /** The name a project folder gets when none is given: the folder's own name. */
  public static String nameOf(Path folder) {
    Path name = folder.toAbsolutePath().normalize().getFileName();
    return name == null ? "/" : name.toString();
  }

  /**
   * Checks a project name given explicitly ({@code --project NAME=DIR}, a users file's
   * {@code projects=}): letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter
   * or digit. Throws {@link IllegalArgumentException} naming what was received.
   */
  public static String checkProjectName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("project name \"" + name + "\" is not valid: use letters, digits, '.', '_' and '-',"
          + " starting with a letter or digit");
    }
    return name;
  }
}
