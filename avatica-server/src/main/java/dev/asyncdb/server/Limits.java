package dev.asyncdb.server;

import java.time.Duration;

/**
 * What one server grants its clients, so that a misbehaving or vanished client cannot exhaust it.
 *
 * @param maxConnections open connections at once; one more is refused (SQLState 08004)
 * @param maxConnectionsPerUser open connections of one authenticated user at once, counted over
 *     every project; one more is refused (SQLState 08004). {@link #NO_PER_USER_LIMIT} for none, so
 *     only {@code maxConnections} applies (as it always does, and for a server without users)
 * @param idleTimeout a connection or statement unused this long is closed and its resources freed
 *     (also what a client that disappears mid-fetch costs at most)
 * @param statementTimeout one execute or fetch call running longer is cancelled (SQLState 57014);
 *     zero means no limit
 * @param maxFrameRows rows per result frame at most, whatever the client asks for, so one fetch
 *     cannot make the server build an unbounded response
 * @param maxRequestBytes largest request body accepted (SQLState 54000 beyond)
 */
public record Limits(int maxConnections, int maxConnectionsPerUser, Duration idleTimeout, Duration statementTimeout, int maxFrameRows, long maxRequestBytes) {
  /** {@link #maxConnectionsPerUser()} value for no per-user limit. */
  public static final int NO_PER_USER_LIMIT = 0;

  public Limits {
    if (maxConnectionsPerUser < 0) {
      throw new IllegalArgumentException("the per-user connection limit must be positive (or 0 for none), got " + maxConnectionsPerUser);
    }
    if (maxConnections < 1 || maxFrameRows < 1 || maxRequestBytes < 1) {
      throw new IllegalArgumentException("connection, frame and request limits must be positive");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero() || statementTimeout.isNegative()) {
      throw new IllegalArgumentException("the idle timeout must be positive and the statement timeout not negative");
    }
  }

  /**
   * 64 connections (no per-user limit), 10 idle minutes, 2-minute statements (under the 3 minutes an Avatica client
   * waits for a response, so a client hears the timeout instead of losing the socket), 10,000-row
   * frames, 16 MiB requests.
   */
  public static Limits defaults() {
    return new Limits(64, NO_PER_USER_LIMIT, Duration.ofMinutes(10), Duration.ofMinutes(2), 10_000, 16L << 20);
  }

  public Limits withMaxConnections(int n) {
    return new Limits(n, maxConnectionsPerUser, idleTimeout, statementTimeout, maxFrameRows, maxRequestBytes);
  }

  /** At most {@code n} open connections per user ({@link #NO_PER_USER_LIMIT} for none). */
  public Limits withMaxConnectionsPerUser(int n) {
    return new Limits(maxConnections, n, idleTimeout, statementTimeout, maxFrameRows, maxRequestBytes);
  }

  public Limits withIdleTimeout(Duration d) {
    return new Limits(maxConnections, maxConnectionsPerUser, d, statementTimeout, maxFrameRows, maxRequestBytes);
  }

  public Limits withStatementTimeout(Duration d) {
    return new Limits(maxConnections, maxConnectionsPerUser, idleTimeout, d, maxFrameRows, maxRequestBytes);
  }

  public Limits withMaxFrameRows(int n) {
    return new Limits(maxConnections, maxConnectionsPerUser, idleTimeout, statementTimeout, n, maxRequestBytes);
  }

  public Limits withMaxRequestBytes(long n) {
    return new Limits(maxConnections, maxConnectionsPerUser, idleTimeout, statementTimeout, maxFrameRows, n);
  }
}
