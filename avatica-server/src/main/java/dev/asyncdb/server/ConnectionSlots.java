package dev.asyncdb.server;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Open connections, counted in total and per authenticated user (over every project), against
 * {@link Limits#maxConnections()} and {@link Limits#maxConnectionsPerUser()}. A connection takes a
 * slot before it is opened and gives it back once when it closes, however it closes.
 */
final class ConnectionSlots {
  private final Limits limits;
  private final Map<String, Integer> byUser = new HashMap<>();
  private int total;

  ConnectionSlots(Limits limits) {
    this.limits = limits;
  }

  /**
   * Takes a slot for {@code user} (null: no authentication, only the total counts); the returned
   * action gives it back (running it again does nothing). Throws SQLState 08004 naming the limit reached.
   */
  synchronized Runnable take(String user) throws SQLException {
    if (total >= limits.maxConnections()) {
      throw new SQLException("The server has " + total + " open connections, its limit (--max-connections). Close connections you no longer use,"
          + " or ask the server's operator to raise the limit; idle connections close after " + Durations.format(limits.idleTimeout()) + ".",
          "08004");
    }
    int perUser = limits.maxConnectionsPerUser();
    int mine = user == null ? 0 : byUser.getOrDefault(user, 0);
    if (user != null && perUser != Limits.NO_PER_USER_LIMIT && mine >= perUser) {
      throw new SQLException("User " + user + " has " + mine + " open connections, the limit per user (--max-connections-per-user " + perUser
          + "). Close connections you no longer use, or ask the server's operator to raise the limit; idle connections close after "
          + Durations.format(limits.idleTimeout()) + ".", "08004");
    }
    total++;
    if (user != null) {
      byUser.merge(user, 1, Integer::sum);
    }
    AtomicBoolean given = new AtomicBoolean();
    return () -> {
      if (given.compareAndSet(false, true)) {
        give(user);
      }
    };
  }

  private synchronized void give(String user) {
    total--;
    if (user != null) {
      byUser.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
    }
  }

  synchronized int open() {
    return total;
  }

  /** Connections {@code user} has open now. */
  synchronized int openBy(String user) {
    return byUser.getOrDefault(user, 0);
  }
}
